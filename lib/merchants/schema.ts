// What the merchant pages send: the list's query string and the status form.
import { z } from "zod";
import { MERCHANT_STATUSES, VOUCHER_CHANNELS } from "@/db/schema";
import { checkbox, requiredId } from "@/lib/validation";

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
