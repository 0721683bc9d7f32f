// The fields of each record type as forms and detail pages show them, in the order they are
// shown. Names are the raw value names the specs parse (lib/registry/specs/*), so one table
// drives the form, the detail page and the inbox's view of a submission.
import { CARRIER_KINDS, CARRIER_LEVELS, INDICATOR_PERIOD_KINDS, POLICY_EFFECTS, POLICY_KINDS, POLICY_LEVELS, RETAIL_INDICATORS, VOUCHER_CHANNELS } from "@/db/schema";
import type { RecordType } from "./types";

/** Select options that come from the database rather than from an enum. */
export type OptionList = "actions" | "sectors" | "policies" | "masterPolicies" | "departments" | "campaigns" | "areas";

/** An enum's values; labels are `registry.enums.<name>.<value>`. */
export interface EnumOptions {
  name: string;
  values: readonly string[];
}

/** "number": a count, shown with thousands separators; "year": four digits, shown as written. */
export type FieldKind = "text" | "textarea" | "date" | "money" | "number" | "year" | "select" | "checkbox" | "checkboxes" | "targets";

export interface RegistryField {
  name: string;
  kind: FieldKind;
  required?: boolean;
  options?: OptionList | EnumOptions;
  /** Fields sharing a row key stand side by side in the form (a period's two dates). */
  row?: string;
}

const policyLevel: EnumOptions = { name: "policyLevel", values: POLICY_LEVELS };
const policyKind: EnumOptions = { name: "policyKind", values: POLICY_KINDS };
const policyEffect: EnumOptions = { name: "policyEffect", values: POLICY_EFFECTS };
const carrierKind: EnumOptions = { name: "carrierKind", values: CARRIER_KINDS };
const carrierLevel: EnumOptions = { name: "carrierLevel", values: CARRIER_LEVELS };
const channel: EnumOptions = { name: "channel", values: VOUCHER_CHANNELS };
const indicator: EnumOptions = { name: "indicator", values: RETAIL_INDICATORS };
const periodKind: EnumOptions = { name: "periodKind", values: INDICATOR_PERIOD_KINDS };

export const REGISTRY_FIELDS: Record<RecordType, RegistryField[]> = {
  policy: [
    { name: "title", kind: "text", required: true },
    { name: "docNumber", kind: "text", required: true },
    { name: "issuedOn", kind: "date", required: true },
    { name: "level", kind: "select", required: true, options: policyLevel },
    { name: "kind", kind: "select", required: true, options: policyKind },
    { name: "masterPolicyId", kind: "select", options: "masterPolicies" },
    { name: "effect", kind: "select", required: true, options: policyEffect },
    { name: "summary", kind: "textarea" },
    { name: "link", kind: "text" },
  ],
  action: [
    { name: "number", kind: "number", required: true },
    { name: "titleZh", kind: "text", required: true },
    { name: "titleEn", kind: "text", required: true },
    { name: "policyId", kind: "select", required: true, options: "policies" },
    { name: "startsOn", kind: "date", required: true, row: "period" },
    { name: "endsOn", kind: "date", required: true, row: "period" },
    { name: "description", kind: "textarea" },
    { name: "participatingDepartmentIds", kind: "checkboxes", options: "departments" },
    { name: "targets", kind: "targets" },
  ],
  package: [
    { name: "name", kind: "text", required: true },
    { name: "actionId", kind: "select", required: true, options: "actions" },
    { name: "sectorId", kind: "select", required: true, options: "sectors" },
    { name: "partners", kind: "text" },
    { name: "offerTerms", kind: "textarea", required: true },
    { name: "budget", kind: "money", required: true },
    { name: "startsOn", kind: "date", required: true, row: "period" },
    { name: "endsOn", kind: "date", required: true, row: "period" },
  ],
  event: [
    { name: "name", kind: "text", required: true },
    { name: "actionId", kind: "select", required: true, options: "actions" },
    { name: "venue", kind: "text", required: true },
    { name: "startsOn", kind: "date", required: true, row: "period" },
    { name: "endsOn", kind: "date", required: true, row: "period" },
    { name: "largeScale", kind: "checkbox" },
    { name: "footfall", kind: "number" },
    { name: "sales", kind: "money" },
    { name: "note", kind: "textarea" },
  ],
  carrier: [
    { name: "name", kind: "text", required: true },
    { name: "kind", kind: "select", required: true, options: carrierKind },
    { name: "level", kind: "select", required: true, options: carrierLevel },
    { name: "yearRecognised", kind: "year", required: true },
    { name: "operator", kind: "text" },
    { name: "actionId", kind: "select", options: "actions" },
    { name: "periodStart", kind: "date", row: "period" },
    { name: "periodEnd", kind: "date", row: "period" },
    { name: "onlineSales", kind: "money" },
    { name: "jobs", kind: "number" },
  ],
  campaign: [
    { name: "name", kind: "text", required: true },
    { name: "code", kind: "text", required: true },
    { name: "actionId", kind: "select", required: true, options: "actions" },
    { name: "cityFund", kind: "money", required: true, row: "funds" },
    { name: "countyFund", kind: "money", required: true, row: "funds" },
    { name: "cofund", kind: "money", required: true, row: "funds" },
    { name: "budgetCap", kind: "money", required: true },
    { name: "channels", kind: "checkboxes", required: true, options: channel },
    { name: "startsOn", kind: "date", required: true, row: "period" },
    { name: "endsOn", kind: "date", required: true, row: "period" },
  ],
  batch: [
    { name: "campaignId", kind: "select", required: true, options: "campaigns" },
    { name: "code", kind: "text", required: true },
    { name: "channel", kind: "select", required: true, options: channel },
    { name: "faceValue", kind: "money", required: true, row: "terms" },
    { name: "threshold", kind: "money", row: "terms" },
    { name: "quantityIssued", kind: "number", required: true, row: "quantity" },
    { name: "quantityClaimed", kind: "number", row: "quantity" },
    { name: "validFrom", kind: "date", required: true, row: "validity" },
    { name: "validTo", kind: "date", required: true, row: "validity" },
    { name: "eligibleSectorIds", kind: "checkboxes", options: "sectors" },
    { name: "note", kind: "textarea" },
  ],
  indicator: [
    { name: "subjectAreaId", kind: "select", required: true, options: "areas" },
    { name: "indicator", kind: "select", required: true, options: indicator },
    { name: "year", kind: "year", required: true, row: "period" },
    { name: "periodKind", kind: "select", required: true, options: periodKind, row: "period" },
    { name: "month", kind: "number", required: true, row: "period" },
    { name: "value", kind: "text", required: true },
    { name: "yoy", kind: "text" },
    { name: "rank", kind: "number", row: "rank" },
    { name: "rankOf", kind: "number", row: "rank" },
    { name: "source", kind: "text", required: true },
    { name: "publishedOn", kind: "date" },
    { name: "demo", kind: "checkbox" },
  ],
};

/** The target rows of an action's raw values, in slot order; blank rows left out. */
export function rawTargets(raw: Record<string, unknown>, slots: number): Array<{ slot: number; measure: string; value: string }> {
  const rows: Array<{ slot: number; measure: string; value: string }> = [];
  for (let slot = 1; slot <= slots; slot++) {
    const measure = String(raw[`target_${slot}_measure`] ?? "").trim();
    const value = String(raw[`target_${slot}_value`] ?? "").trim();
    if (measure || value) rows.push({ slot, measure, value });
  }
  return rows;
}

/** A multi-choice raw value (an array, or text joined by commas) as a list. */
export function rawList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value !== "string") return [];
  return value.split(/[,，;；\s]+/).filter(Boolean);
}
