// Bulk CSV of promotional packages, events, e-commerce carriers and voucher batches (whose
// quantity claimed the channels report: an updated file brings it in): the same file format out
// (export, template) and back in (import). The columns are data — one table per record type
// below — and the values go through the record specs: toRaw on the way out, parseRecordValues
// (the rules of the forms) and saveRecord/submitRecord (the workflow) on the way in.
//
// In the file, references are written as people know them: an action by its number, a campaign
// by its code, a sector by its Chinese name (several joined by 、), an area by its GB/T 2260 code (a functional zone, which has none, by its
// Chinese name), a department by its Chinese name; money in yuan with two decimals, dates
// YYYY-MM-DD, yes/no as 是/否.
//
// An import is all or nothing: every line is checked and every problem reported with its line
// and column; only a file without problems is written, in one transaction, and each record it
// creates or changes goes to review. A line whose values equal the record's current ones is
// skipped (reported as unchanged), so exporting and importing the same file changes nothing.
import { createHash } from "node:crypto";
import { asc, desc, eq } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "@/db/client";
import { actions, areas, campaigns, departments, RETAIL_INDICATORS, sectors, VOUCHER_CHANNELS, type Locale } from "@/db/schema";
import { INDICATOR_NAMES } from "@/lib/indicators/format";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import { canEditRecord, type ScopedUser } from "@/lib/auth/scope";
import { CsvSyntaxError, parseCsv, restoreFormula, toCsv } from "@/lib/csv/csv";
import { AppError } from "@/lib/errors";
import { WorkflowError } from "@/lib/workflow/revisions";
import { LIST_SHAPES, listCondition, type ListQuery } from "./list";
import { parseRecordValues, type ParsedRecord } from "./parse";
import { saveRecord, submitRecord } from "./records";
import { recordSpec, type AnyRecordSpec } from "./specs";
import type { RawValues, RecordRow, RecordType } from "./types";

export const CSV_TYPES = ["package", "event", "carrier", "batch", "indicator"] as const satisfies readonly RecordType[];
export type CsvType = (typeof CSV_TYPES)[number];

export function isCsvType(type: RecordType | undefined): type is CsvType {
  return (CSV_TYPES as readonly string[]).includes(type ?? "");
}

/** The most data lines one file may carry: one transaction stays short. */
export const MAX_IMPORT_LINES = 5000;

// ── The columns ──────────────────────────────────────────────────────────────

/** How a cell is written: a reference by its human key, a typed value, or text as it is. */
export type CellKind =
  | "id"
  | "text"
  | "count"
  | "year"
  | "money"
  | "date"
  | "boolean"
  | "choice"
  | "action"
  | "campaign"
  | "sector"
  | "sectors"
  | "area"
  | "department"
  /** An area a record is about (not the one keeping it): its division code or name. */
  | "subjectArea";

export interface CsvColumn {
  /** The header cell: Chinese, then the English column name in parentheses, e.g. 预算_元(budget_yuan). */
  header: string;
  zh: string;
  /** The English column name; an imported header is recognised by it even if the Chinese was changed. */
  name: string;
  /** The record's raw key (RecordSpec.toRaw, parseRecordValues), or id / areaId / departmentId. */
  key: string;
  kind: CellKind;
  /** The header must be in an imported file (the record cannot be made without it). */
  required: boolean;
  /** A choice column's values: stored value and the label the file carries. */
  choices?: ReadonlyArray<readonly [value: string, label: string]>;
  /** The template's example cell; references are filled from the user's own scope. */
  example?: string;
}

function column(
  zh: string,
  name: string,
  key: string,
  kind: CellKind,
  extra: { required?: boolean; choices?: CsvColumn["choices"]; example?: string } = {},
): CsvColumn {
  return { header: `${zh}(${name})`, zh, name, key, kind, required: extra.required ?? false, choices: extra.choices, example: extra.example };
}

const ID = column("编号", "id", "id", "id");
const AREA = column("区域代码", "area", "areaId", "area");
const DEPARTMENT = column("部门", "department", "departmentId", "department");

export const CARRIER_KIND_LABELS = [
  ["taobaoVillage", "淘宝村"],
  ["taobaoTown", "淘宝镇"],
  ["livestreamBase", "直播电商基地"],
  ["demonstrationProject", "电商示范项目"],
  ["other", "其他"],
] as const;

