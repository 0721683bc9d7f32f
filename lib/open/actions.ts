// Open data: every approved action with its targets, actuals, progress and the counts of its
// approved packages, events and carriers. Public (no session), so it carries no personal data:
// no user ids or names, no created_by, nothing from the workflow — only what a published
// action sheet would say.
import { toCsv } from "@/lib/csv/csv";
import { createHash } from "node:crypto";
import type { Db, Tx } from "@/db/client";
import type { TargetMeasure } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { MEASURES } from "@/lib/registry/measures";
import { loadApprovedActionsProgress, todayInShanghai, type ActionStatus, type TargetStatus } from "@/lib/registry/progress";

export const OPEN_DATA_LICENCE = "CC BY 4.0";

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

export interface OpenActionsBody {
  /** When this document was made (ISO-8601 UTC). */
  generatedAt: string;
  /** The day (Beijing) the statuses are judged on. */
  asOf: string;
  licence: typeof OPEN_DATA_LICENCE;
  actions: OpenAction[];
}

/** The document, built from approved rows only. `now` is injectable for tests. */
export function buildOpenActions(db: Db | Tx, now: Date = new Date()): OpenActionsBody {
  const today = todayInShanghai(now);
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
  return { generatedAt: now.toISOString(), asOf: today, licence: OPEN_DATA_LICENCE, actions };
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

// ── HTTP ─────────────────────────────────────────────────────────────────────

export interface OpenResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64url");
}

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
}

export const OPEN_CACHE_CONTROL = "public, max-age=60";

/**
 * The answer of an open-data endpoint for a document. The CSV's ETag is the hash of its bytes.
 * The JSON's is the hash of the document without `generatedAt` (which changes on every
 * request): a weak ETag, since two answers with the same data differ only in that timestamp.
 */
export function openDataResponse<D extends { generatedAt: string; asOf: string }>(
  name: string,
  build: () => D,
  toCsv: (document: D) => string,
  { format, ifNoneMatch }: { format: string | null; ifNoneMatch: string | null },
): OpenResponse {
  const common = { "cache-control": OPEN_CACHE_CONTROL, "access-control-allow-origin": "*" };
  if (format !== null && format !== "json" && format !== "csv") {
    return {
      status: 400,
      headers: { ...common, "cache-control": "no-store", "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ error: "INVALID", message: "format must be json or csv" }),
    };
  }
  const document = build();
  let body: string;
  let etag: string;
  let type: Record<string, string>;
  if (format === "csv") {
    body = toCsv(document);
    etag = `"${sha256(body)}"`;
    type = { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="huimin-${name}-${document.asOf}.csv"` };
  } else {
    body = JSON.stringify(document);
    const { generatedAt: _generatedAt, ...content } = document;
    void _generatedAt;
    etag = `W/"${sha256(JSON.stringify(content))}"`;
    type = { "content-type": "application/json; charset=utf-8" };
  }
  const headers = { ...common, etag };
  if (etagMatches(ifNoneMatch, etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, ...type }, body };
}

/** The whole answer of GET /api/open/actions. */
export function openActionsResponse(
  db: Db | Tx,
  { format, ifNoneMatch, now = new Date() }: { format: string | null; ifNoneMatch: string | null; now?: Date },
): OpenResponse {
  return openDataResponse("actions", () => buildOpenActions(db, now), openActionsCsv, { format, ifNoneMatch });
}
