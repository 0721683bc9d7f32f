import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { POLICY_EFFECTS, POLICY_KINDS, POLICY_LEVELS, policies, type Policy } from "@/db/schema";
import { fieldError } from "@/lib/errors";
import { optionalId, optionalText, requiredText } from "@/lib/validation";
import { isoDate, linkOrReference } from "../fields";
import type { RecordSpec } from "../types";

export const policySchema = z
  .object({
    title: requiredText(200),
    docNumber: requiredText(80),
    issuedOn: isoDate,
    level: z.enum(POLICY_LEVELS, { error: "required" }),
    kind: z.enum(POLICY_KINDS, { error: "required" }),
    masterPolicyId: optionalId,
    effect: z.enum(POLICY_EFFECTS, { error: "required" }),
    summary: optionalText(4000),
    link: linkOrReference,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "supporting" && !v.masterPolicyId) ctx.addIssue({ code: "custom", path: ["masterPolicyId"], message: "masterRequired" });
    if (v.kind === "master" && v.masterPolicyId) ctx.addIssue({ code: "custom", path: ["masterPolicyId"], message: "masterNotAllowed" });
  });
export type PolicyInput = z.infer<typeof policySchema>;

export const policySpec: RecordSpec<PolicyInput, Policy> = {
  type: "policy",
  table: policies,
  schema: policySchema,
  title: (input) => `${input.title}（${input.docNumber}）`,
  toColumns: (input) => ({
    title: input.title,
    docNumber: input.docNumber,
    issuedOn: input.issuedOn,
    level: input.level,
    kind: input.kind,
    masterPolicyId: input.kind === "supporting" ? (input.masterPolicyId ?? null) : null,
    effect: input.effect,
    summary: input.summary ?? null,
    link: input.link ?? null,
  }),
  toRaw: (row) => ({
    title: row.title,
    docNumber: row.docNumber,
    issuedOn: row.issuedOn,
    level: row.level,
    kind: row.kind,
    masterPolicyId: row.masterPolicyId === null ? "" : String(row.masterPolicyId),
    effect: row.effect,
    summary: row.summary ?? "",
    link: row.link ?? "",
  }),
  checkReferences: (tx, input) => {
    if (input.kind !== "supporting" || !input.masterPolicyId) return;
    // A supporting policy hangs from a master policy, not from another supporting one.
    const master = tx
      .select({ id: policies.id })
      .from(policies)
      .where(and(eq(policies.id, input.masterPolicyId), eq(policies.kind, "master")))
      .get();
    if (!master) throw fieldError("masterPolicyId", "notFound");
  },
};
