// A manager's decisions on a flag: explained or confirmed (with a note), and for a confirmed
// flag, its rows excluded from the figures or restored. Each runs inside the caller's write
// transaction (the guarded action, which audits what these return), and an exclusion
// recomputes the batch's kept totals in that same transaction, so every figure follows at once.
import type { Db } from "@/db/client";
import { managesArea, type ScopedUser } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { batchTotals, recomputeTotalsOf, type BatchTotals } from "@/lib/imports/totals";

export type Decision = "explained" | "confirmed";

interface FlagState {
  id: number;
  batchId: number;
  areaId: number;
  rule: string;
  subject: string;
  status: string;
  stale: number;
  excluded: number;
  decisionNote: string | null;
}

/** The flag, if the user manages its batch's area; NOT_FOUND otherwise (a flag out of reach does not exist for them). */
function flagForManager(db: Db, user: ScopedUser, flagId: number): FlagState {
  const flag = db.$client
    .prepare(
      `select f.id, f.batch_id as batchId, b.area_id as areaId, f.rule, f.subject, f.status, f.stale, f.excluded, f.decision_note as decisionNote
       from anomaly_flags f join batches b on b.id = f.batch_id where f.id = ?`,
    )
    .get(flagId) as FlagState | undefined;
  if (!flag || !managesArea(db, user, flag.areaId)) throw new AppError("NOT_FOUND", "notFound");
  return flag;
}

const stateOf = (f: FlagState) => ({ status: f.status, note: f.decisionNote, excluded: f.excluded === 1, stale: f.stale === 1 });

export function decideFlag(db: Db, user: ScopedUser, input: { flagId: number; decision: Decision; note: string }) {
  const flag = flagForManager(db, user, input.flagId);
  // An excluded flag is restored first: its rows cannot leave the figures on a flag called explained.
  if (flag.excluded && input.decision !== "confirmed") throw new AppError("CONFLICT", "anomalyExcludedFirstRestore");
  db.$client
    .prepare(`update anomaly_flags set status = ?, decision_note = ?, decided_by = ?, decided_at = ? where id = ?`)
    .run(input.decision, input.note, user.id, Date.now(), flag.id);
  return { flag, before: stateOf(flag), after: { ...stateOf(flag), status: input.decision, note: input.note } };
}

export interface ExclusionChange {
  batchId: number;
  rows: number;
  before: BatchTotals;
  after: BatchTotals;
}

/** The days and merchants of a flag's excluded rows: only their kept totals change when it is excluded or restored. */
function excludedPairs(db: Db, flagId: number): Array<{ day: string; merchantId: number }> {
  return db.$client
    .prepare(`select distinct r.day, r.merchant_id as merchantId from anomaly_exclusions x join redemptions r on r.id = x.redemption_id where x.flag_id = ?`)
    .all(flagId) as Array<{ day: string; merchantId: number }>;
}

export function excludeFlag(db: Db, user: ScopedUser, flagId: number): ExclusionChange {
  const flag = flagForManager(db, user, flagId);
  if (flag.status !== "confirmed") throw new AppError("CONFLICT", "anomalyNotConfirmed");
  if (flag.excluded) throw new AppError("CONFLICT", "anomalyAlreadyExcluded");
  if (flag.stale) throw new AppError("CONFLICT", "anomalyStale");
  const c = db.$client;
  const before = batchTotals(db, flag.batchId);
  const rows = c.prepare(`insert into anomaly_exclusions (redemption_id, flag_id) select redemption_id, flag_id from anomaly_flag_rows where flag_id = ?`).run(flag.id).changes;
  c.prepare(`update anomaly_flags set excluded = 1, excluded_by = ?, excluded_at = ? where id = ?`).run(user.id, Date.now(), flag.id);
  const after = recomputeTotalsOf(db, flag.batchId, excludedPairs(db, flag.id));
  return { batchId: flag.batchId, rows, before, after };
}

export function restoreFlag(db: Db, user: ScopedUser, flagId: number): ExclusionChange {
  const flag = flagForManager(db, user, flagId);
  if (!flag.excluded) throw new AppError("CONFLICT", "anomalyNotExcluded");
  const c = db.$client;
  const before = batchTotals(db, flag.batchId);
  const pairs = excludedPairs(db, flag.id);
  const rows = c.prepare(`delete from anomaly_exclusions where flag_id = ?`).run(flag.id).changes;
  c.prepare(`update anomaly_flags set excluded = 0, excluded_by = ?, excluded_at = ? where id = ?`).run(user.id, Date.now(), flag.id);
  const after = recomputeTotalsOf(db, flag.batchId, pairs);
  return { batchId: flag.batchId, rows, before, after };
}
