import { z } from "zod";
import { packages, type PromotionPackage } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { optionalText, requiredId, requiredText } from "@/lib/validation";
import { isoDate, periodInOrder, yuanAsFen } from "../fields";
import type { RecordSpec } from "../types";
import { requireReference } from "./references";

export const packageSchema = z
  .object({
    name: requiredText(120),
    actionId: requiredId,
    sectorId: requiredId,
    partners: optionalText(500),
    offerTerms: requiredText(1000),
    budget: yuanAsFen,
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .superRefine(periodInOrder);
export type PackageInput = z.infer<typeof packageSchema>;

export const packageSpec: RecordSpec<PackageInput, PromotionPackage> = {
  type: "package",
  table: packages,
  schema: packageSchema,
  title: (input) => input.name,
  toColumns: (input) => ({
    name: input.name,
    actionId: input.actionId,
    sectorId: input.sectorId,
    partners: input.partners ?? null,
    offerTerms: input.offerTerms,
    budgetFen: input.budget,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  }),
  toRaw: (row) => ({
    name: row.name,
    actionId: String(row.actionId),
    sectorId: String(row.sectorId),
    partners: row.partners ?? "",
    offerTerms: row.offerTerms,
    budget: fenToYuanText(row.budgetFen),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
  }),
  checkReferences: (tx, input) => {
    requireReference(tx, "action", "actionId", input.actionId);
    requireReference(tx, "sector", "sectorId", input.sectorId);
  },
};
