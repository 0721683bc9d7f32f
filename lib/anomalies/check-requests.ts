import "server-only";
// What a manager's "re-run checks" and new thresholds do inside their request: record the
// thresholds and queue a check job (lib/anomalies/check-jobs.ts), never run the rules here.
// The guarded actions call these in their transaction and start the job's process after commit.
import { writeTransaction, type Db } from "@/db/client";
import { managesArea, type ScopedUser } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { queueAnomalyCheck } from "./check-jobs";
import type { AnomalySettings } from "./rules";
import { loadAnomalySettings, saveAnomalySettings } from "./settings";

export interface QueuedCheck {
  jobId: number;
  /** False when the same checks were already waiting (their job is the one named). */
  queued: boolean;
}

const actorOf = (user: ScopedUser & { username: string }) => ({ id: user.id, name: user.username });

/** Queues the checks over one batch, or every approved batch of the manager's area, under the current thresholds. */
export function queueRecheck(db: Db, user: ScopedUser & { username: string }, batchId?: number): QueuedCheck & { batches: number } {
  const batches = db.$client
    .prepare(`select id, area_id as areaId from batches where status = 'approved' and (? is null or id = ?) order by id`)
    .all(batchId ?? null, batchId ?? null) as Array<{ id: number; areaId: number }>;
  const mine = batches.filter((b) => managesArea(db, user, b.areaId));
  if (batchId && mine.length === 0) throw new AppError("NOT_FOUND", "notFound");
  return writeTransaction((tx) => ({ batches: mine.length, ...queueAnomalyCheck(tx, { batchIds: mine.map((b) => b.id), settings: loadAnomalySettings(tx).settings, actor: actorOf(user), ip: null }) }), db);
}

/** Keeps the thresholds that changed and, if any did, queues the checks of every approved batch under them. */
export function saveSettingsAndQueueChecks(db: Db, user: ScopedUser & { username: string }, next: AnomalySettings) {
  return writeTransaction((tx) => {
    const change = saveAnomalySettings(tx, next, user.id);
    if (!change.changed) return { ...change, check: null };
    const ids = db.$client.prepare(`select id from batches where status = 'approved' order by id`).pluck().all() as number[];
    return { ...change, check: queueAnomalyCheck(tx, { batchIds: ids, settings: next, actor: actorOf(user), ip: null }) };
  }, db);
}