export const CARRIER_LEVEL_LABELS = [
  ["county", "县级"],
  ["city", "市级"],
  ["provincial", "省级"],
  ["national", "国家级"],
] as const;

const CHANNEL_LABELS = VOUCHER_CHANNELS.map((c) => [c, { wechat: "微信支付", alipay: "支付宝", unionpay: "云闪付", meituan: "美团", bank: "银行" }[c]] as const);

const INDICATOR_LABELS = RETAIL_INDICATORS.map((i) => [i, INDICATOR_NAMES[i].zh] as const);
const PERIOD_KIND_LABELS = [
  ["cumulative", "累计"],
  ["month", "单月"],
] as const;

/** The file format of each type: the columns in the order they are written. */
export const CSV_COLUMNS: Record<CsvType, readonly CsvColumn[]> = {
  package: [
    ID,
    column("名称", "name", "name", "text", { required: true, example: "示例：新能源汽车下乡补贴（导入前请删除本行）" }),
    column("所属行动编号", "action", "actionId", "action", { required: true }),
    column("行业", "sector", "sectorId", "sector", { required: true, example: "汽车类" }),
    AREA,
    DEPARTMENT,
    column("合作企业", "partners", "partners", "text", { example: "某某汽车销售服务有限公司、某某新能源4S店" }),
    column("优惠内容", "offer_terms", "offerTerms", "text", { required: true, example: "购新能源乘用车满10万元立减3000元" }),
    column("预算_元", "budget_yuan", "budget", "money", { required: true, example: "1500000.00" }),
    column("开始日期", "starts_on", "startsOn", "date", { required: true, example: "2025-03-01" }),
    column("结束日期", "ends_on", "endsOn", "date", { required: true, example: "2025-06-30" }),
  ],
  event: [
    ID,
    column("名称", "name", "name", "text", { required: true, example: "示例：牡丹文化旅游节消费季（导入前请删除本行）" }),
    column("所属行动编号", "action", "actionId", "action", { required: true }),
    column("地点", "venue", "venue", "text", { required: true, example: "曹州牡丹园" }),
    AREA,
    DEPARTMENT,
    column("开始日期", "starts_on", "startsOn", "date", { required: true, example: "2025-04-10" }),
    column("结束日期", "ends_on", "endsOn", "date", { required: true, example: "2025-04-20" }),
    column("大型活动", "large_scale", "largeScale", "boolean", { example: "是" }),
    column("客流_人次", "footfall", "footfall", "count", { example: "" }),
    column("销售额_元", "sales_yuan", "sales", "money", { example: "" }),
    column("备注", "note", "note", "text", { example: "客流和销售额在活动结束后填报" }),
  ],
  carrier: [
    ID,
    column("名称", "name", "name", "text", { required: true, example: "示例：大集镇淘宝镇（导入前请删除本行）" }),
    column("类型", "kind", "kind", "choice", { required: true, choices: CARRIER_KIND_LABELS, example: "淘宝镇" }),
    column("级别", "level", "level", "choice", { required: true, choices: CARRIER_LEVEL_LABELS, example: "国家级" }),
    column("认定年份", "year_recognised", "yearRecognised", "year", { required: true, example: "2024" }),
    column("运营主体", "operator", "operator", "text", { example: "某某电子商务产业园运营有限公司" }),
    column("所属行动编号", "action", "actionId", "action"),
    AREA,
    DEPARTMENT,
    column("统计期起", "period_start", "periodStart", "date", { example: "2025-01-01" }),
    column("统计期止", "period_end", "periodEnd", "date", { example: "2025-06-30" }),
    column("网络零售额_元", "online_sales_yuan", "onlineSales", "money", { example: "12500000.00" }),
    column("带动就业_人", "jobs", "jobs", "count", { example: "860" }),
  ],
  batch: [
    ID,
    column("批次编号", "code", "code", "text", { required: true, example: "HZ25-DEMO-W1" }),
    column("所属活动编号", "campaign", "campaignId", "campaign", { required: true }),
    column("渠道", "channel", "channel", "choice", { required: true, choices: CHANNEL_LABELS, example: "微信支付" }),
    column("面额_元", "face_value_yuan", "faceValue", "money", { required: true, example: "50.00" }),
    column("使用门槛_元", "threshold_yuan", "threshold", "money", { example: "200.00" }),
    column("发放数量", "quantity_issued", "quantityIssued", "count", { required: true, example: "10000" }),
    column("领取数量", "quantity_claimed", "quantityClaimed", "count", { example: "8600" }),
    column("有效期起", "valid_from", "validFrom", "date", { required: true, example: "2025-05-01" }),
    column("有效期止", "valid_to", "validTo", "date", { required: true, example: "2025-05-31" }),
    column("适用行业", "sectors", "eligibleSectorIds", "sectors", { example: "餐饮、粮油食品类" }),
    AREA,
    DEPARTMENT,
    column("备注", "note", "note", "text", { example: "示例行：导入前请改成自己的批次" }),
  ],
  // One line per area, indicator and period: a bureau's monthly table pastes in as lines.
  indicator: [
    ID,
    column("统计地区", "subject_area", "subjectAreaId", "subjectArea", { required: true }),
    column("指标", "indicator", "indicator", "choice", { required: true, choices: INDICATOR_LABELS, example: "社会消费品零售总额" }),
    column("年份", "year", "year", "year", { required: true, example: "2024" }),
    column("期间类型", "period_kind", "periodKind", "choice", { required: true, choices: PERIOD_KIND_LABELS, example: "累计" }),
    column("月份", "month", "month", "count", { required: true, example: "12" }),
    column("数值_亿元", "value_yi_yuan", "value", "text", { required: true, example: "0" }),
    column("同比_百分比", "yoy_percent", "yoy", "text", { example: "" }),
    column("全省排名", "rank", "rank", "count", { example: "" }),
    column("排名总数", "rank_of", "rankOf", "count", { example: "" }),
    column("数据来源", "source", "source", "text", { required: true, example: "示例行：导入前请改成公布的数值和来源" }),
    column("发布日期", "published_on", "publishedOn", "date", { example: "" }),
    column("演示数据", "demo", "demo", "boolean", { example: "是" }),
    AREA,
    DEPARTMENT,
  ],
};

