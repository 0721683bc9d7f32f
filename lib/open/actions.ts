// Open data: every approved action with its targets, actuals, progress and the counts of its
// approved packages, events and carriers. Public (no session), so it carries no personal data:
// no user ids or names, no created_by, nothing from the workflow — only what a published
// action sheet would say.
import { toCsv } from "@/lib/csv/csv";
import type { Db, Tx } from "@/db/client";
import type { TargetMeasure } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { MEASURES } from "@/lib/registry/measures";
import { loadApprovedActionsProgress, type ActionStatus, type TargetStatus } from "@/lib/registry/progress";
import { OPEN_DATA_LICENCE, type OpenDocumentHead, type OpenEndpoint } from "./response";

export { OPEN_DATA_LICENCE };

const NOTES = { awaitingVoucherData: "awaiting voucher data" } as const;

export interface OpenTarget {
  measure: TargetMeasure;
  /** "fen" for money (target and actual are integer fen), else the counted unit in English. */
  unit: string;
  unitZh: string;
  target: number;
  /** Money only: the target in yuan with two decimals ("1500.00"); null for counts. */
  targetYuan: string | null;
  /** Null when the measure has no data yet (see note). */
  actual: number | null;
  actualYuan: string | null;
  /** actual / target in percent, one decimal; null without an actual. */
  progressPercent: number | null;
  status: TargetStatus;
  note: string | null;
}

export interface OpenAction {
  number: number;
  titleZh: string;
  titleEn: string;
  leadDepartmentZh: string;
  leadDepartmentEn: string;
  startsOn: string;
  endsOn: string;
  status: ActionStatus;
  targets: OpenTarget[];
  approvedPackages: number;
  approvedEvents: number;
  approvedLargeEvents: number;
  approvedCarriers: number;
}

export interface OpenActionsBody extends OpenDocumentHead {
  /** The day (Beijing) the statuses are judged on. */
  asOf: string;
  actions: OpenAction[];
}

/** The document, built from approved rows only; statuses as of `today` (YYYY-MM-DD, Beijing). */
export function buildOpenActions(db: Db | Tx, { head, today }: { head: OpenDocumentHead; today: string }): OpenActionsBody {
  const actions = loadApprovedActionsProgress(db, today).map(({ action, leadDepartmentZh, leadDepartmentEn, progress }): OpenAction => ({
    number: action.number,
    titleZh: action.titleZh,
    titleEn: action.titleEn,
    leadDepartmentZh,
    leadDepartmentEn,
    startsOn: action.startsOn,
    endsOn: action.endsOn,
    status: progress.status,
    targets: progress.targets.map((t) => {
      const info = MEASURES[t.measure];
      return {
        measure: t.measure,
        unit: t.money ? "fen" : info.unitEn,
        unitZh: t.money ? "分" : info.unitZh,
        target: t.target,
        targetYuan: t.money ? fenToYuanText(t.target) : null,
        actual: t.actual,
        actualYuan: t.money && t.actual !== null ? fenToYuanText(t.actual) : null,
        progressPercent: t.progressPercent,
        status: t.status,
        note: t.reason ? NOTES[t.reason] : null,
      };
    }),
    approvedPackages: progress.totals.approvedPackages,
    approvedEvents: progress.totals.approvedEvents,
    approvedLargeEvents: progress.totals.approvedLargeEvents,
    approvedCarriers: progress.totals.approvedCarriers,
  }));
  return { ...head, asOf: today, actions };
}

// ── CSV ──────────────────────────────────────────────────────────────────────

export const OPEN_ACTIONS_CSV_COLUMNS = [
  "number",
  "titleZh",
  "titleEn",
  "leadDepartmentZh",
  "leadDepartmentEn",
  "startsOn",
  "endsOn",
  "actionStatus",
  "measure",
  "unit",
  "target",
  "targetYuan",
  "actual",
  "actualYuan",
  "progressPercent",
  "status",
  "note",
  "approvedPackages",
  "approvedEvents",
  "approvedLargeEvents",
  "approvedCarriers",
] as const;

/**
 * UTF-8 with a BOM (Excel and WPS read it as UTF-8), CRLF line ends, a header row, then one row
 * per action-target; an action without targets still has one row, its target cells empty.
 */
export function openActionsCsv(body: OpenActionsBody): string {
  const lines: string[][] = [[...OPEN_ACTIONS_CSV_COLUMNS]];
  for (const action of body.actions) {
    const common = {
      number: action.number,
      titleZh: action.titleZh,
      titleEn: action.titleEn,
      leadDepartmentZh: action.leadDepartmentZh,
      leadDepartmentEn: action.leadDepartmentEn,
      startsOn: action.startsOn,
      endsOn: action.endsOn,
      actionStatus: action.status,
      approvedPackages: action.approvedPackages,
      approvedEvents: action.approvedEvents,
      approvedLargeEvents: action.approvedLargeEvents,
      approvedCarriers: action.approvedCarriers,
    };
    const rows: Array<Partial<Record<(typeof OPEN_ACTIONS_CSV_COLUMNS)[number], string | number | null>>> =
      action.targets.length === 0 ? [common] : action.targets.map((t) => ({ ...common, ...t }));
    // Every figure here is ≥ 0, so formula neutralising (lib/csv) never touches a number.
    for (const row of rows) lines.push(OPEN_ACTIONS_CSV_COLUMNS.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c]))));
  }
  return toCsv(lines);
}

export const openActionsEndpoint: OpenEndpoint<OpenActionsBody> = { name: "actions", daily: true, build: buildOpenActions, csv: openActionsCsv };
