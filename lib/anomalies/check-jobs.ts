// Anomaly-check jobs: the re-run a manager asks for, the checks under new thresholds, and the
// re-check after a void run in a job process (scripts/job.ts), one job at a time with imports,
// never in the web server's request (the rules take 0.5–3 s per batch at 1 M rows).
// No "server-only" here: the job process loads this module outside Next.
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { jobs, type Job } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { finishJob, getJob, jobProcessAlive, takeTurn, type JobEnd } from "@/lib/jobs/queue";
import { refreshAnomalies } from "./refresh";
import type { AnomalySettings } from "./rules";

/** What a check job runs with, fixed when it is queued. */
export interface CheckJobParams {
  batchIds: number[];
  settings: AnomalySettings;
}

/** What a finished check job found, summed over its batches. */
export interface CheckJobResult {
  batches: number;
  added: number;
  kept: number;
  removed: number;
  staled: number;
  millis: number;
}

export function checkJobParams(job: Job): CheckJobParams {
  return job.params as CheckJobParams;
}

/**
 * Queues the checks of `batchIds` under `settings`; returns the job and whether it is new (its
 * process still to start). The same checks already queued, with a live process waiting its turn,
 * are not queued twice: a second click finds the first one's job.
 */
export function queueAnomalyCheck(
  db: Db | Tx,
  request: { batchIds: number[]; settings: AnomalySettings; actor: AuditActor; ip: string | null },
): { jobId: number; queued: boolean } {
  const params: CheckJobParams = { batchIds: [...request.batchIds].sort((a, b) => a - b), settings: request.settings };
  const waiting = db
    .select({ id: jobs.id, pid: jobs.pid, params: jobs.params })
    .from(jobs)
    .where(and(eq(jobs.kind, "anomaly-check"), eq(jobs.status, "queued")))
    .all()
    .find((j) => j.pid !== null && JSON.stringify(j.params) === JSON.stringify(params) && jobProcessAlive(j.pid));
  if (waiting) return { jobId: waiting.id, queued: false };
  const jobId = db
    .insert(jobs)
    .values({ kind: "anomaly-check", params, requestedBy: request.actor.id, requestedByName: request.actor.name, ip: request.ip })
    .returning({ id: jobs.id })
    .get().id;
  return { jobId, queued: true };
}

/**
 * Runs one queued check job in this process: waits its turn, then checks each batch in its own
 * transaction under the settings the job was queued with, and keeps the sums on the job.
 */
export async function runAnomalyCheckJob(db: Db, id: number): Promise<Job> {
  const queued = getJob(db, id);
  if (!queued || queued.kind !== "anomaly-check") throw new Error(`no anomaly-check job ${id}`);
  if (queued.status !== "queued") return queued;
  let end: JobEnd | null = null;
  try {
    if (!(await takeTurn(db, id))) return getJob(db, id)!;
    const { batchIds, settings } = checkJobParams(queued);
    const result: CheckJobResult = { batches: 0, added: 0, kept: 0, removed: 0, staled: 0, millis: 0 };
    for (const batchId of batchIds) {
      const outcome = refreshAnomalies(db, batchId, settings);
      result.batches++;
      result.added += outcome.added;
      result.kept += outcome.kept;
      result.removed += outcome.removed;
      result.staled += outcome.staled;
      result.millis += outcome.millis;
    }
    end = { status: "done", result };
  } catch (error) {
    // The details stay in the server log; the batches checked before the error keep their checks.
    console.error(`[job] anomaly-check job ${id} failed`, error);
    end = { status: "failed", error: "ERROR" };
  } finally {
    if (end) finishJob(db, id, end);
  }
  return getJob(db, id)!;
}
