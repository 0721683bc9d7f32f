// What the merchant pages send: the list's query string and the status form.
import { z } from "zod";
import { MERCHANT_STATUSES, VOUCHER_CHANNELS } from "@/db/schema";
import { blankToUndefined, checkbox, requiredId, requiredText } from "@/lib/validation";

export const merchantListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(MERCHANT_STATUSES).optional().catch(undefined),
  review: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type MerchantListQuery = z.infer<typeof merchantListQuerySchema>;

export const merchantStatusSchema = z.object({
  id: requiredId,
  status: z.enum(MERCHANT_STATUSES, { error: "required" }),
  /** Ticked: the merchant was looked at; its "needs review" flag is cleared. */
  reviewed: checkbox,
});
export type MerchantStatusInput = z.infer<typeof merchantStatusSchema>;

/** A channel's merchant id as a statement carries it: trimmed, backticks and tabs gone. */
export const channelMerchantKeySchema = z.object({
  channel: z.enum(VOUCHER_CHANNELS),
  channelMerchantId: z
    .string()
    .transform((s) => s.replace(/[`\t]/g, "").trim())
    .pipe(z.string().min(1).max(64)),
  name: z
    .string()
    .transform((s) => s.replace(/[`\t]/g, "").trim())
    .pipe(z.string().max(120))
    .optional(),
});
export type ChannelMerchantKey = z.input<typeof channelMerchantKeySchema>;

/** A channel's merchant id typed in a form: optional, and needs its channel when given. */
const formChannelId = z.preprocess(blankToUndefined, z.string().trim().max(64, { error: "tooLong" }).regex(/^[0-9A-Za-z_-]+$/, { error: "channelIdInvalid" }).optional());

const merchantDetails = z.object({
  name: requiredText(120),
  sectorId: requiredId,
  areaId: requiredId,
  channel: z.preprocess(blankToUndefined, z.enum(VOUCHER_CHANNELS).optional()),
  channelMerchantId: formChannelId,
});

/** A channel id and its channel come together or not at all. */
function channelPair(v: { channel?: string; channelMerchantId?: string }, ctx: z.RefinementCtx) {
  if (v.channelMerchantId && !v.channel) ctx.addIssue({ code: "custom", path: ["channel"], message: "required" });
  if (v.channel && !v.channelMerchantId) ctx.addIssue({ code: "custom", path: ["channelMerchantId"], message: "required" });
}

/**
 * A merchant as staff register or correct it: name, sector, area, and one more channel id at a
 * time (a merchant keeps every id it was ever known by: statements name it by them).
 */
export const merchantDetailsSchema = merchantDetails.superRefine(channelPair);
export type MerchantDetailsInput = z.infer<typeof merchantDetailsSchema>;

/** The edit form: which merchant, and its details. */
export const merchantEditSchema = merchantDetails.extend({ id: requiredId }).superRefine(channelPair);
