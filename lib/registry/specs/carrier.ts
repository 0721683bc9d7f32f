import { z } from "zod";
import { CARRIER_KINDS, CARRIER_LEVELS, carriers, type Carrier } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { optionalId, optionalText, requiredText } from "@/lib/validation";
import { optionalCount, optionalIsoDate, optionalYuanAsFen, year } from "../fields";
import type { RecordSpec } from "../types";
import { requireReference } from "./references";

export const carrierSchema = z
  .object({
    name: requiredText(120),
    kind: z.enum(CARRIER_KINDS, { error: "required" }),
    level: z.enum(CARRIER_LEVELS, { error: "required" }),
    yearRecognised: year,
    operator: optionalText(200),
    actionId: optionalId,
    periodStart: optionalIsoDate,
    periodEnd: optionalIsoDate,
    onlineSales: optionalYuanAsFen,
    jobs: optionalCount,
  })
  .superRefine((v, ctx) => {
    const figures = v.onlineSales !== undefined || v.jobs !== undefined;
    // Figures mean nothing without the period they were reported for.
    if (figures && (!v.periodStart || !v.periodEnd)) ctx.addIssue({ code: "custom", path: ["periodStart"], message: "periodRequired" });
    if (v.periodStart && v.periodEnd && v.periodStart > v.periodEnd) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodOrder" });
  });
export type CarrierInput = z.infer<typeof carrierSchema>;

export const carrierSpec: RecordSpec<CarrierInput, Carrier> = {
  type: "carrier",
  table: carriers,
  schema: carrierSchema,
  title: (input) => input.name,
  toColumns: (input) => ({
    name: input.name,
    kind: input.kind,
    level: input.level,
    yearRecognised: input.yearRecognised,
    operator: input.operator ?? null,
    actionId: input.actionId ?? null,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    onlineSalesFen: input.onlineSales ?? null,
    jobs: input.jobs ?? null,
  }),
  toRaw: (row) => ({
    name: row.name,
    kind: row.kind,
    level: row.level,
    yearRecognised: String(row.yearRecognised),
    operator: row.operator ?? "",
    actionId: row.actionId === null ? "" : String(row.actionId),
    periodStart: row.periodStart ?? "",
    periodEnd: row.periodEnd ?? "",
    onlineSales: row.onlineSalesFen === null ? "" : fenToYuanText(row.onlineSalesFen),
    jobs: row.jobs === null ? "" : String(row.jobs),
  }),
  checkReferences: (tx, input) => requireReference(tx, "action", "actionId", input.actionId),
};
