import "server-only";
// What the auditor reads: the log, filtered and paged, and the state of its hash chain.
import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { auditLog, type AuditRow } from "@/db/schema";
import { shanghaiDayBounds } from "@/lib/datetime";
import { verifyAuditChain, type ChainReport } from "./log";
import type { AuditFilters } from "./filters";

export type { AuditRow };

export const AUDIT_PAGE_SIZE = 50;

/** `%` and `_` typed by the user are literal characters, not wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function auditWhere(filters: AuditFilters): SQL | undefined {
  return and(
    filters.actor ? sql`${auditLog.actorName} like ${containsPattern(filters.actor)} escape '\\'` : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.entity ? eq(auditLog.entity, filters.entity) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    // `at` is ISO-8601 UTC text, so string order is time order.
    filters.from ? gte(auditLog.at, shanghaiDayBounds(filters.from).start) : undefined,
    filters.to ? lt(auditLog.at, shanghaiDayBounds(filters.to).end) : undefined,
  );
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  /** The page shown: the one asked for, brought back within range. */
  page: number;
  pageCount: number;
}

/** One page of the log, newest first. */
export function listAuditEntries({ filters, page, db = getDb() }: { filters: AuditFilters; page: number; db?: Db }): AuditPage {
  const where = auditWhere(filters);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const shown = Math.min(Math.max(1, Math.trunc(page)), pageCount);
  const rows = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((shown - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows, total, page: shown, pageCount };
}

/** The actions and record types present in the log: the choices of the filter form. */
export function listAuditFacets(db: Db = getDb()): { actions: string[]; entities: string[] } {
  return {
    actions: db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).all().map((r) => r.v),
    entities: db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity).all().map((r) => r.v),
  };
}

export function getAuditChainReport(db: Db = getDb()): ChainReport {
  return verifyAuditChain(db);
}
