// Import jobs: a statement uploaded through the web is imported by a job process
// (scripts/job.ts, lib/jobs/queue.ts), so the web server's event loop never waits on a large import.
// No "server-only" here: the job process loads this module outside Next.
import { createReadStream, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { batches, jobs, type Job } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import type { StatementFormat } from "@/lib/statements";
import { refreshAnomalies } from "@/lib/anomalies/refresh";
import { ACTIVE_JOB_STATUSES, finishJob, getJob, takeTurn, type JobEnd } from "@/lib/jobs/queue";
import { importStatement, type ImportOutcome } from "./pipeline";

/** Where uploads wait for their import: beside the database, never under a user-given name. */
export function uploadsDir(databaseFile: string): string {
  return join(dirname(databaseFile), "uploads");
}

/** A file in the uploads folder that no live job names is removed after this long untouched. */
const STRAY_UPLOAD_MS = 60 * 60_000;
const PROGRESS_EVERY_MS = 500;

export function createImportJob(
  db: Db,
  job: { batchId: number; fileName: string; filePath: string; bytes: number; format: StatementFormat | "auto"; actor: AuditActor; ip: string | null },
): number {
  return db
    .insert(jobs)
    .values({
      kind: "import",
      batchId: job.batchId,
      fileName: job.fileName.slice(0, 200),
      filePath: job.filePath,
      bytes: job.bytes,
      format: job.format,
      requestedBy: job.actor.id,
      requestedByName: job.actor.name,
      ip: job.ip,
    })
    .returning({ id: jobs.id })
    .get().id;
}

/** The job's outcome as the pipeline gave it (null until it ends, and for a job that died or erred). */
export function jobOutcome(job: Job): ImportOutcome | null {
  return (job.result as ImportOutcome | null) ?? null;
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
      .select({ path: jobs.filePath })
      .from(jobs)
      .where(and(eq(jobs.kind, "import"), inArray(jobs.status, ACTIVE_JOB_STATUSES)))
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
 * The anomaly checks over the batch, after its import committed: in this process, not the web
 * server's, and outside the import's transaction, so a check that fails never undoes an import
 * (the batch's checks then show as older than its imports, and a manager can re-run them).
 */
function checkAfterImport(db: Db, batchId: number): void {
  try {
    refreshAnomalies(db, batchId);
  } catch (error) {
    console.error(`[job] anomaly checks of batch ${batchId} failed`, error);
  }
}

/**
 * Runs one queued import job in this process: waits its turn (after every job queued before it),
 * marks it running, imports the file as the user who uploaded it, keeps the outcome on the job
 * and removes the file. Returns the job.
 */
export async function runImportJob(db: Db, id: number): Promise<Job> {
  const queued = getJob(db, id);
  if (!queued || queued.kind !== "import") throw new Error(`no import job ${id}`);
  if (queued.status !== "queued") return queued;
  const filePath = queued.filePath!;
  let end: JobEnd | null = null;
  try {
    if (!(await takeTurn(db, id))) return getJob(db, id)!;

    const batch = db.select({ code: batches.code }).from(batches).where(eq(batches.id, queued.batchId!)).get();
    if (!batch) throw new AppError("NOT_FOUND", "importBatchUnknown");
    const progress = db.$client.prepare(`update jobs set bytes_read = ? where id = ?`);
    const outcome = await importStatement(db, {
      batchCode: batch.code,
      source: reporting(createReadStream(filePath), (bytes) => progress.run(bytes, id)),
      format: queued.format as StatementFormat | "auto",
      fileName: queued.fileName!,
      actor: { id: queued.requestedBy, name: queued.requestedByName },
      ip: queued.ip,
    });
    end = outcome.ok ? { status: "done", result: outcome } : { status: "failed", result: outcome, error: outcome.reason };
    if (outcome.ok && !outcome.alreadyImported) checkAfterImport(db, queued.batchId!);
  } catch (error) {
    if (error instanceof AppError) {
      end = { status: "failed", error: error.messageKey };
    } else {
      // The details stay in the server log; the job (and so the browser) says only that it failed.
      console.error(`[job] import job ${id} failed`, error);
      end = { status: "failed", error: "ERROR" };
    }
  } finally {
    // The file goes first: a job seen ended has none left on disk.
    rmSync(filePath, { force: true });
    if (end) finishJob(db, id, end);
  }
  return getJob(db, id)!;
}