const YES = "是";
const NO = "否";
const TRUE_WORDS = new Set(["是", "yes", "y", "true", "1", "on", "√"]);
const FALSE_WORDS = new Set(["否", "no", "n", "false", "0", "off", ""]);

// ── References by their human keys ───────────────────────────────────────────

interface References {
  actionNumberById: Map<number, number>;
  actionIdByNumber: Map<number, number>;
  campaignCodeById: Map<number, string>;
  campaignIdByCode: Map<string, number>;
  sectorNameById: Map<number, string>;
  sectorIdByName: Map<string, number>;
  sectorNames: string[];
  areaKeyById: Map<number, string>;
  areaIdByKey: Map<string, number>;
  departmentNameById: Map<number, string>;
  departmentIdByAreaName: Map<string, number>;
}

const deptKey = (areaId: number, name: string) => `${areaId}\u0000${name}`;

function loadReferences(db: Db | Tx): References {
  const refs: References = {
    actionNumberById: new Map(),
    actionIdByNumber: new Map(),
    campaignCodeById: new Map(),
    campaignIdByCode: new Map(),
    sectorNameById: new Map(),
    sectorIdByName: new Map(),
    sectorNames: [],
    areaKeyById: new Map(),
    areaIdByKey: new Map(),
    departmentNameById: new Map(),
    departmentIdByAreaName: new Map(),
  };
  for (const a of db.select({ id: actions.id, number: actions.number }).from(actions).all()) {
    refs.actionNumberById.set(a.id, a.number);
    refs.actionIdByNumber.set(a.number, a.id);
  }
  for (const c of db.select({ id: campaigns.id, code: campaigns.code }).from(campaigns).all()) {
    refs.campaignCodeById.set(c.id, c.code);
    refs.campaignIdByCode.set(c.code, c.id);
  }
  for (const s of db.select().from(sectors).orderBy(asc(sectors.position)).all()) {
    refs.sectorNameById.set(s.id, s.nameZh);
    refs.sectorNames.push(s.nameZh);
    for (const key of [s.nameZh, s.code, s.nameEn.toLowerCase()]) refs.sectorIdByName.set(key, s.id);
  }
  for (const a of db.select().from(areas).all()) {
    refs.areaKeyById.set(a.id, a.code ?? a.nameZh);
    refs.areaIdByKey.set(a.nameZh, a.id);
    if (a.code) refs.areaIdByKey.set(a.code, a.id);
  }
  for (const d of db.select().from(departments).all()) {
    refs.departmentNameById.set(d.id, d.nameZh);
    refs.departmentIdByAreaName.set(deptKey(d.areaId, d.nameZh), d.id);
  }
  return refs;
}

