import { eq } from "drizzle-orm";
import { z } from "zod";
import { batches, campaigns, VOUCHER_CHANNELS, type Batch } from "@/db/schema";
import { fieldError } from "@/lib/errors";
import { fenToYuanText } from "@/lib/money/fen";
import { optionalText, requiredId } from "@/lib/validation";
import { count, isoDate, optionalCount, optionalYuanAsFen, yuanAsFen } from "../fields";
import type { RecordSpec } from "../types";
import { voucherCode } from "./campaign";
import { requireReference, requireUniqueCode } from "./references";

const sectorIds = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(/[,，;；\s]+/).filter(Boolean)),
  z.array(z.coerce.number().int().positive()).max(40),
);

export const batchSchema = z
  .object({
    campaignId: requiredId,
    code: voucherCode,
    channel: z.enum(VOUCHER_CHANNELS, { error: "required" }),
    faceValue: yuanAsFen,
    /** 满 X 减 Y: X; blank or 0 = no threshold. */
    threshold: optionalYuanAsFen,
    quantityIssued: count,
    quantityClaimed: optionalCount,
    validFrom: isoDate,
    validTo: isoDate,
    eligibleSectorIds: sectorIds,
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.faceValue <= 0) ctx.addIssue({ code: "custom", path: ["faceValue"], message: "faceValuePositive" });
    const threshold = v.threshold ?? 0;
    if (threshold !== 0 && threshold <= v.faceValue) ctx.addIssue({ code: "custom", path: ["threshold"], message: "thresholdNotAboveFace" });
    if (v.quantityClaimed !== undefined && v.quantityClaimed > v.quantityIssued) ctx.addIssue({ code: "custom", path: ["quantityClaimed"], message: "claimedOverIssued" });
    if (v.validFrom > v.validTo) ctx.addIssue({ code: "custom", path: ["validTo"], message: "periodOrder" });
  })
  .transform((v) => ({ ...v, threshold: v.threshold ?? 0, eligibleSectorIds: [...new Set(v.eligibleSectorIds)] }));
export type BatchInput = z.infer<typeof batchSchema>;

export const batchSpec: RecordSpec<BatchInput, Batch> = {
  type: "batch",
  table: batches,
  schema: batchSchema,
  title: (input) => input.code,
  toColumns: (input) => ({
    campaignId: input.campaignId,
    code: input.code,
    channel: input.channel,
    faceValueFen: input.faceValue,
    thresholdFen: input.threshold,
    quantityIssued: input.quantityIssued,
    quantityClaimed: input.quantityClaimed ?? null,
    validFrom: input.validFrom,
    validTo: input.validTo,
    eligibleSectorIds: input.eligibleSectorIds,
    note: input.note ?? null,
  }),
  toRaw: (row) => ({
    campaignId: String(row.campaignId),
    code: row.code,
    channel: row.channel,
    faceValue: fenToYuanText(row.faceValueFen),
    threshold: row.thresholdFen === 0 ? "" : fenToYuanText(row.thresholdFen),
    quantityIssued: String(row.quantityIssued),
    quantityClaimed: row.quantityClaimed === null ? "" : String(row.quantityClaimed),
    validFrom: row.validFrom,
    validTo: row.validTo,
    eligibleSectorIds: row.eligibleSectorIds.map(String),
    note: row.note ?? "",
  }),
  checkReferences: (tx, input, id) => {
    const campaign = tx.select().from(campaigns).where(eq(campaigns.id, input.campaignId)).get();
    if (!campaign) throw fieldError("campaignId", "notFound");
    // Batches are issued under an approved campaign (its terms are settled).
    if (campaign.status !== "approved") throw fieldError("campaignId", "campaignNotApproved");
    // A batch is issued on one of its campaign's channels, within the campaign's period.
    if (!campaign.channels.includes(input.channel)) throw fieldError("channel", "channelNotInCampaign");
    if (input.validFrom < campaign.startsOn) throw fieldError("validFrom", "outsideCampaign");
    if (input.validTo > campaign.endsOn) throw fieldError("validTo", "outsideCampaign");
    for (const sectorId of input.eligibleSectorIds) requireReference(tx, "sector", "eligibleSectorIds", sectorId);
    requireUniqueCode(tx, batches, input.code, id);
  },
};
