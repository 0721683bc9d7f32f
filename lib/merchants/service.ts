// Merchants: reference data kept by staff and by the statement imports. A merchant first seen
// in a statement is registered and flagged for review, never dropped.
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { areas, campaignMerchants, merchantChannelIds, merchants, sectors, type Merchant, type MerchantStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { channelMerchantKeySchema, type ChannelMerchantKey, type MerchantDetailsInput } from "./schema";

export interface FoundMerchant {
  merchant: Merchant;
  /** True when this call registered it (flagged for review). */
  created: boolean;
}

/**
 * The merchant behind a channel's merchant id (商户号, 支付宝账号 …): the one already known, or a
 * new one flagged for review, named as the statement names it (or by its id when it gives no
 * name). (channel, channelMerchantId) is unique, so one id never yields two merchants.
 */
export function findOrRegisterMerchant(tx: Tx, key: ChannelMerchantKey): FoundMerchant {
  const { channel, channelMerchantId, name } = channelMerchantKeySchema.parse(key);
  const known = tx
    .select({ merchant: merchants })
    .from(merchantChannelIds)
    .innerJoin(merchants, eq(merchants.id, merchantChannelIds.merchantId))
    .where(and(eq(merchantChannelIds.channel, channel), eq(merchantChannelIds.channelMerchantId, channelMerchantId)))
    .get();
  if (known) return { merchant: known.merchant, created: false };
  const merchant = tx
    .insert(merchants)
    .values({ name: name || channelMerchantId, needsReview: true })
    .returning()
    .get();
  tx.insert(merchantChannelIds).values({ merchantId: merchant.id, channel, channelMerchantId }).run();
  return { merchant, created: true };
}

/** Adds another channel id to a known merchant; an id already held by another merchant is refused. */
export function addChannelId(tx: Tx, merchantId: number, key: ChannelMerchantKey): void {
  const { channel, channelMerchantId } = channelMerchantKeySchema.parse(key);
  const holder = tx
    .select({ merchantId: merchantChannelIds.merchantId })
    .from(merchantChannelIds)
    .where(and(eq(merchantChannelIds.channel, channel), eq(merchantChannelIds.channelMerchantId, channelMerchantId)))
    .get();
  if (holder?.merchantId === merchantId) return;
  if (holder) throw new AppError("CONFLICT", "channelIdTaken", { channelMerchantId: ["channelIdTaken"] });
  tx.insert(merchantChannelIds).values({ merchantId, channel, channelMerchantId }).run();
}

/** Records that a merchant takes part in a campaign (once). */
export function linkCampaign(tx: Tx, campaignId: number, merchantId: number): void {
  tx.insert(campaignMerchants).values({ campaignId, merchantId }).onConflictDoNothing().run();
}

/**
 * Who may change a merchant's status: staff and managers whose area covers the merchant's.
 * A merchant with no area yet (registered from a statement) is the city's: only users of an
 * area at the top (no parent) may act on it.
 */
export function canManageMerchant(db: Db | Tx, user: ScopedUser, merchant: Pick<Merchant, "areaId">): boolean {
  if (user.role !== "staff" && user.role !== "manager") return false;
  if (merchant.areaId === null) {
    const area = db.select({ parentId: areas.parentId }).from(areas).where(eq(areas.id, user.areaId)).get();
    return area !== undefined && area.parentId === null;
  }
  return areaSubtree(db, user.areaId).includes(merchant.areaId);
}

export function setMerchantStatus(tx: Tx, user: ScopedUser, id: number, change: { status: MerchantStatus; reviewed: boolean }): { before: Merchant; after: Merchant } {
  const before = tx.select().from(merchants).where(eq(merchants.id, id)).get();
  if (!before) throw new AppError("NOT_FOUND", "NOT_FOUND");
  if (!canManageMerchant(tx, user, before)) throw new AppError("FORBIDDEN", "FORBIDDEN");
  const after = tx
    .update(merchants)
    .set({ status: change.status, needsReview: change.reviewed ? false : before.needsReview, updatedAt: new Date() })
    .where(eq(merchants.id, id))
    .returning()
    .get();
  return { before, after };
}

function checkDetails(tx: Tx, user: ScopedUser, input: MerchantDetailsInput): void {
  if (!tx.select({ id: sectors.id }).from(sectors).where(eq(sectors.id, input.sectorId)).get()) {
    throw new AppError("INVALID", "INVALID", { sectorId: ["required"] });
  }
  if (!tx.select({ id: areas.id }).from(areas).where(eq(areas.id, input.areaId)).get() || !canManageMerchant(tx, user, { areaId: input.areaId })) {
    throw new AppError("INVALID", "INVALID", { areaId: ["outsideArea"] });
  }
}

/** Staff register a merchant in their area (before its first statement, so it arrives reviewed). */
export function createMerchant(tx: Tx, user: ScopedUser, input: MerchantDetailsInput): Merchant {
  checkDetails(tx, user, input);
  const merchant = tx.insert(merchants).values({ name: input.name, sectorId: input.sectorId, areaId: input.areaId }).returning().get();
  if (input.channel && input.channelMerchantId) addChannelId(tx, merchant.id, { channel: input.channel, channelMerchantId: input.channelMerchantId });
  return merchant;
}

/**
 * Corrects a merchant's name, sector and area and adds a channel id. Saving the details of a
 * merchant registered from a statement is its review: the flag is cleared.
 */
export function updateMerchantDetails(tx: Tx, user: ScopedUser, id: number, input: MerchantDetailsInput): { before: Merchant; after: Merchant } {
  const before = tx.select().from(merchants).where(eq(merchants.id, id)).get();
  if (!before) throw new AppError("NOT_FOUND", "NOT_FOUND");
  if (!canManageMerchant(tx, user, before)) throw new AppError("FORBIDDEN", "FORBIDDEN");
  checkDetails(tx, user, input);
  const after = tx
    .update(merchants)
    .set({ name: input.name, sectorId: input.sectorId, areaId: input.areaId, needsReview: false, updatedAt: new Date() })
    .where(eq(merchants.id, id))
    .returning()
    .get();
  if (input.channel && input.channelMerchantId) addChannelId(tx, id, { channel: input.channel, channelMerchantId: input.channelMerchantId });
  return { before, after };
}