// ── Out: export and template ─────────────────────────────────────────────────

type Row = RecordRow & Record<string, unknown>;

function cellOf(col: CsvColumn, row: Row, raw: RawValues, refs: References): string {
  const value = raw[col.key];
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  switch (col.kind) {
    case "id":
      return String(row.id);
    case "area":
      return refs.areaKeyById.get(row.areaId) ?? "";
    case "department":
      return refs.departmentNameById.get(row.departmentId) ?? "";
    case "action":
      return text === "" ? "" : String(refs.actionNumberById.get(Number(text)) ?? "");
    case "campaign":
      return text === "" ? "" : (refs.campaignCodeById.get(Number(text)) ?? "");
    case "sector":
      return text === "" ? "" : (refs.sectorNameById.get(Number(text)) ?? "");
    case "sectors":
      return (Array.isArray(value) ? value : []).map((id) => refs.sectorNameById.get(Number(id)) ?? "").join("、");
    case "subjectArea":
      return text === "" ? "" : (refs.areaKeyById.get(Number(text)) ?? "");
    case "boolean":
      return text === "on" || text === "true" ? YES : NO;
    case "choice":
      return col.choices?.find(([v]) => v === text)?.[1] ?? text;
    default:
      return text;
  }
}

/** The rows of the user's scope that the list's filters select, all of them, in the list's order. */
function exportedRows(db: Db | Tx, type: CsvType, user: ScopedUser, query: ListQuery): Row[] {
  const spec = recordSpec(type);
  const shape = LIST_SHAPES[type];
  const sortKey = query.sort && query.sort in shape.sortable ? query.sort : shape.defaultSort;
  const direction = query.dir ?? (sortKey === "number" || sortKey === "name" || sortKey === "title" ? "asc" : "desc");
  const sortColumn = shape.sortable[sortKey]!;
  return db
    .select()
    .from(spec.table)
    .where(listCondition(db, type, spec.table, user, query))
    .orderBy(direction === "asc" ? asc(sortColumn) : desc(sortColumn), asc(spec.table.id))
    .all() as Row[];
}

export function csvHeader(type: CsvType): string[] {
  return CSV_COLUMNS[type].map((c) => c.header);
}

/** Every record the user may read that the list's filters select (all pages), as CSV. */
export function exportCsv(db: Db | Tx, type: CsvType, user: ScopedUser, query: ListQuery): { csv: string; count: number } {
  const spec = recordSpec(type);
  const refs = loadReferences(db);
  const columns = CSV_COLUMNS[type];
  const rows = exportedRows(db, type, user, query);
  const lines = rows.map((row) => {
    const raw = spec.toRaw(row);
    return columns.map((col) => cellOf(col, row, raw, refs));
  });
  return { csv: toCsv([csvHeader(type), ...lines]), count: rows.length };
}

/** The header and one example line, with the user's own area and department and an existing action or campaign. */
export function csvTemplate(db: Db | Tx, type: CsvType, user: ScopedUser): string {
  const refs = loadReferences(db);
  const firstAction = [...refs.actionIdByNumber.keys()].sort((a, b) => a - b)[0];
  const firstCampaign = db.select({ code: campaigns.code }).from(campaigns).where(eq(campaigns.status, "approved")).orderBy(asc(campaigns.code)).get()?.code;
  const example = CSV_COLUMNS[type].map((col) => {
    switch (col.kind) {
      case "id":
        return "";
      case "area":
      case "subjectArea":
        return refs.areaKeyById.get(user.areaId) ?? "";
      case "department":
        return refs.departmentNameById.get(user.departmentId) ?? "";
      case "action":
        return firstAction === undefined ? "" : String(firstAction);
      case "campaign":
        return firstCampaign ?? "";
      default:
        return col.example ?? "";
    }
  });
  return toCsv([csvHeader(type), example]);
}

// ── In: import ───────────────────────────────────────────────────────────────

