// The columns of each record type's list: one table of definitions read by one list page.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale, RecordStatus, RevisionStatus } from "@/db/schema";
import { formatWanYuan, formatYiYuan } from "@/lib/money/fen";
import { formatGrowth, formatRank } from "@/lib/indicators/format";
import { formatLeverageFloor } from "@/lib/vouchers/floor";
import { formatTerms } from "@/lib/vouchers/terms";
import type { ListedRecord } from "@/lib/registry/list";
import { recordHeading } from "@/lib/registry/queries";
import { recordPath, type RecordType } from "@/lib/registry/types";
import type { Translate } from "./translate";

export interface ListContext {
  type: RecordType;
  locale: Locale;
  /** Translators of the registry and workflow namespaces. */
  t: Translate;
  tw: Translate;
  yes: string;
  actionNames: Map<string, string>;
  sectorNames: Map<string, string>;
  campaignNames: Map<string, string>;
  areaNames: Map<string, string>;
  /** Batches' gross leverage from their redemptions (1 : N), by id; empty for other lists. */
  batchLeverage: Map<number, string>;
  /** Open change (draft or submitted revision) of approved records, by id. */
  openChange: Map<number, RevisionStatus>;
}

export interface Column {
  /** Header label: `registry.columns.<key>`. */
  key: string;
  /** The LIST_SHAPES sort key this column sorts by. */
  sort?: string;
  num?: boolean;
  cell: (record: ListedRecord, ctx: ListContext) => ReactNode;
}

const EMPTY = <span className="muted">—</span>;
const value = (r: ListedRecord, field: string) => r.row[field];

type Cell = Column["cell"];

// Cell makers: named functions, each returning the cell of one field.
function text(field: string): Cell {
  return function textCell(r) {
    const v = value(r, field);
    return v === null || v === undefined || v === "" ? EMPTY : String(v);
  };
}
function wan(field: string): Cell {
  return function wanCell(r) {
    const v = value(r, field);
    return typeof v === "number" ? formatWanYuan(v) : EMPTY;
  };
}
function count(field: string): Cell {
  return function countCell(r) {
    const v = value(r, field);
    return typeof v === "number" ? v.toLocaleString("en-US") : EMPTY;
  };
}
function period(start: string, end: string): Cell {
  return function periodCell(r) {
    if (!value(r, start)) return EMPTY;
    return (
      <>
        <span className="nowrap">{String(value(r, start))}</span> – <span className="nowrap">{String(value(r, end) ?? "")}</span>
      </>
    );
  };
}
function enumLabel(name: string, field: string): Cell {
  return function enumCell(r, ctx) {
    return ctx.t(`enums.${name}.${String(value(r, field))}`);
  };
}
function named(names: "actionNames" | "sectorNames" | "campaignNames" | "areaNames", field: string): Cell {
  return function namedCell(r, ctx) {
    const id = value(r, field);
    return id === null || id === undefined ? EMPTY : (ctx[names].get(String(id)) ?? `#${String(id)}`);
  };
}
const area = (r: ListedRecord, ctx: ListContext) => (ctx.locale === "en" ? r.areaNameEn : r.areaNameZh);
const department = (r: ListedRecord, ctx: ListContext) => (ctx.locale === "en" ? r.departmentNameEn : r.departmentNameZh);
/** The record's own name, linked to its page. */
const heading = (r: ListedRecord, ctx: ListContext) => {
  const label = ctx.type === "action" ? String(ctx.locale === "en" ? r.row.titleEn : r.row.titleZh) : recordHeading(ctx.type, r.row, ctx.locale);
  return (
    <Link href={recordPath(ctx.type, r.row.id)} data-testid="record-link" className={ctx.type === "batch" ? "nowrap" : undefined}>
      {label}
    </Link>
  );
};

const STATUS_TONE: Record<RecordStatus, string> = { draft: "", submitted: "warn", returned: "bad", approved: "ok" };

export function StatusBadges({ status, openChange, t, tw }: { status: RecordStatus; openChange?: RevisionStatus; t: Translate; tw: Translate }) {
  return (
    <span className="badges">
      <span className={`badge ${STATUS_TONE[status]}`} data-testid="record-status">
        {tw(status)}
      </span>
      {status === "approved" && openChange === "submitted" && <span className="badge warn">{t("badges.changeSubmitted")}</span>}
      {status === "approved" && openChange === "draft" && <span className="badge">{t("badges.changeDraft")}</span>}
    </span>
  );
}

const status: Column = {
  key: "status",
  cell: (r, ctx) => <StatusBadges status={r.row.status as RecordStatus} openChange={ctx.openChange.get(r.row.id)} t={ctx.t} tw={ctx.tw} />,
};

function channels(r: ListedRecord, ctx: ListContext): ReactNode {
  const list = Array.isArray(r.row.channels) ? (r.row.channels as string[]) : [];
  return list.length ? list.map((c) => ctx.t(`enums.channel.${c}`)).join(ctx.t("listSeparator")) : EMPTY;
}
const batchTerms = (r: ListedRecord) => ({ faceValueFen: Number(r.row.faceValueFen), thresholdFen: Number(r.row.thresholdFen) });

