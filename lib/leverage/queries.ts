import "server-only";
// What the campaign, batch and merchant pages show of leverage, read through the one engine
// with the process's connection. The record pages check the record's scope before calling;
// the merchant page (readable by every role) passes the reader so only their batches count.
import { getDb, type Db, type Tx } from "@/db/client";
import type { Locale } from "@/db/schema";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { leverageBreakdown, type LeverageFilter, type LeverageRow } from "./breakdown";

/** The batches a reader may see, as the engine's scope (null: all). */
export function leverageScope(user: ScopedUser, db: Db | Tx = getDb()): LeverageFilter["scope"] {
  switch (user.role) {
    case "admin":
    case "auditor":
      return undefined;
    case "manager":
      return { areaIds: areaSubtree(db, user.areaId) };
    case "staff":
      return { areaIds: [user.areaId], departmentId: user.departmentId };
  }
}

export interface CampaignLeverage {
  /** The campaign's figures and budget use; null before it has an approved batch. */
  campaign: LeverageRow | null;
  batches: LeverageRow[];
}

export function getCampaignLeverage(campaignId: number, locale: Locale): CampaignLeverage {
  const db = getDb();
  const filter = { campaignId };
  return {
    campaign: leverageBreakdown(db, { by: "campaign", filter, locale })[0] ?? null,
    batches: leverageBreakdown(db, { by: "batch", filter, locale }),
  };
}

/** How many merchants the batch page lists by name. */
export const TOP_MERCHANTS = 10;

export interface BatchLeverage {
  batch: LeverageRow | null;
  /** The batch's campaign, for its budget use against the cap. */
  campaign: LeverageRow | null;
  byDay: LeverageRow[];
  topMerchants: LeverageRow[];
  bySector: LeverageRow[];
  byArea: LeverageRow[];
}

export function getBatchLeverage(batchId: number, campaignId: number, locale: Locale): BatchLeverage {
  const db = getDb();
  const filter = { batchId };
  return {
    batch: leverageBreakdown(db, { by: "batch", filter, locale })[0] ?? null,
    campaign: leverageBreakdown(db, { by: "campaign", filter: { campaignId }, locale })[0] ?? null,
    byDay: leverageBreakdown(db, { by: "day", filter, locale }),
    topMerchants: leverageBreakdown(db, { by: "merchant", filter, locale, limit: TOP_MERCHANTS }),
    bySector: leverageBreakdown(db, { by: "sector", filter, locale }),
    byArea: leverageBreakdown(db, { by: "area", filter, locale }),
  };
}

/** A merchant's figures per batch (with its campaign), of the batches the reader may see. */
export function getMerchantLeverage(user: ScopedUser, merchantId: number, locale: Locale): LeverageRow[] {
  return leverageBreakdown(getDb(), { by: "batch", filter: { merchantId, scope: leverageScope(user) }, locale });
}

/** Each batch's gross leverage (1 : N) for the batch list, of the batches the reader may see; absent before any redemption. */
export function getBatchListLeverage(user: ScopedUser): Map<number, string> {
  const rows = leverageBreakdown(getDb(), { by: "batch", filter: { scope: leverageScope(user), status: "any" } });
  const out = new Map<number, string>();
  for (const r of rows) {
    const text = r.id === null ? null : formatLeverage(r.grossFen, r.subsidyFen);
    if (text) out.set(r.id!, text);
  }
  return out;
}
