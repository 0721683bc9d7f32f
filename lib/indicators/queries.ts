import "server-only";
// What the indicators panel reads: an area's approved retail-sales figures for a year up to a month.
// Published statistics are not confidential, so every signed-in reader sees every area's.
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { areas, retailIndicators, type Locale } from "@/db/schema";
import { cachedOnDataVersion } from "@/lib/data-version/cache";
import { loadAreaIndicators, type AreaIndicators } from "./summary";

/** Cached on the data version: the overview and the public page show it on every request. */
export function getAreaIndicators(areaId: number, year: number, month: number): AreaIndicators {
  const db = getDb();
  return cachedOnDataVersion(db, `indicators:${areaId}:${year}:${month}`, () => loadAreaIndicators(db, { areaId, year, month }));
}

export function getAreaName(areaId: number, locale: Locale): string | undefined {
  const area = getDb().select().from(areas).where(eq(areas.id, areaId)).get();
  return area && (locale === "en" ? area.nameEn : area.nameZh);
}

/** The city and its counties (not the zones: statistics are published by division), city first. */
export function getIndicatorAreas(locale: Locale): Array<{ id: number; name: string }> {
  return getDb()
    .select()
    .from(areas)
    .orderBy(asc(areas.id))
    .all()
    .filter((a) => a.level !== "zone")
    .map((a) => ({ id: a.id, name: locale === "en" ? a.nameEn : a.nameZh }));
}

/** The city's area (the top of the tree): what the panel shows by default. */
export function getCityAreaId(): number | undefined {
  return getDb().select({ id: areas.id, parentId: areas.parentId }).from(areas).orderBy(asc(areas.id)).all().find((a) => a.parentId === null)?.id;
}

/** The latest year and month with an approved figure of the area: where the panel starts. */
export function getLatestIndicatorPeriod(areaId: number): { year: number; month: number } | undefined {
  const t = retailIndicators;
  return getDb()
    .select({ year: t.year, month: t.month })
    .from(t)
    .where(and(eq(t.subjectAreaId, areaId), eq(t.status, "approved")))
    .orderBy(desc(t.year), desc(t.month))
    .limit(1)
    .get();
}
