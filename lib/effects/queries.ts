import "server-only";
// What the effects page and panel read: the campaigns a reader may see, one campaign's
// estimate (after the record scope check), and the baseline uploads.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb, whenWriteLockFree, type Db } from "@/db/client";
import { areas, baselineUploads, campaigns, sectors, type Locale } from "@/db/schema";
import { canReadRecord, type ScopedUser } from "@/lib/auth/scope";
import { uploadBaseline, type BaselineUploadOutcome, type BaselineUploadRequest } from "./baseline";
import { incrementalEstimate, type IncrementalEstimate } from "./estimate";

export interface EstimateCampaign {
  id: number;
  name: string;
  code: string;
  startsOn: string;
  endsOn: string;
}

/** Approved campaigns the reader may read, in the order they started. */
export function listEstimateCampaigns(user: ScopedUser): EstimateCampaign[] {
  const db = getDb();
  return db
    .select()
    .from(campaigns)
    .where(eq(campaigns.status, "approved"))
    .orderBy(asc(campaigns.startsOn), campaigns.code)
    .all()
    .filter((c) => canReadRecord(db, user, c))
    .map(({ id, name, code, startsOn, endsOn }) => ({ id, name, code, startsOn, endsOn }));
}

/** The estimate of a campaign the reader may read; null when there is none or it is out of their scope. */
export function getIncrementalEstimate(user: ScopedUser, campaignId: number, options: { sectorId?: number; areaId?: number; locale: Locale }, db: Db = getDb()): IncrementalEstimate | null {
  const campaign = db.select().from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "approved"))).get();
  if (!campaign || !canReadRecord(db, user, campaign)) return null;
  return incrementalEstimate(db, { campaignId, ...options });
}

export interface BaselineUploadRow {
  id: number;
  fileName: string;
  fileSha256: string;
  rows: number;
  area: string;
  uploadedByName: string;
  uploadedAt: Date;
  status: "active" | "voided";
}

export function listBaselineUploads(locale: Locale, db: Db = getDb(), limit = 20): BaselineUploadRow[] {
  return db
    .select({
      id: baselineUploads.id,
      fileName: baselineUploads.fileName,
      fileSha256: baselineUploads.fileSha256,
      rows: baselineUploads.rows,
      area: locale === "en" ? areas.nameEn : areas.nameZh,
      uploadedByName: baselineUploads.uploadedByName,
      uploadedAt: baselineUploads.uploadedAt,
      status: baselineUploads.status,
    })
    .from(baselineUploads)
    .innerJoin(areas, eq(areas.id, baselineUploads.areaId))
    .orderBy(desc(baselineUploads.id))
    .limit(limit)
    .all();
}

/** Sectors and areas for the page's narrowing choices. */
export function estimateChoices(locale: Locale, sectorIds?: number[]) {
  const db = getDb();
  const name = (row: { nameZh: string; nameEn: string }) => (locale === "en" ? row.nameEn : row.nameZh);
  const sectorRows = db.select().from(sectors).where(sectorIds ? inArray(sectors.id, sectorIds) : undefined).orderBy(sectors.position).all();
  const areaRows = db.select().from(areas).orderBy(areas.code).all();
  return { sectors: sectorRows.map((s) => ({ id: s.id, label: name(s) })), areas: areaRows.map((a) => ({ id: a.id, label: name(a), level: a.level })) };
}

/** The upload route's write, on the process's connection. */
export function saveBaselineUpload(request: BaselineUploadRequest): Promise<BaselineUploadOutcome> {
  const db = getDb();
  return whenWriteLockFree(() => uploadBaseline(db, request), db);
}
