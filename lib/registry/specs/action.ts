import { z } from "zod";
import { TARGET_MEASURES, actions, type Action, type ActionTarget } from "@/db/schema";
import { fenToYuanText, parseYuanToFen } from "@/lib/money/fen";
import { optionalText, requiredId, requiredText } from "@/lib/validation";
import { isoDate, periodInOrder } from "../fields";
import { MEASURES, TARGET_SLOTS } from "../measures";
import type { RawValues, RecordSpec } from "../types";
import { requireReference } from "./references";

const departmentIds = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : String(v).split(/[,，;；\s]+/).filter(Boolean)),
  z.array(z.coerce.number().int().positive()).max(40),
);

/** Targets arrive as target_N_measure / target_N_value pairs; blank rows are skipped. */
function parseTargets(raw: Record<string, unknown>, ctx: z.RefinementCtx): ActionTarget[] {
  const targets: ActionTarget[] = [];
  const seen = new Set<string>();
  for (let n = 1; n <= TARGET_SLOTS; n++) {
    const measure = String(raw[`target_${n}_measure`] ?? "").trim();
    const value = String(raw[`target_${n}_value`] ?? "").trim();
    if (!measure && !value) continue;
    if (!(TARGET_MEASURES as readonly string[]).includes(measure)) {
      ctx.addIssue({ code: "custom", path: [`target_${n}_measure`], message: "required" });
      continue;
    }
    const info = MEASURES[measure as ActionTarget["measure"]];
    const target = info.money ? parseYuanToFen(value) : /^\d{1,12}$/.test(value) ? Number(value) : null;
    if (target === null || target <= 0) {
      ctx.addIssue({ code: "custom", path: [`target_${n}_value`], message: info.money ? "moneyFormat" : "wholeNumber" });
      continue;
    }
    if (seen.has(measure)) {
      ctx.addIssue({ code: "custom", path: [`target_${n}_measure`], message: "targetRepeated" });
      continue;
    }
    seen.add(measure);
    targets.push({ measure: measure as ActionTarget["measure"], unit: info.unitZh, target });
  }
  return targets;
}

export const actionSchema = z
  .looseObject({
    number: z.coerce.number({ error: "required" }).int({ error: "wholeNumber" }).min(1, { error: "wholeNumber" }).max(99, { error: "wholeNumber" }),
    titleZh: requiredText(120),
    titleEn: requiredText(200),
    policyId: requiredId,
    startsOn: isoDate,
    endsOn: isoDate,
    description: optionalText(4000),
    participatingDepartmentIds: departmentIds,
  })
  .superRefine(periodInOrder)
  .transform((v, ctx) => ({
    number: v.number,
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    policyId: v.policyId,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    description: v.description,
    participatingDepartmentIds: [...new Set(v.participatingDepartmentIds)],
    targets: parseTargets(v, ctx),
  }));
export type ActionInput = z.infer<typeof actionSchema>;

export function targetsToRaw(targets: ActionTarget[]): RawValues {
  const raw: RawValues = {};
  targets.forEach((t, i) => {
    raw[`target_${i + 1}_measure`] = t.measure;
    raw[`target_${i + 1}_value`] = MEASURES[t.measure].money ? fenToYuanText(t.target) : String(t.target);
  });
  return raw;
}

export const actionSpec: RecordSpec<ActionInput, Action> = {
  type: "action",
  table: actions,
  schema: actionSchema,
  title: (input) => `${input.number}. ${input.titleZh}`,
  toColumns: (input) => ({
    number: input.number,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    policyId: input.policyId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    description: input.description ?? null,
    participatingDepartmentIds: input.participatingDepartmentIds,
    targets: input.targets,
  }),
  toRaw: (row) => ({
    number: String(row.number),
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    policyId: String(row.policyId),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    description: row.description ?? "",
    participatingDepartmentIds: row.participatingDepartmentIds.map(String),
    ...targetsToRaw(row.targets),
  }),
  checkReferences: (tx, input) => {
    requireReference(tx, "policy", "policyId", input.policyId);
    for (const id of input.participatingDepartmentIds) requireReference(tx, "department", "participatingDepartmentIds", id);
  },
};
