import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { areas, INDICATOR_PERIOD_KINDS, RETAIL_INDICATORS, retailIndicators, type RetailIndicatorRow } from "@/db/schema";
import { areaSubtree } from "@/lib/auth/scope";
import { fieldError } from "@/lib/errors";
import { fenToYiText, indicatorHeading, parseGrowthTenths, parseIndicatorAmount, PROVINCE_CITY_COUNT, tenthsToGrowthText } from "@/lib/indicators/format";
import { checkbox, requiredId, requiredText } from "@/lib/validation";
import { optionalIsoDate, year } from "../fields";
import type { RecordSpec } from "../types";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const month = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required", abort: true })
  .regex(/^(0?[1-9]|1[0-2])$/, { error: "indicatorMonth" })
  .transform(Number);

/** An amount as published, in 亿元 (or 万元 when written so), to fen. */
const amount = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .transform((text, ctx) => {
    const fen = parseIndicatorAmount(text);
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: "indicatorValue" });
      return z.NEVER;
    }
    return fen;
  });

/** 同比 as published ("+7.6", "-1.2", "7.6%") to tenths of a percent; blank when not published. */
const growth = z.preprocess(
  (v) => (blank(v) ? undefined : v),
  z
    .string()
    .transform((text, ctx) => {
      const tenths = parseGrowthTenths(text);
      if (tenths === null) {
        ctx.addIssue({ code: "custom", message: "indicatorGrowth" });
        return z.NEVER;
      }
      return tenths;
    })
    .optional(),
);

const rankNumber = z.preprocess(
  (v) => (blank(v) ? undefined : typeof v === "number" ? String(v) : v),
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,3}$/, { error: "indicatorRank" })
    .transform(Number)
    .optional(),
);

export const indicatorSchema = z
  .object({
    subjectAreaId: requiredId,
    indicator: z.enum(RETAIL_INDICATORS, { error: "required" }),
    year,
    periodKind: z.enum(INDICATOR_PERIOD_KINDS, { error: "required" }),
    month,
    value: amount,
    yoy: growth,
    rank: rankNumber,
    rankOf: rankNumber,
    source: requiredText(200),
    publishedOn: optionalIsoDate,
    demo: checkbox,
  })
  .superRefine((v, ctx) => {
    // 1–1月 is January itself: a cumulative period runs to month 2 or later.
    if (v.periodKind === "cumulative" && v.month === 1) ctx.addIssue({ code: "custom", path: ["month"], message: "indicatorCumulativeMonth" });
    if (v.rank === undefined && v.rankOf !== undefined) ctx.addIssue({ code: "custom", path: ["rank"], message: "indicatorRankMissing" });
    // Only between two numbers that parsed (a refused one has its own message already).
    if (typeof v.rank === "number" && typeof v.rankOf === "number" && v.rank > v.rankOf) ctx.addIssue({ code: "custom", path: ["rank"], message: "indicatorRankOver" });
  });
export type IndicatorInput = z.infer<typeof indicatorSchema>;

export const indicatorSpec: RecordSpec<IndicatorInput, RetailIndicatorRow> = {
  type: "indicator",
  table: retailIndicators,
  schema: indicatorSchema,
  // The area is part of the name: the inbox's area column is who keeps the record, not what it is about.
  title: (input, tx) => {
    const area = tx.select({ nameZh: areas.nameZh }).from(areas).where(eq(areas.id, input.subjectAreaId)).get();
    return `${area?.nameZh ?? `#${input.subjectAreaId}`} ${indicatorHeading(input, "zh-CN")}`;
  },
  toColumns: (input) => ({
    subjectAreaId: input.subjectAreaId,
    indicator: input.indicator,
    year: input.year,
    periodKind: input.periodKind,
    month: input.month,
    valueFen: input.value,
    yoyTenths: input.yoy ?? null,
    rank: input.rank ?? null,
    // checkReferences refuses a county's rank without its denominator: a blank one is the city's 16.
    rankOf: input.rank === undefined ? null : (input.rankOf ?? PROVINCE_CITY_COUNT),
    source: input.source,
    publishedOn: input.publishedOn ?? null,
    demo: input.demo,
  }),
  toRaw: (row) => ({
    subjectAreaId: String(row.subjectAreaId),
    indicator: row.indicator,
    year: String(row.year),
    periodKind: row.periodKind,
    month: String(row.month),
    value: fenToYiText(row.valueFen),
    yoy: row.yoyTenths === null ? "" : tenthsToGrowthText(row.yoyTenths),
    rank: row.rank === null ? "" : String(row.rank),
    rankOf: row.rankOf === null ? "" : String(row.rankOf),
    source: row.source,
    publishedOn: row.publishedOn ?? "",
    demo: row.demo ? "on" : "",
  }),
  checkReferences: (tx, input, id, place) => {
    const area = tx.select({ id: areas.id, level: areas.level }).from(areas).where(eq(areas.id, input.subjectAreaId)).get();
    if (!area) throw fieldError("subjectAreaId", "notFound");
    // A bureau records figures of its own area and the areas below it (the city's of every county).
    if (!areaSubtree(tx, place.areaId).includes(area.id)) throw fieldError("subjectAreaId", "outsideArea", "FORBIDDEN");
    if (input.rank !== undefined) {
      // Among the province's cities the denominator is known; a county's must be written as published.
      const of = input.rankOf ?? (area.level === "city" ? PROVINCE_CITY_COUNT : undefined);
      if (of === undefined) throw fieldError("rankOf", "indicatorRankOfRequired");
      if (input.rank > of) throw fieldError("rank", "indicatorRankOver");
    }
    const t = retailIndicators;
    const samePeriod = and(
      eq(t.subjectAreaId, input.subjectAreaId),
      eq(t.indicator, input.indicator),
      eq(t.year, input.year),
      eq(t.periodKind, input.periodKind),
      eq(t.month, input.month),
    );
    const clash = tx
      .select({ id: t.id })
      .from(t)
      .where(id === undefined ? samePeriod : and(samePeriod, ne(t.id, id)))
      .get();
    if (clash) throw fieldError("month", "indicatorTaken", "CONFLICT");
  },
};
