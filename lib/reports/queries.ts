import "server-only";
// What the report pages read, with the process's connection: the reader's query (normalised to
// their scope), the areas they may choose, the names along the drill-down path.
import { inArray, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { actions, areas, batches, campaigns, merchants, sectors } from "@/db/schema";
import type { ScopedUser } from "@/lib/auth/scope";
import { resolveLocale } from "@/lib/i18n/locale";
import { defaultPeriod } from "./defaults";
import { normaliseQuery } from "./overview";
import { parseReportSearch, readableAreaIds, reportSearch } from "./report";
import { tableTranslators, type PageTableContext, type ReportsT, type TableContext, type TableNamespace } from "./tables";

export type SearchParams = Record<string, string | string[] | undefined>;

export interface ReportPage extends TableContext {
  /** The query as search parameters (links, exports). */
  search: string;
}

/** The reader's report query and what renders it; a drill-down parameter naming no record is a 404. */
export async function loadReport(user: ScopedUser, params: SearchParams): Promise<ReportPage> {
  const db = getDb();
  const [translators, locale] = await Promise.all([tableTranslators((namespace) => getTranslations(namespace)), getLocale().then(resolveLocale)]);
  const query = normaliseQuery(db, user, parseReportSearch(params, defaultPeriod(db)));
  if (query.invalid) notFound();
  return { db, user, query, locale, ...translators, search: reportSearch(query) };
}

/** A page outside /reports whose tables export (anomalies, indicators, effects): its table context and the reports' translator, for the download links. */
export interface PageTables extends PageTableContext {
  reportsT: ReportsT;
}

export async function loadPageTables(user: ScopedUser, namespace: TableNamespace): Promise<PageTables> {
  const [{ t: reportsT, tOf }, locale] = await Promise.all([tableTranslators((ns) => getTranslations(ns)), getLocale().then(resolveLocale)]);
  return { db: getDb(), user, locale, t: tOf(namespace), reportsT };
}

export interface AreaOption {
  id: number;
  name: string;
  level: string;
}

/** The city and counties a reader may choose (staff: none, they report on their own scope). */
export function areaOptions(user: ScopedUser, locale: string): AreaOption[] {
  if (user.role === "staff") return [];
  const db = getDb();
  const readable = readableAreaIds(db, user);
  const rows = db
    .select()
    .from(areas)
    .where(readable ? inArray(areas.id, readable) : undefined)
    .all()
    .filter((a) => a.level !== "zone");
  return rows
    .sort((a, b) => (a.level === b.level ? (a.code ?? "").localeCompare(b.code ?? "") : a.level === "city" ? -1 : 1))
    .map((a) => ({ id: a.id, name: locale === "en" ? a.nameEn : a.nameZh, level: a.level }));
}

/** An area's name, for headings. */
export function areaName(areaId: number, locale: string): string | null {
  const a = getDb().select().from(areas).where(eq(areas.id, areaId)).get();
  return a ? (locale === "en" ? a.nameEn : a.nameZh) : null;
}

export interface DrillStep {
  level: "area" | "sector" | "channel" | "merchant" | "action" | "campaign" | "batch";
  /** The record's id; a channel's key; null for the sector row of merchants without one. */
  id: number | string | null;
  name: string;
}

/** The names of the breakdown rows (county, sector, channel, merchant) and the action, campaign and batch the query narrows to (for the breadcrumb and the filter bar). */
export function drillPath(page: Pick<ReportPage, "query" | "locale" | "t">): DrillStep[] {
  const db = getDb();
  const steps: DrillStep[] = [];
  const { actionId, campaignId, batchId, areaId, sectorId, channel, merchantId } = page.query;
  const area = areaId === undefined ? null : areaName(areaId, page.locale);
  if (areaId !== undefined && area !== null) steps.push({ level: "area", id: areaId, name: area });
  if (sectorId === null) steps.push({ level: "sector", id: null, name: page.t("unassignedSector") });
  else if (sectorId !== undefined) {
    const s = db.select().from(sectors).where(eq(sectors.id, sectorId)).get();
    if (s) steps.push({ level: "sector", id: s.id, name: page.locale === "en" ? s.nameEn : s.nameZh });
  }
  if (channel !== undefined) steps.push({ level: "channel", id: channel, name: page.t(`channels.${channel}`) });
  if (merchantId !== undefined) {
    const m = db.select().from(merchants).where(eq(merchants.id, merchantId)).get();
    if (m) steps.push({ level: "merchant", id: m.id, name: m.name });
  }
  if (actionId !== undefined) {
    const a = db.select().from(actions).where(eq(actions.id, actionId)).get();
    if (a) steps.push({ level: "action", id: a.id, name: `${a.number}. ${page.locale === "en" ? a.titleEn : a.titleZh}` });
  }
  if (campaignId !== undefined) {
    const c = db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get();
    if (c) steps.push({ level: "campaign", id: c.id, name: c.name });
  }
  if (batchId !== undefined) {
    const b = db.select().from(batches).where(eq(batches.id, batchId)).get();
    if (b) steps.push({ level: "batch", id: b.id, name: b.code });
  }
  return steps;
}
