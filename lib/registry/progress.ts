// How far each action has come: its targets against actuals rolled up from the APPROVED
// packages, events and e-commerce carriers linked to it, the voucher figures of its approved
// campaigns' approved batches (from the leverage engine's kept totals), and a status from the
// elapsed share of the action's period. Drafts, submissions awaiting review and returned records
// count nothing. An action without an approved voucher batch has no voucher actual — null with
// a reason, never a made-up 0.
//
// The first half is pure (no database); the second half takes the database as a parameter and
// reads with grouped SQL aggregates for all actions at once.
import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { actions, carriers, departments, events, packages, type Action, type ActionTarget, type TargetMeasure } from "@/db/schema";
import { formatTenths, tenthsOfPercent } from "@/lib/numbers/percent";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { MEASURES } from "./measures";

export { formatTenths, tenthsOfPercent };

// ── pure ─────────────────────────────────────────────────────────────────────

/** Where a target or an action stands. */
export type ProgressStatus = "notStarted" | "onTrack" | "behind" | "achieved" | "missed";
/** A target whose measure has no data yet cannot be judged. */
export type TargetStatus = ProgressStatus | "awaitingData";
/** An action without any target cannot be judged either. */
export type ActionStatus = TargetStatus | "noTargets";

export const TARGET_STATUSES = ["notStarted", "onTrack", "behind", "achieved", "missed", "awaitingData"] as const satisfies readonly TargetStatus[];
export const ACTION_STATUSES = [...TARGET_STATUSES, "noTargets"] as const satisfies readonly ActionStatus[];

/** Why a measure has no actual. */
export type MissingReason = "awaitingVoucherData";

/** Measures whose actuals come from voucher batches: none until the action has an approved batch. */
export const VOUCHER_MEASURES: Partial<Record<TargetMeasure, MissingReason>> = {
  voucherSubsidyFen: "awaitingVoucherData",
  stimulatedSpendingFen: "awaitingVoucherData",
  merchants: "awaitingVoucherData",
};

/** The approved child records of one action, counted and summed. */
export interface ActionTotals {
  approvedPackages: number;
  packageBudgetFen: number;
  approvedEvents: number;
  approvedLargeEvents: number;
  /** Sum of reported sales; events that have not reported count nothing. */
  eventSalesFen: number;
  /** How many approved events have reported sales (of approvedEvents). */
  eventsWithSales: number;
  eventFootfall: number;
  eventsWithFootfall: number;
  approvedCarriers: number;
  carrierSalesFen: number;
  carriersWithSales: number;
  /** Approved voucher batches of the action's approved campaigns. */
  voucherBatches: number;
  /** From the leverage engine's kept totals: net redemptions, subsidy S, gross spending G, merchants with a redemption. */
  voucherRedemptions: number;
  voucherSubsidyFen: number;
  stimulatedSpendingFen: number;
  voucherMerchants: number;
}

export function emptyTotals(): ActionTotals {
  return {
    approvedPackages: 0,
    packageBudgetFen: 0,
    approvedEvents: 0,
    approvedLargeEvents: 0,
    eventSalesFen: 0,
    eventsWithSales: 0,
    eventFootfall: 0,
    eventsWithFootfall: 0,
    approvedCarriers: 0,
    carrierSalesFen: 0,
    carriersWithSales: 0,
    voucherBatches: 0,
    voucherRedemptions: 0,
    voucherSubsidyFen: 0,
    stimulatedSpendingFen: 0,
    voucherMerchants: 0,
  };
}