/** Messages of the `csv` namespace an import can report. */
export const CSV_MESSAGE_KEYS = [
  "unterminatedQuote",
  "textAfterQuote",
  "noHeader",
  "unknownColumn",
  "duplicateColumn",
  "missingColumn",
  "noDataLines",
  "tooManyLines",
  "cellWithoutHeader",
  "idFormat",
  "duplicateId",
  "recordNotFound",
  "unknownAction",
  "unknownCampaign",
  "unknownSector",
  "unknownArea",
  "areaOutOfScope",
  "unknownDepartment",
  "departmentOutOfScope",
  "booleanFormat",
  "choiceValue",
] as const;
export type CsvMessageKey = (typeof CSV_MESSAGE_KEYS)[number];

/** One problem of an imported file, at a line (1-based, physical) and a column (its header). */
export type CsvProblem = { line: number; column: string | null } & (
  | { key: CsvMessageKey; values?: Record<string, string | number> }
  /** A rule of the record itself: a key under `errors` (e.g. "moneyFormat") or a sentence zod already wrote in the user's language. */
  | { messages: string[] }
);

export interface CsvImportResult {
  created: number;
  updated: number;
  unchanged: number;
  submitted: number;
  /** Empty when the file was imported; otherwise nothing was written. */
  errors: CsvProblem[];
}

export interface ImportOptions {
  locale: Locale;
  actor: AuditActor;
  ip?: string | null;
  /** The uploaded file's name, for the audit row. */
  fileName?: string;
}

function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();
}

/** An imported header cell → its column: the whole header, the English name in parentheses, the name alone, or the Chinese alone. */
export function findColumn(type: CsvType, text: string): CsvColumn | undefined {
  const wanted = normaliseHeader(text);
  if (wanted === "") return undefined;
  const inParentheses = /\(([a-z_]+)\)$/.exec(wanted)?.[1];
  return CSV_COLUMNS[type].find(
    (c) => normaliseHeader(c.header) === wanted || c.name === wanted || c.name === inParentheses || c.zh === wanted,
  );
}

/** Dates as spreadsheets rewrite them (2025/3/1, 2025.3.1, 2025年3月1日) → 2025-03-01; anything else as typed. */
export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : text;
}

class Rollback extends Error {}

type CellResult = { value: string } | { key: CsvMessageKey; values?: Record<string, string | number> };

/** A cell of a field column → the raw value the record's schema reads. */
function rawOfCell(col: CsvColumn, cell: string, refs: References): CellResult {
  const text = cell.trim();
  switch (col.kind) {
    case "date":
      return { value: normaliseDate(text) };
    case "boolean": {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: "on" };
      if (FALSE_WORDS.has(word)) return { value: "" };
      return { key: "booleanFormat", values: { value: text } };
    }
    case "choice": {
      if (text === "") return { value: "" };
      const choice = col.choices?.find(([v, label]) => label === text || v.toLowerCase() === text.toLowerCase());
      if (choice) return { value: choice[0] };
      return { key: "choiceValue", values: { value: text, options: (col.choices ?? []).map(([, l]) => l).join("、") } };
    }
    case "action": {
      if (text === "") return { value: "" };
      const id = /^\d{1,6}$/.test(text) ? refs.actionIdByNumber.get(Number(text)) : undefined;
      return id === undefined ? { key: "unknownAction", values: { value: text } } : { value: String(id) };
    }
    case "campaign": {
      if (text === "") return { value: "" };
      const id = refs.campaignIdByCode.get(text.toUpperCase());
      return id === undefined ? { key: "unknownCampaign", values: { value: text } } : { value: String(id) };
    }
    case "subjectArea": {
      if (text === "") return { value: "" };
      const id = refs.areaIdByKey.get(text);
      return id === undefined ? { key: "unknownArea", values: { value: text } } : { value: String(id) };
    }
    case "sector":
    case "sectors": {
      const names = col.kind === "sector" ? [text] : text.split(/[、,，;；]+/).map((n) => n.trim());
      const ids: number[] = [];
      for (const name of names.filter(Boolean)) {
        const id = refs.sectorIdByName.get(name) ?? refs.sectorIdByName.get(name.toLowerCase());
        if (id === undefined) return { key: "unknownSector", values: { value: name, options: refs.sectorNames.join("、") } };
        ids.push(id);
      }
      return { value: ids.join(",") };
    }
    default:
      // Text, counts, years and money: the record's schema trims and checks them, as for a form.
      return { value: cell };
  }
}

