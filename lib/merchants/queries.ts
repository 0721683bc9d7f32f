import "server-only";
// What the merchant pages read. Every signed-in role reads merchants (reference data, no personal data).
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { areas, campaignMerchants, campaigns, merchantChannelIds, merchants, sectors, type Locale } from "@/db/schema";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { localName, sectorOptions } from "@/lib/org/options";
import type { MerchantListQuery } from "./schema";
import { canManageMerchant } from "./service";

export const MERCHANT_PAGE_SIZE = 25;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listMerchants(query: MerchantListQuery, locale: Locale) {
  const db = getDb();
  const conditions: Array<SQL | undefined> = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    // By name, or by any of its channel ids.
    conditions.push(
      or(
        sql`${merchants.name} like ${pattern} escape '\\'`,
        sql`exists (select 1 from ${merchantChannelIds} where ${merchantChannelIds.merchantId} = ${merchants.id} and ${merchantChannelIds.channelMerchantId} like ${pattern} escape '\\')`,
      ),
    );
  }
  if (query.status) conditions.push(eq(merchants.status, query.status));
  if (query.review) conditions.push(eq(merchants.needsReview, true));
  const where = and(...conditions);
  const total = db.select({ n: count() }).from(merchants).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / MERCHANT_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const rows = db
    .select({ merchant: merchants, areaZh: areas.nameZh, areaEn: areas.nameEn, sectorZh: sectors.nameZh, sectorEn: sectors.nameEn })
    .from(merchants)
    .leftJoin(areas, eq(areas.id, merchants.areaId))
    .leftJoin(sectors, eq(sectors.id, merchants.sectorId))
    .where(where)
    .orderBy(desc(merchants.needsReview), asc(merchants.name), asc(merchants.id))
    .limit(MERCHANT_PAGE_SIZE)
    .offset((page - 1) * MERCHANT_PAGE_SIZE)
    .all();
  const ids = rows.map((r) => r.merchant.id);
  const channelIds = ids.length ? db.select().from(merchantChannelIds).where(inArray(merchantChannelIds.merchantId, ids)).all() : [];
  return {
    total,
    page,
    pages,
    rows: rows.map((r) => ({
      ...r.merchant,
      area: locale === "en" ? r.areaEn : r.areaZh,
      sector: locale === "en" ? r.sectorEn : r.sectorZh,
      channelIds: channelIds.filter((c) => c.merchantId === r.merchant.id),
    })),
  };
}

export function getMerchant(user: ScopedUser, id: number, locale: Locale) {
  const db = getDb();
  const row = db
    .select({ merchant: merchants, areaZh: areas.nameZh, areaEn: areas.nameEn, sectorZh: sectors.nameZh, sectorEn: sectors.nameEn })
    .from(merchants)
    .leftJoin(areas, eq(areas.id, merchants.areaId))
    .leftJoin(sectors, eq(sectors.id, merchants.sectorId))
    .where(eq(merchants.id, id))
    .get();
  if (!row) return undefined;
  return {
    ...row.merchant,
    area: locale === "en" ? row.areaEn : row.areaZh,
    sector: locale === "en" ? row.sectorEn : row.sectorZh,
    channelIds: db.select().from(merchantChannelIds).where(eq(merchantChannelIds.merchantId, id)).orderBy(asc(merchantChannelIds.channel)).all(),
    campaigns: db
      .select({ id: campaigns.id, name: campaigns.name, code: campaigns.code, status: campaigns.status })
      .from(campaignMerchants)
      .innerJoin(campaigns, eq(campaigns.id, campaignMerchants.campaignId))
      .where(eq(campaignMerchants.merchantId, id))
      .orderBy(asc(campaigns.code))
      .all(),
    canManage: canManageMerchant(db, user, row.merchant),
  };
}

/** What the merchant forms choose from: sectors, and the areas within the user's reach. */
export function merchantFormOptions(user: ScopedUser, locale: Locale) {
  const db = getDb();
  const reach = new Set(areaSubtree(db, user.areaId));
  return {
    sectors: sectorOptions(locale),
    areas: db.select().from(areas).orderBy(asc(areas.id)).all().filter((a) => reach.has(a.id)).map((a) => ({ value: String(a.id), label: localName(a, locale) })),
  };
}