export const LIST_COLUMNS: Record<RecordType, Column[]> = {
  policy: [
    { key: "title", sort: "title", cell: heading },
    { key: "docNumber", cell: text("docNumber") },
    { key: "level", cell: enumLabel("policyLevel", "level") },
    { key: "kind", cell: enumLabel("policyKind", "kind") },
    { key: "issuedOn", sort: "issuedOn", cell: text("issuedOn") },
    status,
  ],
  action: [
    { key: "number", sort: "number", num: true, cell: text("number") },
    { key: "title", cell: heading },
    { key: "leadDepartment", cell: department },
    { key: "period", sort: "startsOn", cell: period("startsOn", "endsOn") },
    status,
  ],
  package: [
    { key: "name", sort: "name", cell: heading },
    { key: "action", cell: named("actionNames", "actionId") },
    { key: "sector", cell: named("sectorNames", "sectorId") },
    { key: "area", cell: area },
    { key: "budgetWan", sort: "budgetFen", num: true, cell: wan("budgetFen") },
    { key: "period", sort: "startsOn", cell: period("startsOn", "endsOn") },
    status,
  ],
  event: [
    { key: "name", sort: "name", cell: heading },
    { key: "action", cell: named("actionNames", "actionId") },
    { key: "venue", cell: text("venue") },
    { key: "area", cell: area },
    { key: "dates", sort: "startsOn", cell: period("startsOn", "endsOn") },
    { key: "largeScale", cell: (r, ctx) => (r.row.largeScale ? ctx.yes : EMPTY) },
    { key: "footfall", sort: "footfall", num: true, cell: count("footfall") },
    { key: "salesWan", sort: "salesFen", num: true, cell: wan("salesFen") },
    status,
  ],
  carrier: [
    { key: "name", sort: "name", cell: heading },
    { key: "kind", cell: enumLabel("carrierKind", "kind") },
    { key: "level", cell: enumLabel("carrierLevel", "level") },
    { key: "area", cell: area },
    { key: "year", sort: "yearRecognised", cell: text("yearRecognised") },
    { key: "onlineSalesWan", sort: "onlineSalesFen", num: true, cell: wan("onlineSalesFen") },
    { key: "jobs", num: true, cell: count("jobs") },
    status,
  ],
  campaign: [
    { key: "name", sort: "name", cell: heading },
    { key: "code", sort: "code", cell: (r) => <span className="nowrap">{String(r.row.code)}</span> },
    { key: "action", cell: named("actionNames", "actionId") },
    { key: "channels", cell: channels },
    { key: "budgetCapWan", sort: "budgetCapFen", num: true, cell: wan("budgetCapFen") },
    { key: "period", sort: "startsOn", cell: period("startsOn", "endsOn") },
    status,
  ],
  batch: [
    { key: "code", sort: "code", cell: heading },
    { key: "campaign", cell: named("campaignNames", "campaignId") },
    { key: "channel", cell: enumLabel("channel", "channel") },
    { key: "terms", sort: "faceValueFen", cell: (r, ctx) => <span className="nowrap">{formatTerms(batchTerms(r), ctx.locale)}</span> },
    { key: "quantityIssued", sort: "quantityIssued", num: true, cell: count("quantityIssued") },
    { key: "quantityClaimed", num: true, cell: count("quantityClaimed") },
    { key: "validity", sort: "validFrom", cell: period("validFrom", "validTo") },
    {
      key: "leverageFloor",
      num: true,
      cell: (r) => {
        const floor = formatLeverageFloor(batchTerms(r));
        return floor ? <span className="nowrap" data-testid="leverage-floor">{floor}</span> : EMPTY;
      },
    },
    {
      key: "leverageActual",
      num: true,
      cell: (r, ctx) => {
        const actual = ctx.batchLeverage.get(r.row.id);
        return actual ? <span className="nowrap" data-testid="leverage-actual">{actual}</span> : EMPTY;
      },
    },
    status,
  ],
  indicator: [
    { key: "indicatorRecord", sort: "year", cell: heading },
    { key: "subjectArea", cell: named("areaNames", "subjectAreaId") },
    { key: "valueYi", sort: "valueFen", num: true, cell: (r) => formatYiYuan(Number(r.row.valueFen)) },
    { key: "yoy", num: true, cell: (r) => (typeof r.row.yoyTenths === "number" ? formatGrowth(r.row.yoyTenths) : EMPTY) },
    { key: "rank", num: true, cell: (r) => (typeof r.row.rank === "number" ? formatRank(r.row.rank, Number(r.row.rankOf)) : EMPTY) },
    { key: "source", cell: text("source") },
    { key: "demo", cell: (r, ctx) => (r.row.demo ? <span className="badge warn">{ctx.t("demoBadge")}</span> : EMPTY) },
    status,
  ],
};
