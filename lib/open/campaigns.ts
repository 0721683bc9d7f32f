// Open data of the voucher campaigns: each approved campaign with its action, dates, funding,
// budget cap and channels, and its figures from the leverage engine (approved batches only,
// redemptions excluded after review left out). No personal data.
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { actions, areas, campaigns, type VoucherChannel } from "@/db/schema";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { fenToYuanText } from "@/lib/money/fen";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import type { OpenDocumentHead, OpenEndpoint } from "./response";
import { leverageValue, percentOfTenths, recordsCsv } from "./units";

export interface OpenCampaign {
  code: string;
  name: string;
  action_number: number;
  action_title_zh: string;
  action_title_en: string;
  area_code: string | null;
  area_name_zh: string;
  area_name_en: string;
  starts_on: string;
  ends_on: string;
  channels: VoucherChannel[];
  city_fund_fen: number;
  city_fund_yuan: string;
  county_fund_fen: number;
  county_fund_yuan: string;
  cofund_fen: number;
  cofund_yuan: string;
  budget_cap_fen: number;
  budget_cap_yuan: string;
  /** Subsidy spent against the cap, percent with one decimal; null for a cap of 0. */
  budget_used_percent: number | null;
  batches: number;
  vouchers_issued: number;
  redemptions: number;
  subsidy_fen: number;
  subsidy_yuan: string;
  gross_fen: number;
  gross_yuan: string;
  copay_fen: number;
  copay_yuan: string;
  /** Gross leverage G / S, two decimals; null before any redemption. */
  leverage_gross: number | null;
  /** The same written "1 : N". */
  leverage: string | null;
}

export interface OpenCampaignsBody extends OpenDocumentHead {
  campaigns: OpenCampaign[];
}

export function buildOpenCampaigns(db: Db | Tx, { head }: { head: OpenDocumentHead }): OpenCampaignsBody {
  const rows = db
    .select({ campaign: campaigns, action: actions, area: areas })
    .from(campaigns)
    .innerJoin(actions, eq(actions.id, campaigns.actionId))
    .innerJoin(areas, eq(areas.id, campaigns.areaId))
    .where(and(eq(campaigns.status, "approved")))
    .orderBy(asc(campaigns.code))
    .all();
  const figures = new Map(leverageBreakdown(db, { by: "campaign" }).map((r) => [r.id, r]));
  return {
    ...head,
    campaigns: rows.map(({ campaign: c, action: a, area }): OpenCampaign => {
      const f = figures.get(c.id);
      const subsidyFen = f?.subsidyFen ?? 0;
      const grossFen = f?.grossFen ?? 0;
      return {
        code: c.code,
        name: c.name,
        action_number: a.number,
        action_title_zh: a.titleZh,
        action_title_en: a.titleEn,
        area_code: area.code,
        area_name_zh: area.nameZh,
        area_name_en: area.nameEn,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
        channels: [...c.channels],
        city_fund_fen: c.cityFundFen,
        city_fund_yuan: fenToYuanText(c.cityFundFen),
        county_fund_fen: c.countyFundFen,
        county_fund_yuan: fenToYuanText(c.countyFundFen),
        cofund_fen: c.cofundFen,
        cofund_yuan: fenToYuanText(c.cofundFen),
        budget_cap_fen: c.budgetCapFen,
        budget_cap_yuan: fenToYuanText(c.budgetCapFen),
        budget_used_percent: percentOfTenths(f?.budget?.budgetUsedTenths ?? null),
        batches: f?.batches ?? 0,
        vouchers_issued: f?.issued ?? 0,
        redemptions: f?.redemptions ?? 0,
        subsidy_fen: subsidyFen,
        subsidy_yuan: fenToYuanText(subsidyFen),
        gross_fen: grossFen,
        gross_yuan: fenToYuanText(grossFen),
        copay_fen: grossFen - subsidyFen,
        copay_yuan: fenToYuanText(grossFen - subsidyFen),
        leverage_gross: leverageValue(grossFen, subsidyFen),
        leverage: formatLeverage(grossFen, subsidyFen),
      };
    }),
  };
}

export const OPEN_CAMPAIGNS_CSV_COLUMNS = [
  "code",
  "name",
  "action_number",
  "action_title_zh",
  "action_title_en",
  "area_code",
  "area_name_zh",
  "area_name_en",
  "starts_on",
  "ends_on",
  "channels",
  "city_fund_fen",
  "city_fund_yuan",
  "county_fund_fen",
  "county_fund_yuan",
  "cofund_fen",
  "cofund_yuan",
  "budget_cap_fen",
  "budget_cap_yuan",
  "budget_used_percent",
  "batches",
  "vouchers_issued",
  "redemptions",
  "subsidy_fen",
  "subsidy_yuan",
  "gross_fen",
  "gross_yuan",
  "copay_fen",
  "copay_yuan",
  "leverage_gross",
  "leverage",
] as const satisfies ReadonlyArray<keyof OpenCampaign>;

/** One row per campaign; channels joined with "|". */
export function openCampaignsCsv(body: OpenCampaignsBody): string {
  return recordsCsv(OPEN_CAMPAIGNS_CSV_COLUMNS, body.campaigns);
}

export const openCampaignsEndpoint: OpenEndpoint<OpenCampaignsBody> = { name: "campaigns", build: buildOpenCampaigns, csv: openCampaignsCsv };
