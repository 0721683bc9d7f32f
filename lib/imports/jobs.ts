// Import jobs: a statement uploaded through the web is imported by a process of its own
// (scripts/import-job.ts), so the web server's event loop never waits on a large import.
// No "server-only" here: the import process loads this module outside Next.
import { createReadStream, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { batches, importJobs, type ImportJob } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import type { StatementFormat } from "@/lib/statements";
import { refreshAnomalies } from "@/lib/anomalies/refresh";
import { importStatement, type ImportOutcome } from "./pipeline";

/** Where uploads wait for their import: beside the database, never under a user-given name. */
export function uploadsDir(databaseFile: string): string {
  return join(dirname(databaseFile), "uploads");
}

/** A queued job with no process yet is given this long before it counts as lost. */
const UNSTARTED_GRACE_MS = 60_000;
/** A file in the uploads folder that no live job names is removed after this long untouched. */
const STRAY_UPLOAD_MS = 60 * 60_000;
const PROGRESS_EVERY_MS = 500;
const TURN_POLL_MS = 500;

const ACTIVE = ["queued", "running"] as const;

export function createImportJob(
  db: Db,
  job: { batchId: number; fileName: string; filePath: string; bytes: number; format: StatementFormat | "auto"; actor: AuditActor; ip: string | null },
): number {
  return db
    .insert(importJobs)
    .values({
      batchId: job.batchId,
      fileName: job.fileName.slice(0, 200),
      filePath: job.filePath,
      bytes: job.bytes,
      format: job.format,
      requestedBy: job.actor.id,
      requestedByName: job.actor.name,
      ip: job.ip,
    })
    .returning({ id: importJobs.id })
    .get().id;
}

export function getImportJob(db: Db, id: number): ImportJob | undefined {
  return db.select().from(importJobs).where(eq(importJobs.id, id)).get();
}

/** The job's outcome as the pipeline gave it (null until it ends, and for a job that died or erred). */
export function jobOutcome(job: ImportJob): ImportOutcome | null {
  return (job.result as ImportOutcome | null) ?? null;
}

/** True while `pid` is an import process; a pid reused by another program does not count. */
export function importProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("import-job");
  } catch {
    // No /proc (not Linux): the signal check is all there is.
    return process.platform !== "linux";
  }
}

function finishJob(db: Db, id: number, fields: { status: "done" | "failed"; result?: ImportOutcome | null; error?: string | null }): boolean {
  return (
    db
      .update(importJobs)
      .set({ status: fields.status, result: fields.result ?? null, error: fields.error ?? null, finishedAt: new Date() })
      .where(and(eq(importJobs.id, id), inArray(importJobs.status, ACTIVE)))
      .run().changes === 1
  );
}

/**
 * Marks failed every queued or running job (of `ids`, or all) whose process is gone, and removes
 * its file. The import itself needs no undoing: it is one transaction, and its staged rows are
 * swept by the next import.
 */
export function settleDeadJobs(db: Db, ids?: number[]): number {
  const active = db
    .select()
    .from(importJobs)
    .where(ids ? and(inArray(importJobs.status, ACTIVE), inArray(importJobs.id, ids)) : inArray(importJobs.status, ACTIVE))
    .all();
  let settled = 0;
  for (const job of active) {
    const lost = job.pid === null ? Date.now() - job.createdAt.getTime() > UNSTARTED_GRACE_MS : job.pid !== process.pid && !importProcessAlive(job.pid);
    if (!lost) continue;
    if (finishJob(db, job.id, { status: "failed", error: "importJobDied" })) settled++;
    rmSync(job.filePath, { force: true });
  }
  return settled;
}

/** Ends a job that will never run (its process could not start), and removes its file. */
export function abandonImportJob(db: Db, id: number, error: string): void {
  const job = getImportJob(db, id);
  if (!job) return;
  finishJob(db, id, { status: "failed", error });
  rmSync(job.filePath, { force: true });
}