/** The record's columns of a parsed input, as one comparable string. */
function columnsKey(spec: AnyRecordSpec, input: unknown): string {
  return JSON.stringify(spec.toColumns(input));
}

/** True when the line's values are the record's current ones (what an export shows). */
function unchanged(spec: AnyRecordSpec, parsed: ParsedRecord, row: Row): boolean {
  const current = spec.schema.safeParse(spec.toRaw(row));
  return current.success && columnsKey(spec, parsed.input) === columnsKey(spec, current.data);
}

/**
 * Imports a CSV file of one record type for a staff member: all lines or none. Lines with an
 * id change that record (it must be the user's to edit), lines without create one; each
 * record created or changed is submitted for review. The write and its audit row are one
 * transaction; when any line has a problem, nothing is written and every problem is returned.
 */
export function importCsv(db: Db, type: CsvType, user: ScopedUser, text: string, options: ImportOptions): CsvImportResult {
  if (user.role !== "staff") throw new AppError("FORBIDDEN", "FORBIDDEN");
  const spec = recordSpec(type);
  const columns = CSV_COLUMNS[type];
  const result: CsvImportResult = { created: 0, updated: 0, unchanged: 0, submitted: 0, errors: [] };
  const problems = result.errors;

  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push({ line: error.line, column: null, key: error.reason });
    return result;
  }

  // The header: every column known, none twice, every required one present.
  const header = records[0];
  if (!header) {
    problems.push({ line: 1, column: null, key: "noHeader" });
    return result;
  }
  const byPosition: Array<CsvColumn | undefined> = [];
  const seen = new Set<CsvColumn>();
  header.cells.forEach((cell, position) => {
    if (cell.trim() === "") return;
    const col = findColumn(type, restoreFormula(cell));
    if (!col) {
      problems.push({ line: header.line, column: cell.trim(), key: "unknownColumn", values: { header: cell.trim(), columns: csvHeader(type).join("，") } });
    } else if (seen.has(col)) {
      problems.push({ line: header.line, column: col.header, key: "duplicateColumn", values: { header: col.header } });
    } else {
      seen.add(col);
      byPosition[position] = col;
    }
  });
  for (const col of columns) {
    if (col.required && !seen.has(col)) problems.push({ line: header.line, column: col.header, key: "missingColumn", values: { header: col.header } });
  }
  if (problems.length > 0) return result;

  const lines = records.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (lines.length === 0) {
    problems.push({ line: header.line, column: null, key: "noDataLines" });
    return result;
  }
  if (lines.length > MAX_IMPORT_LINES) {
    problems.push({ line: lines[MAX_IMPORT_LINES]!.line, column: null, key: "tooManyLines", values: { max: MAX_IMPORT_LINES, count: lines.length } });
    return result;
  }

  const columnOfKey = (key: string) => columns.find((c) => c.key === key)?.header ?? null;
  const ids = { created: [] as number[], updated: [] as number[] };

  try {
    return writeTransaction((tx) => {
      const refs = loadReferences(tx);
      const firstLineOfId = new Map<number, number>();

      for (const record of lines) {
        const line = record.line;
        const before = problems.length;
        const reported = new Set<string>();
        const problem = (col: CsvColumn | null, key: CsvMessageKey, values?: Record<string, string | number>) => {
          problems.push({ line, column: col?.header ?? null, key, values });
          if (col) reported.add(col.key);
        };

        const cells = record.cells.map(restoreFormula);
        cells.forEach((cell, position) => {
          if (!byPosition[position] && cell.trim() !== "") problem(null, "cellWithoutHeader", { position: position + 1 });
        });
        const cellOf = (col: CsvColumn): string | undefined => {
          const position = byPosition.indexOf(col);
          return position < 0 ? undefined : (cells[position] ?? "");
        };

        // Which record: an id changes that one (the user's own to edit), none makes a new one.
        let row: Row | undefined;
        const idText = cellOf(ID)?.trim() ?? "";
        if (idText !== "") {
          if (!/^[1-9]\d{0,15}$/.test(idText)) {
            problem(ID, "idFormat", { value: idText });
          } else {
            const id = Number(idText);
            const first = firstLineOfId.get(id);
            if (first !== undefined) problem(ID, "duplicateId", { id, first });
            else firstLineOfId.set(id, line);
            row = tx.select().from(spec.table).where(eq(spec.table.id, id)).get() as Row | undefined;
            // Not found and not yours read the same: the file cannot probe other scopes.
            if (!row || !canEditRecord(user, row)) {
              if (first === undefined) problem(ID, "recordNotFound", { id });
              row = undefined;
            }
          }
        }

        // Where: the user's own area and department; blank means just that.
        const areaText = cellOf(AREA)?.trim() ?? "";
        if (areaText !== "") {
          const areaId = refs.areaIdByKey.get(areaText);
          if (areaId === undefined) problem(AREA, "unknownArea", { value: areaText });
          else if (areaId !== user.areaId) problem(AREA, "areaOutOfScope", { value: areaText, own: refs.areaKeyById.get(user.areaId) ?? "" });
        }
        const departmentText = cellOf(DEPARTMENT)?.trim() ?? "";
        if (departmentText !== "" && !reported.has(AREA.key)) {
          const departmentId = refs.departmentIdByAreaName.get(deptKey(user.areaId, departmentText));
          if (departmentId === undefined && ![...refs.departmentNameById.values()].includes(departmentText)) {
            problem(DEPARTMENT, "unknownDepartment", { value: departmentText });
          } else if (departmentId !== user.departmentId) {
            problem(DEPARTMENT, "departmentOutOfScope", { value: departmentText, own: refs.departmentNameById.get(user.departmentId) ?? "" });
          }
        }

        // What: the line's cells over the record's current values (a column left out keeps them).
        const raw: RawValues = row ? spec.toRaw(row) : {};
        for (const col of columns) {
          if (col === ID || col === AREA || col === DEPARTMENT) continue;
          const cell = cellOf(col);
          if (cell === undefined) continue;
          const converted = rawOfCell(col, cell, refs);
          if ("value" in converted) raw[col.key] = converted.value;
          else problem(col, converted.key, converted.values);
        }

        // The record's own rules, as for its form; a cell already reported is not reported twice.
        let parsed: ParsedRecord | undefined;
        try {
          parsed = parseRecordValues(type, raw, options.locale);
        } catch (error) {
          if (!(error instanceof AppError) || !error.fieldErrors) throw error;
          for (const [key, messages] of Object.entries(error.fieldErrors)) {
            if (reported.has(key) || !messages?.length) continue;
            problems.push({ line, column: columnOfKey(key), messages: [...new Set(messages)] });
          }
        }
        if (problems.length > before || !parsed) continue;
        if (row && unchanged(spec, parsed, row)) {
          result.unchanged++;
          continue;
        }

        // The workflow's own checks (references exist, no change already awaiting review) run
        // here; a savepoint keeps a refused line from leaving half a record behind.
        try {
          const saved = tx.transaction((sp) => {
            const s = saveRecord(sp, spec, user, row?.id, parsed);
            submitRecord(sp, spec, user, s.id);
            return s;
          });
          if (row) ids.updated.push(saved.id);
          else ids.created.push(saved.id);
          result.submitted++;
        } catch (error) {
          if (error instanceof WorkflowError) {
            problems.push({ line, column: row ? ID.header : null, messages: [`workflow.${error.reason}`] });
          } else if (error instanceof AppError && error.fieldErrors) {
            for (const [key, messages] of Object.entries(error.fieldErrors)) {
              if (messages?.length) problems.push({ line, column: columnOfKey(key), messages: [...new Set(messages)] });
            }
          } else if (error instanceof AppError) {
            problems.push({ line, column: row ? ID.header : null, messages: [error.messageKey] });
          } else {
            throw error;
          }
        }
      }

      if (problems.length > 0) throw new Rollback();
      result.created = ids.created.length;
      result.updated = ids.updated.length;
      appendAudit(tx, {
        actor: options.actor,
        action: "record.import",
        entity: type,
        entityId: null,
        after: ids,
        outcome: "success",
        detail: JSON.stringify({
          file: options.fileName ?? null,
          sha256: createHash("sha256").update(text).digest("hex"),
          lines: lines.length,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          submitted: result.submitted,
        }),
        ip: options.ip ?? null,
      });
      return result;
    }, db);
  } catch (error) {
    if (error instanceof Rollback) return { created: 0, updated: 0, unchanged: 0, submitted: 0, errors: problems };
    throw error;
  }
}
