// The documentation of the open data: every endpoint's fields with their unit, in the order the
// documents hold them. The /open-data page renders it (definitions in the message files under
// public.openData.fields), and lib/open/open-data.test.ts checks it against the documents
// themselves, so the page cannot drift from what the endpoints answer.
import type { OpenEndpointName } from "./endpoints";

export type FieldUnit = "fen" | "yuan" | "count" | "text" | "date" | "datetime" | "ratio" | "number" | "percent" | "tenths" | "boolean" | "list" | "object" | "code";

/** A field: its name in the document, its unit, and the message key of its definition when not its name. */
export type FieldDoc = readonly [name: string, unit: FieldUnit, definition?: string];

export interface TableDoc {
  /** Message key under public.openData.endpoints. */
  key: OpenEndpointName | "actionTargets";
  /** Where the rows are in the JSON document: a list's key, or null for fields of the document itself. */
  list: string | null;
  fields: readonly FieldDoc[];
}

/** Fields every document starts with. */
export const COMMON_FIELDS: readonly FieldDoc[] = [
  ["updatedAt", "datetime"],
  ["licence", "text"],
];

const MONEY = (name: string): FieldDoc[] => [
  [`${name}_fen`, "fen"],
  [`${name}_yuan`, "yuan"],
];

const INDICATOR_FIELDS: readonly FieldDoc[] = [
  ["area_code", "code"],
  ["area_name_zh", "text"],
  ["area_name_en", "text"],
  ["area_level", "code"],
  ["indicator", "code"],
  ["indicator_name_zh", "text"],
  ["indicator_name_en", "text"],
  ["year", "number"],
  ["period_kind", "code"],
  ["month", "number"],
  ["period_zh", "text"],
  ["period_en", "text"],
  ...MONEY("value"),
  ["yoy_tenths", "tenths"],
  ["yoy_percent", "text"],
  ["rank", "number"],
  ["rank_of", "number"],
  ["source", "text"],
  ["published_on", "date"],
  ["demo", "boolean"],
];

export const OPEN_DATA_TABLES: readonly TableDoc[] = [
  {
    key: "summary",
    list: null,
    fields: [
      ["area_code", "code"],
      ["area_name_zh", "text"],
      ["area_name_en", "text"],
      ["campaigns", "count"],
      ["batches", "count"],
      ["vouchers_issued", "count"],
      ["redemptions", "count"],
      ...MONEY("subsidy"),
      ...MONEY("gross"),
      ...MONEY("copay"),
      ["leverage_gross", "number"],
      ["leverage", "ratio"],
      ["packages", "count"],
      ["events", "count"],
      ["large_events", "count"],
      ["retail_sales", "object"],
      ["online_retail_sales", "object"],
    ],
  },
  {
    key: "actions",
    list: "actions",
    fields: [
      ["number", "number"],
      ["titleZh", "text"],
      ["titleEn", "text"],
      ["leadDepartmentZh", "text"],
      ["leadDepartmentEn", "text"],
      ["startsOn", "date"],
      ["endsOn", "date"],
      ["status", "code"],
      ["targets", "list"],
      ["approvedPackages", "count"],
      ["approvedEvents", "count"],
      ["approvedLargeEvents", "count"],
      ["approvedCarriers", "count"],
    ],
  },
  {
    key: "actionTargets",
    list: "actions[].targets",
    fields: [
      ["measure", "code"],
      ["unit", "code"],
      ["unitZh", "text"],
      ["target", "number"],
      ["targetYuan", "yuan"],
      ["actual", "number"],
      ["actualYuan", "yuan"],
      ["progressPercent", "percent"],
      ["status", "code", "targetStatus"],
      ["note", "text"],
    ],
  },
  {
    key: "campaigns",
    list: "campaigns",
    fields: [
      ["code", "code", "campaignCode"],
      ["name", "text"],
      ["action_number", "number"],
      ["action_title_zh", "text"],
      ["action_title_en", "text"],
      ["area_code", "code"],
      ["area_name_zh", "text"],
      ["area_name_en", "text"],
      ["starts_on", "date"],
      ["ends_on", "date"],
      ["channels", "list"],
      ...MONEY("city_fund"),
      ...MONEY("county_fund"),
      ...MONEY("cofund"),
      ...MONEY("budget_cap"),
      ["budget_used_percent", "percent"],
      ["batches", "count"],
      ["vouchers_issued", "count"],
      ["redemptions", "count"],
      ...MONEY("subsidy"),
      ...MONEY("gross"),
      ...MONEY("copay"),
      ["leverage_gross", "number"],
      ["leverage", "ratio"],
    ],
  },
  {
    key: "batches",
    list: "batches",
    fields: [
      ["code", "code", "batchCode"],
      ["campaign_code", "code"],
      ["campaign_name", "text"],
      ["channel", "code"],
      ["valid_from", "date"],
      ["valid_to", "date"],
      ["face_value_fen", "fen"],
      ["threshold_fen", "fen"],
      ...MONEY("subsidy"),
      ...MONEY("gross"),
      ["redemptions", "count"],
      ["leverage", "ratio"],
      ["leverage_floor", "ratio"],
      ["excluded_redemptions", "count"],
    ],
  },
  { key: "indicators", list: "indicators", fields: INDICATOR_FIELDS },
];

/** Fields of a document besides COMMON_FIELDS and its list. */
export const DOCUMENT_FIELDS: Record<OpenEndpointName, readonly FieldDoc[]> = {
  summary: [],
  actions: [["asOf", "date"]],
  campaigns: [],
  batches: [["leverageDefinition", "text"]],
  indicators: [],
};
