import { z } from "zod";
import { campaigns, VOUCHER_CHANNELS, type Campaign } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { requiredId, requiredText } from "@/lib/validation";
import { isoDate, periodInOrder, yuanAsFen } from "../fields";
import type { RecordSpec } from "../types";
import { requireReference, requireUniqueCode } from "./references";

/** A campaign or batch code: letters, digits and dashes, stored upper-case (HZ2025-AUTO). */
export const voucherCode = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(40, { error: "tooLong" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, { error: "codeFormat" })
  .transform((s) => s.toUpperCase());

/** Several choices from a fixed list (checkboxes, or a CSV cell joined by commas). */
export const channelList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(/[,，;；\s]+/).filter(Boolean)),
  z.array(z.enum(VOUCHER_CHANNELS, { error: "channelUnknown" })).min(1, { error: "channelsRequired" }),
);

export const campaignSchema = z
  .object({
    name: requiredText(120),
    code: voucherCode,
    actionId: requiredId,
    cityFund: yuanAsFen,
    countyFund: yuanAsFen,
    cofund: yuanAsFen,
    budgetCap: yuanAsFen,
    channels: channelList,
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .superRefine(periodInOrder)
  .superRefine((v, ctx) => {
    // The cap cannot promise more than the funding sources provide (a CHECK holds it too).
    if (v.budgetCap > v.cityFund + v.countyFund + v.cofund) ctx.addIssue({ code: "custom", path: ["budgetCap"], message: "capOverFunds" });
  })
  .transform((v) => ({ ...v, channels: [...new Set(v.channels)] }));
export type CampaignInput = z.infer<typeof campaignSchema>;

export const campaignSpec: RecordSpec<CampaignInput, Campaign> = {
  type: "campaign",
  table: campaigns,
  schema: campaignSchema,
  title: (input) => `${input.name}（${input.code}）`,
  toColumns: (input) => ({
    name: input.name,
    code: input.code,
    actionId: input.actionId,
    cityFundFen: input.cityFund,
    countyFundFen: input.countyFund,
    cofundFen: input.cofund,
    budgetCapFen: input.budgetCap,
    channels: input.channels,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  }),
  toRaw: (row) => ({
    name: row.name,
    code: row.code,
    actionId: String(row.actionId),
    cityFund: fenToYuanText(row.cityFundFen),
    countyFund: fenToYuanText(row.countyFundFen),
    cofund: fenToYuanText(row.cofundFen),
    budgetCap: fenToYuanText(row.budgetCapFen),
    channels: [...row.channels],
    startsOn: row.startsOn,
    endsOn: row.endsOn,
  }),
  checkReferences: (tx, input, id) => {
    requireReference(tx, "action", "actionId", input.actionId);
    requireUniqueCode(tx, campaigns, input.code, id);
  },
};