/** The actual of a measure from the totals, or null with the reason it has none yet. */
export function actualOf(measure: TargetMeasure, totals: ActionTotals): { actual: number | null; reason: MissingReason | null } {
  // Without an approved batch there is no voucher data to count: no figure, not a made-up 0.
  const reason = VOUCHER_MEASURES[measure];
  if (reason && totals.voucherBatches === 0) return { actual: null, reason };
  const actual: Record<TargetMeasure, number> = {
    packages: totals.approvedPackages,
    events: totals.approvedEvents,
    largeEvents: totals.approvedLargeEvents,
    eventSalesFen: totals.eventSalesFen,
    eventFootfall: totals.eventFootfall,
    carriers: totals.approvedCarriers,
    carrierSalesFen: totals.carrierSalesFen,
    voucherSubsidyFen: totals.voucherSubsidyFen,
    stimulatedSpendingFen: totals.stimulatedSpendingFen,
    merchants: totals.voucherMerchants,
  };
  return { actual: actual[measure], reason: null };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** Today as the bureau counts days: the calendar date in Beijing (UTC+8 all year). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export type Phase = "before" | "during" | "after";

export interface PeriodShare {
  phase: Phase;
  /** Days of the period, both ends included. */
  totalDays: number;
  /** Days of the period fully passed before today (0 before the start, totalDays after the end). */
  elapsedDays: number;
  /** elapsedDays / totalDays in tenths of a percent, rounded half up (e.g. 498 = 49.8 %). */
  elapsedTenths: number;
}

/**
 * The elapsed share of a period [startsOn, endsOn] (both days included) on `today`, clamped
 * to the period: the days fully passed before today over the days of the period. On the first
 * day nothing has elapsed yet; on the last day all but that day.
 */
export function periodShare(startsOn: string, endsOn: string, today: string): PeriodShare {
  const start = dayNumber(startsOn);
  const end = dayNumber(endsOn);
  const now = dayNumber(today);
  const totalDays = Math.max(1, end - start + 1);
  const phase: Phase = now < start ? "before" : now > end ? "after" : "during";
  const elapsedDays = phase === "before" ? 0 : phase === "after" ? totalDays : now - start;
  return { phase, totalDays, elapsedDays, elapsedTenths: tenthsOfPercent(elapsedDays, totalDays) };
}

export interface TargetProgress {
  measure: TargetMeasure;
  /** The unit stored with the target (元 for money: the target itself is in fen). */
  unit: string;
  money: boolean;
  /** In the measure's unit; fen for money. */
  target: number;
  actual: number | null;
  reason: MissingReason | null;
  /** actual / target in tenths of a percent (may exceed 1000); null without an actual. */
  progressTenths: number | null;
  /** The same as a number with one decimal (37.5); null without an actual. */
  progressPercent: number | null;
  /** What a bar shows: 0–100, capped. */
  barPercent: number;
  status: TargetStatus;
}

/**
 * One target: before the period "not started"; after it "achieved" or "missed"; during it
 * "on track" when actual / target ≥ the elapsed share of the period, else "behind".
 */
export function targetProgress(target: ActionTarget, totals: ActionTotals, share: PeriodShare): TargetProgress {
  const { actual, reason } = actualOf(target.measure, totals);
  const money = MEASURES[target.measure]?.money ?? false;
  const base = { measure: target.measure, unit: target.unit, money, target: target.target, actual, reason };
  if (actual === null) {
    return { ...base, progressTenths: null, progressPercent: null, barPercent: 0, status: share.phase === "before" ? "notStarted" : "awaitingData" };
  }
  const progressTenths = tenthsOfPercent(actual, target.target);
  // Compared in integers: actual / target ≥ elapsed / total ⇔ actual · total ≥ target · elapsed.
  const reached = BigInt(actual) * BigInt(share.totalDays) >= BigInt(target.target) * BigInt(share.elapsedDays);
  const met = actual >= target.target;
  const status: TargetStatus =
    share.phase === "before" ? "notStarted" : share.phase === "after" ? (met ? "achieved" : "missed") : reached ? "onTrack" : "behind";
  return {
    ...base,
    progressTenths,
    progressPercent: progressTenths / 10,
    barPercent: Math.min(100, progressTenths / 10),
    status,
  };
}

export interface ActionProgress {
  actionId: number;
  startsOn: string;
  endsOn: string;
  today: string;
  share: PeriodShare;
  targets: TargetProgress[];
  totals: ActionTotals;
  status: ActionStatus;
  /** Targets with an actual (the ones a status can be judged on). */
  judged: number;
  /** Of those, on track (during) or achieved (after). */
  onTrack: number;
  /** Targets waiting for data of a later issue. */
  awaiting: number;
}

/**
 * The whole action: "not started" before its period; otherwise judged on the targets that
 * have an actual — "on track"/"achieved" only when every one of them is.
 */
export function computeActionProgress(
  action: Pick<Action, "id" | "startsOn" | "endsOn" | "targets">,
  totals: ActionTotals,
  today: string,
): ActionProgress {
  const share = periodShare(action.startsOn, action.endsOn, today);
  const targets = action.targets.map((t) => targetProgress(t, totals, share));
  const judgedTargets = targets.filter((t) => t.actual !== null);
  const onTrack = judgedTargets.filter((t) => t.status === "onTrack" || t.status === "achieved").length;
  let status: ActionStatus;
  if (share.phase === "before") status = "notStarted";
  else if (targets.length === 0) status = "noTargets";
  else if (judgedTargets.length === 0) status = "awaitingData";
  else if (share.phase === "after") status = onTrack === judgedTargets.length ? "achieved" : "missed";
  else status = onTrack === judgedTargets.length ? "onTrack" : "behind";
  return {
    actionId: action.id,
    startsOn: action.startsOn,
    endsOn: action.endsOn,
    today,
    share,
    targets,
    totals,
    status,
    judged: judgedTargets.length,
    onTrack,
    awaiting: targets.length - judgedTargets.length,
  };
}

// ── database ─────────────────────────────────────────────────────────────────

type Reader = Db | Tx;

const int = (column: SQL) => sql<number>`coalesce(${column}, 0)`.mapWith(Number);

/**
 * Totals of approved packages, events, carriers and voucher redemptions for the given actions
 * (all actions when `actionIds` is omitted): grouped aggregates, never one query per action.
 */
export function loadActionTotals(db: Reader, actionIds?: readonly number[]): Map<number, ActionTotals> {
  const result = new Map<number, ActionTotals>();
  if (actionIds && actionIds.length === 0) return result;
  const totalsOf = (id: number) => {
    let totals = result.get(id);
    if (!totals) result.set(id, (totals = emptyTotals()));
    return totals;
  };
  const only = (column: typeof packages.actionId | typeof events.actionId | typeof carriers.actionId) =>
    actionIds ? inArray(column, [...actionIds]) : undefined;

  const packageRows = db
    .select({ actionId: packages.actionId, n: count(), budget: int(sql`sum(${packages.budgetFen})`) })
    .from(packages)
    .where(and(eq(packages.status, "approved"), only(packages.actionId)))
    .groupBy(packages.actionId)
    .all();
  for (const row of packageRows) {
    const t = totalsOf(row.actionId);
    t.approvedPackages = row.n;
    t.packageBudgetFen = row.budget;
  }

  const eventRows = db
    .select({
      actionId: events.actionId,
      n: count(),
      large: int(sql`sum(case when ${events.largeScale} then 1 else 0 end)`),
      sales: int(sql`sum(${events.salesFen})`),
      withSales: count(events.salesFen),
      footfall: int(sql`sum(${events.footfall})`),
      withFootfall: count(events.footfall),
    })
    .from(events)
    .where(and(eq(events.status, "approved"), only(events.actionId)))
    .groupBy(events.actionId)
    .all();
  for (const row of eventRows) {
    const t = totalsOf(row.actionId);
    t.approvedEvents = row.n;
    t.approvedLargeEvents = row.large;
    t.eventSalesFen = row.sales;
    t.eventsWithSales = row.withSales;
    t.eventFootfall = row.footfall;
    t.eventsWithFootfall = row.withFootfall;
  }

  const carrierRows = db
    .select({
      actionId: carriers.actionId,
      n: count(),
      sales: int(sql`sum(${carriers.onlineSalesFen})`),
      withSales: count(carriers.onlineSalesFen),
    })
    .from(carriers)
    .where(and(eq(carriers.status, "approved"), isNotNull(carriers.actionId), only(carriers.actionId)))
    .groupBy(carriers.actionId)
    .all();
  for (const row of carrierRows) {
    if (row.actionId === null) continue;
    const t = totalsOf(row.actionId);
    t.approvedCarriers = row.n;
    t.carrierSalesFen = row.sales;
    t.carriersWithSales = row.withSales;
  }
  // Voucher figures from the leverage engine: approved batches of approved campaigns, grouped by action.
  for (const row of leverageBreakdown(db, { by: "action", filter: actionIds ? { actionIds } : {} })) {
    if (row.id === null) continue;
    const t = totalsOf(row.id);
    t.voucherBatches = row.batches ?? 0;
    t.voucherRedemptions = row.redemptions;
    t.voucherSubsidyFen = row.subsidyFen;
    t.stimulatedSpendingFen = row.grossFen;
    t.voucherMerchants = row.merchants;
  }
  return result;
}

/** One action's progress, whatever the action's own status (its children count only when approved). */
export function loadActionProgress(db: Reader, actionId: number, today: string): ActionProgress | null {
  const action = db.select().from(actions).where(eq(actions.id, actionId)).get();
  if (!action) return null;
  const totals = loadActionTotals(db, [actionId]).get(actionId) ?? emptyTotals();
  return computeActionProgress(action, totals, today);
}

export interface ApprovedActionProgress {
  action: Action;
  leadDepartmentZh: string;
  leadDepartmentEn: string;
  progress: ActionProgress;
}

/** Every approved action, by number, with its lead department and progress: four queries in all. */
export function loadApprovedActionsProgress(db: Reader, today: string): ApprovedActionProgress[] {
  const rows = db
    .select({ action: actions, leadDepartmentZh: departments.nameZh, leadDepartmentEn: departments.nameEn })
    .from(actions)
    .innerJoin(departments, eq(departments.id, actions.departmentId))
    .where(eq(actions.status, "approved"))
    .orderBy(asc(actions.number), asc(actions.id))
    .all();
  const totals = loadActionTotals(
    db,
    rows.map((r) => r.action.id),
  );
  return rows.map((r) => ({
    ...r,
    progress: computeActionProgress(r.action, totals.get(r.action.id) ?? emptyTotals(), today),
  }));
}
