import "server-only";
// Imports and voids as the app's users make them: the batch in the user's scope, then the
// import job (its own process) or the void (and its re-check, queued as a job).
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { pipeline as streamPipeline } from "node:stream/promises";
import { and, eq } from "drizzle-orm";
import { databasePath, getDb, writeTransactionWhenFree } from "@/db/client";
import { batches, jobs, statementImports, type Job } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { canEditRecord, canReadRecord, managesArea, type ScopedUser } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import type { StatementFormat } from "@/lib/statements";
import { getJob, settleDeadJobs } from "@/lib/jobs/queue";
import { startJobProcess } from "@/lib/jobs/service";
import { createImportJob, sweepStrayUploads, uploadsDir } from "./jobs";
import { voidImport } from "./void";

/** The most a statement upload may carry (a 1,000,000-row WeChat bill is about 210 MB). */
export const MAX_STATEMENT_BYTES = 512 * 1024 * 1024;

/** The request body as chunks, refused as soon as it passes the limit, whatever Content-Length said. */
export async function* limitedBody(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_STATEMENT_BYTES): AsyncGenerator<Uint8Array> {
  if (!body) throw new AppError("INVALID", "statementEmpty");
  let seen = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (seen > maxBytes) throw new AppError("INVALID", "statementTooLarge");
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
  if (seen === 0) throw new AppError("INVALID", "statementEmpty");
}

/**
 * Staff upload a statement into a batch of their own department and area: the body goes to a
 * file beside the database, a job is recorded and its import process started. The import runs
 * there, never in this (web server) process; the caller polls the job.
 */
export async function receiveStatement(
  user: ScopedUser,
  batchId: number,
  body: ReadableStream<Uint8Array> | null,
  options: { format: StatementFormat | "auto"; fileName: string; actor: AuditActor; ip: string | null },
): Promise<{ jobId: number }> {
  const db = getDb();
  const batch = db.select().from(batches).where(eq(batches.id, batchId)).get();
  if (!batch || !canEditRecord(user, batch)) throw new AppError("NOT_FOUND", "notFound");
  // Said before the upload, not after it; the import process checks again.
  if (batch.status !== "approved") throw new AppError("CONFLICT", "importBatchNotApproved");
  const dir = uploadsDir(databasePath());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  sweepStrayUploads(db, dir);
  const filePath = join(dir, `${randomUUID()}.upload`);
  // Opened before the first byte, so a refusal removes a file that surely exists (no late open).
  const file = await open(filePath, "wx", 0o600);
  try {
    await streamPipeline(limitedBody(body), file.createWriteStream());
  } catch (error) {
    await file.close().catch(() => undefined);
    rmSync(filePath, { force: true });
    throw error;
  }
  // An import running now may hold the write lock for seconds: the job is recorded when it is free.
  const bytes = statSync(filePath).size;
  const jobId = await writeTransactionWhenFree(() => createImportJob(db, { batchId, filePath, bytes, ...options }), db);
  startJobProcess(db, jobId);
  return { jobId };
}

/** An import job of a batch the user may read (404 otherwise); a job whose process died is marked failed first. */
export function getImportJobForUser(user: ScopedUser, jobId: number): Job {
  const db = getDb();
  const row = db
    .select({ departmentId: batches.departmentId, areaId: batches.areaId, status: jobs.status })
    .from(jobs)
    .innerJoin(batches, eq(batches.id, jobs.batchId))
    .where(and(eq(jobs.id, jobId), eq(jobs.kind, "import")))
    .get();
  if (!row || !canReadRecord(db, user, row)) throw new AppError("NOT_FOUND", "notFound");
  if (row.status === "queued" || row.status === "running") settleDeadJobs(db, [jobId]);
  return getJob(db, jobId)!;
}

/** Managers void imports of batches in their area (and below). */
export function voidImportForManager(user: ScopedUser, importId: number, reason: string, actor: AuditActor, ip: string | null) {
  const db = getDb();
  const row = db
    .select({ areaId: batches.areaId })
    .from(statementImports)
    .innerJoin(batches, eq(batches.id, statementImports.batchId))
    .where(eq(statementImports.id, importId))
    .get();
  if (!row || !managesArea(db, user, row.areaId)) throw new AppError("NOT_FOUND", "notFound");
  return voidImport(db, { importId, reason, actor, ip });
}
