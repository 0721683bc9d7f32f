// The job queue: work the web server hands to a process of its own (scripts/job.ts) — a
// statement import or the anomaly checks — run one job at a time, in the order queued, so two
// large writers never contend for SQLite's single writer and the web server never waits on one.
// No "server-only" here: the job process loads this module outside Next.
import { rmSync, readFileSync } from "node:fs";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { jobs, type Job, type JobKind } from "@/db/schema";

/** The script each job process runs, from source (Next's bundle holds no copy of it). */
export const JOB_SCRIPT = "scripts/job.ts";

/** A queued job with no process yet is given this long before it counts as lost. */
const UNSTARTED_GRACE_MS = 60_000;
const TURN_POLL_MS = 500;

export const ACTIVE_JOB_STATUSES = ["queued", "running"] as const;

/** What a job that died says, by kind (a message key of errors.*). */
const DIED: Record<JobKind, string> = { import: "importJobDied", "anomaly-check": "checkJobDied" };

export function getJob(db: Db | Tx, id: number): Job | undefined {
  return db.select().from(jobs).where(eq(jobs.id, id)).get();
}

/** True while `pid` is a job process; a pid reused by another program does not count. */
export function jobProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(JOB_SCRIPT);
  } catch {
    // No /proc (not Linux): the signal check is all there is.
    return process.platform !== "linux";
  }
}

export interface JobEnd {
  status: "done" | "failed";
  result?: unknown;
  error?: string | null;
}

/** Ends a queued or running job; false if it had already ended. */
export function finishJob(db: Db, id: number, end: JobEnd): boolean {
  return (
    db
      .update(jobs)
      .set({ status: end.status, result: end.result ?? null, error: end.error ?? null, finishedAt: new Date() })
      .where(and(eq(jobs.id, id), inArray(jobs.status, ACTIVE_JOB_STATUSES)))
      .run().changes === 1
  );
}

/**
 * Marks failed every queued or running job (of `ids`, or all) whose process is gone, and removes
 * its file if it has one. Nothing needs undoing: an import is one transaction (its staged rows are
 * swept by the next import), and each batch's checks are one transaction.
 */
export function settleDeadJobs(db: Db, ids?: number[]): number {
  const active = db
    .select()
    .from(jobs)
    .where(ids ? and(inArray(jobs.status, ACTIVE_JOB_STATUSES), inArray(jobs.id, ids)) : inArray(jobs.status, ACTIVE_JOB_STATUSES))
    .all();
  let settled = 0;
  for (const job of active) {
    const lost = job.pid === null ? Date.now() - job.createdAt.getTime() > UNSTARTED_GRACE_MS : job.pid !== process.pid && !jobProcessAlive(job.pid);
    if (!lost) continue;
    if (finishJob(db, job.id, { status: "failed", error: DIED[job.kind] })) settled++;
    if (job.filePath) rmSync(job.filePath, { force: true });
  }
  return settled;
}

/** Ends a job that will never run (its process could not start), and removes its file. */
export function abandonJob(db: Db, id: number, error: string): void {
  const job = getJob(db, id);
  if (!job) return;
  finishJob(db, id, { status: "failed", error });
  if (job.filePath) rmSync(job.filePath, { force: true });
}

/** Jobs of any kind queued before this one and not yet ended. */
function jobsAhead(db: Db, id: number): number {
  settleDeadJobs(db);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(jobs)
    .where(and(lt(jobs.id, id), inArray(jobs.status, ACTIVE_JOB_STATUSES)))
    .get()!.n;
}

/**
 * Waits until every job queued before this one has ended, then marks it running in this process.
 * False if the job was no longer queued (run elsewhere, or settled as dead meanwhile).
 */
export async function takeTurn(db: Db, id: number): Promise<boolean> {
  while (jobsAhead(db, id) > 0) await new Promise((resolve) => setTimeout(resolve, TURN_POLL_MS));
  return (
    db
      .update(jobs)
      .set({ status: "running", pid: process.pid, startedAt: new Date() })
      .where(and(eq(jobs.id, id), eq(jobs.status, "queued")))
      .run().changes === 1
  );
}