/** Removes uploads no live job names (a server stopped mid-upload), once they have lain untouched a while. */
export function sweepStrayUploads(db: Db, dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const kept = new Set(
    db
      .select({ path: importJobs.filePath })
      .from(importJobs)
      .where(inArray(importJobs.status, ACTIVE))
      .all()
      .map((j) => j.path),
  );
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    if (kept.has(path)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs < STRAY_UPLOAD_MS) continue;
      rmSync(path, { force: true });
      removed++;
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

/** Passes the file's bytes through, telling how far it got every so often. */
async function* reporting(source: AsyncIterable<Uint8Array>, report: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  let last = Date.now();
  for await (const chunk of source) {
    bytes += chunk.byteLength;
    if (Date.now() - last >= PROGRESS_EVERY_MS) {
      last = Date.now();
      report(bytes);
    }
    yield chunk;
  }
  report(bytes);
}

/**
 * Imports waiting before this one: imports run one at a time, in the order they were uploaded,
 * so two large ones never contend for SQLite's single writer.
 */
function jobsAhead(db: Db, id: number): number {
  settleDeadJobs(db);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(importJobs)
    .where(and(lt(importJobs.id, id), inArray(importJobs.status, ACTIVE)))
    .get()!.n;
}

/**
 * The anomaly checks over the batch, after its import committed: in this process, not the web
 * server's, and outside the import's transaction, so a check that fails never undoes an import
 * (the batch's checks then show as older than its imports, and a manager can re-run them).
 */
function checkAfterImport(db: Db, batchId: number): void {
  try {
    refreshAnomalies(db, batchId);
  } catch (error) {
    console.error(`[import-job] anomaly checks of batch ${batchId} failed`, error);
  }
}

/**
 * Runs one queued job in this process: waits its turn, marks it running, imports the file as
 * the user who uploaded it, keeps the outcome on the job and removes the file. Returns the job.
 */
export async function runImportJob(db: Db, id: number): Promise<ImportJob> {
  const queued = getImportJob(db, id);
  if (!queued) throw new Error(`no import job ${id}`);
  if (queued.status !== "queued") return queued;
  let end: Parameters<typeof finishJob>[2] | null = null;
  try {
    while (jobsAhead(db, id) > 0) await new Promise((resolve) => setTimeout(resolve, TURN_POLL_MS));
    const started = db
      .update(importJobs)
      .set({ status: "running", pid: process.pid, startedAt: new Date() })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, "queued")))
      .run();
    if (started.changes !== 1) return getImportJob(db, id)!;

    const batch = db.select({ code: batches.code }).from(batches).where(eq(batches.id, queued.batchId)).get();
    if (!batch) throw new AppError("NOT_FOUND", "importBatchUnknown");
    const progress = db.$client.prepare(`update import_jobs set bytes_read = ? where id = ?`);
    const outcome = await importStatement(db, {
      batchCode: batch.code,
      source: reporting(createReadStream(queued.filePath), (bytes) => progress.run(bytes, id)),
      format: queued.format as StatementFormat | "auto",
      fileName: queued.fileName,
      actor: { id: queued.requestedBy, name: queued.requestedByName },
      ip: queued.ip,
    });
    end = outcome.ok ? { status: "done", result: outcome } : { status: "failed", result: outcome, error: outcome.reason };
    if (outcome.ok && !outcome.alreadyImported) checkAfterImport(db, queued.batchId);
  } catch (error) {
    if (error instanceof AppError) {
      end = { status: "failed", error: error.messageKey };
    } else {
      // The details stay in the server log; the job (and so the browser) says only that it failed.
      console.error(`[import-job] job ${id} failed`, error);
      end = { status: "failed", error: "ERROR" };
    }
  } finally {
    // The file goes first: a job seen ended has none left on disk.
    rmSync(queued.filePath, { force: true });
    if (end) finishJob(db, id, end);
  }
  return getImportJob(db, id)!;
}
