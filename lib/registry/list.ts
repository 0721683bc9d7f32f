// Lists of registry records: the reader's scope, search, filters, sorting and paging, in SQL.
import { and, asc, count, desc, eq, gte, inArray, like, lte, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { actions, areas, batches, campaigns, carriers, departments, events, packages, policies, RECORD_STATUSES, RETAIL_INDICATORS, retailIndicators, VOUCHER_CHANNELS } from "@/db/schema";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { FRAMEWORK_TYPES, type RecordType, type RegistryTable } from "./types";

interface ListShape {
  search: SQLiteColumn[];
  /** Start and end of the record's period (or one date twice); none for figures kept by year and month. */
  period?: [SQLiteColumn, SQLiteColumn];
  sortable: Record<string, SQLiteColumn>;
  defaultSort: string;
  action?: SQLiteColumn;
  sector?: SQLiteColumn;
  campaign?: SQLiteColumn;
  /** A single channel column (batches); campaigns match a channel inside their JSON list. */
  channel?: SQLiteColumn;
  channelList?: SQLiteColumn;
  /** The area a record is about, when it is not the area that keeps it: the area filter reads it. */
  subjectArea?: SQLiteColumn;
  indicator?: SQLiteColumn;
  year?: SQLiteColumn;
}

export const LIST_SHAPES: Record<RecordType, ListShape> = {
  policy: {
    search: [policies.title, policies.docNumber],
    period: [policies.issuedOn, policies.issuedOn],
    sortable: { title: policies.title, issuedOn: policies.issuedOn, updatedAt: policies.updatedAt },
    defaultSort: "issuedOn",
  },
  action: {
    search: [actions.titleZh, actions.titleEn],
    period: [actions.startsOn, actions.endsOn],
    sortable: { number: actions.number, startsOn: actions.startsOn, updatedAt: actions.updatedAt },
    defaultSort: "number",
  },
  package: {
    search: [packages.name, packages.partners, packages.offerTerms],
    period: [packages.startsOn, packages.endsOn],
    sortable: { name: packages.name, budgetFen: packages.budgetFen, startsOn: packages.startsOn, updatedAt: packages.updatedAt },
    defaultSort: "startsOn",
    action: packages.actionId,
    sector: packages.sectorId,
  },
  event: {
    search: [events.name, events.venue],
    period: [events.startsOn, events.endsOn],
    sortable: { name: events.name, startsOn: events.startsOn, salesFen: events.salesFen, footfall: events.footfall, updatedAt: events.updatedAt },
    defaultSort: "startsOn",
    action: events.actionId,
  },
  carrier: {
    search: [carriers.name, carriers.operator],
    period: [carriers.periodStart, carriers.periodEnd],
    sortable: { name: carriers.name, yearRecognised: carriers.yearRecognised, onlineSalesFen: carriers.onlineSalesFen, updatedAt: carriers.updatedAt },
    defaultSort: "name",
    action: carriers.actionId,
  },
  campaign: {
    search: [campaigns.name, campaigns.code],
    period: [campaigns.startsOn, campaigns.endsOn],
    sortable: { name: campaigns.name, code: campaigns.code, budgetCapFen: campaigns.budgetCapFen, startsOn: campaigns.startsOn, updatedAt: campaigns.updatedAt },
    defaultSort: "startsOn",
    action: campaigns.actionId,
    channelList: campaigns.channels,
  },
  batch: {
    search: [batches.code, batches.note],
    period: [batches.validFrom, batches.validTo],
    sortable: {
      code: batches.code,
      faceValueFen: batches.faceValueFen,
      quantityIssued: batches.quantityIssued,
      validFrom: batches.validFrom,
      updatedAt: batches.updatedAt,
    },
    defaultSort: "validFrom",
    campaign: batches.campaignId,
    channel: batches.channel,
  },
  indicator: {
    search: [retailIndicators.source],
    sortable: { year: retailIndicators.year, valueFen: retailIndicators.valueFen, updatedAt: retailIndicators.updatedAt },
    defaultSort: "year",
    subjectArea: retailIndicators.subjectAreaId,
    indicator: retailIndicators.indicator,
    year: retailIndicators.year,
  },
};

const id = z.coerce.number().int().positive().optional().catch(undefined);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

/** The list's query string; anything invalid is ignored rather than refused. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  actionId: id,
  areaId: id,
  departmentId: id,
  sectorId: id,
  campaignId: id,
  channel: z.enum(VOUCHER_CHANNELS).optional().catch(undefined),
  indicator: z.enum(RETAIL_INDICATORS).optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  status: z.enum(RECORD_STATUSES).optional().catch(undefined),
  from: date,
  to: date,
  sort: z.string().max(40).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const PAGE_SIZE = 25;

type ScopeTable = Pick<RegistryTable, "departmentId" | "areaId">;

/** What of a table the user may read, as SQL (null: everything). */
export function scopeCondition(db: Db | Tx, table: ScopeTable, user: ScopedUser): SQL | undefined {
  switch (user.role) {
    case "admin":
    case "auditor":
      return undefined;
    case "manager":
      return inArray(table.areaId, areaSubtree(db, user.areaId));
    case "staff":
      return and(eq(table.departmentId, user.departmentId), eq(table.areaId, user.areaId));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listCondition(db: Db | Tx, type: RecordType, table: RegistryTable, user: ScopedUser, query: ListQuery): SQL | undefined {
  const shape = LIST_SHAPES[type];
  const scope = scopeCondition(db, table, user);
  const conditions: Array<SQL | undefined> = [scope && FRAMEWORK_TYPES.has(type) ? or(scope, eq(table.status, "approved")) : scope];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(...shape.search.map((column) => like(column, pattern))));
  }
  if (query.status) conditions.push(eq(table.status, query.status));
  if (query.areaId) conditions.push(inArray(shape.subjectArea ?? table.areaId, areaSubtree(db, query.areaId)));
  if (query.departmentId) conditions.push(eq(table.departmentId, query.departmentId));
  if (query.actionId && shape.action) conditions.push(eq(shape.action, query.actionId));
  if (query.sectorId && shape.sector) conditions.push(eq(shape.sector, query.sectorId));
  if (query.campaignId && shape.campaign) conditions.push(eq(shape.campaign, query.campaignId));
  if (query.channel && shape.channel) conditions.push(eq(shape.channel, query.channel));
  if (query.channel && shape.channelList) conditions.push(sql`exists (select 1 from json_each(${shape.channelList}) where value = ${query.channel})`);
  if (query.indicator && shape.indicator) conditions.push(eq(shape.indicator, query.indicator));
  if (query.year && shape.year) conditions.push(eq(shape.year, query.year));
  // Overlap with [from, to]: started by `to` and not ended before `from`.
  if (query.to && shape.period) conditions.push(lte(shape.period[0], query.to));
  if (query.from && shape.period) conditions.push(gte(shape.period[1], query.from));
  return and(...conditions);
}

export interface ListedRecord {
  row: Record<string, unknown> & { id: number; status: string; departmentId: number; areaId: number };
  areaNameZh: string;
  areaNameEn: string;
  departmentNameZh: string;
  departmentNameEn: string;
}

export function listRecords(db: Db | Tx, type: RecordType, table: RegistryTable, user: ScopedUser, query: ListQuery) {
  const shape = LIST_SHAPES[type];
  const where = listCondition(db, type, table, user, query);
  const total = db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const sortKey = query.sort && query.sort in shape.sortable ? query.sort : shape.defaultSort;
  const sortColumn = shape.sortable[sortKey]!;
  const direction = query.dir ?? (sortKey === "number" || sortKey === "name" || sortKey === "title" || sortKey === "code" ? "asc" : "desc");
  const rows = db
    .select({
      row: table,
      areaNameZh: areas.nameZh,
      areaNameEn: areas.nameEn,
      departmentNameZh: departments.nameZh,
      departmentNameEn: departments.nameEn,
    })
    .from(table)
    .innerJoin(areas, eq(areas.id, table.areaId))
    .innerJoin(departments, eq(departments.id, table.departmentId))
    .where(where)
    .orderBy(direction === "asc" ? asc(sortColumn) : desc(sortColumn), asc(table.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all() as ListedRecord[];
  return { rows, total, page, pages, sort: sortKey, dir: direction };
}
