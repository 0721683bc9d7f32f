// The demo's retail-sales indicators, recorded and approved like any record (the Desk's path).
//
// Published (not demo): Heze's Jan–Jun 2025 figures (SouHu Finance, 2025-08-23) — retail sales
// of consumer goods 1254.9 亿元, +7.6 %, 1st of 16 in Shandong; online retail sales 151.4 亿元,
// +9.1 %, 5th of 16. Everything else is a made-up monthly series consistent with those totals
// and the counties' shares of it, flagged `demo` and labelled 演示数据 wherever shown.
import type { RawValues } from "../../lib/registry/types";
import { DEMO_LABEL } from "./registry-data";
import type { Desk, RegistrySeedOrg, SeedPlace } from "./registry";

export const PUBLISHED_SOURCE = "搜狐财经 2025-08-23";
const DEMO_SOURCE = `${DEMO_LABEL}（按公布的上半年总量推算）`;
const COUNTY_SOURCE = `${DEMO_LABEL}（按各县区份额推算）`;

/** A period's value in hundredths of 亿元 (0.01 亿元 = 1 百万元) and its growth in tenths of a percent. */
interface DemoMonth {
  /** 2 = Jan–Feb, released together; then 3 … 6. */
  month: number;
  hundredths: number;
  monthYoy: number;
  cumulativeYoy: number;
  cumulativeRank: number;
}

/**
 * The city's series: the months add up to the published first half exactly. Jan and Feb are
 * released together (1—2月), so month 2 is the two months and there is no single 1月 or 2月.
 */
export const CITY_SERIES: Record<"retailSales" | "onlineRetailSales", DemoMonth[]> = {
  retailSales: [
    { month: 2, hundredths: 41_860, monthYoy: 69, cumulativeYoy: 69, cumulativeRank: 2 },
    { month: 3, hundredths: 19_720, monthYoy: 75, cumulativeYoy: 71, cumulativeRank: 2 },
    { month: 4, hundredths: 19_850, monthYoy: 79, cumulativeYoy: 73, cumulativeRank: 1 },
    { month: 5, hundredths: 21_430, monthYoy: 81, cumulativeYoy: 75, cumulativeRank: 1 },
    { month: 6, hundredths: 22_630, monthYoy: 80, cumulativeYoy: 76, cumulativeRank: 1 },
  ],
  onlineRetailSales: [
    { month: 2, hundredths: 4_790, monthYoy: 82, cumulativeYoy: 82, cumulativeRank: 6 },
    { month: 3, hundredths: 2_460, monthYoy: 91, cumulativeYoy: 85, cumulativeRank: 6 },
    { month: 4, hundredths: 2_410, monthYoy: 93, cumulativeYoy: 87, cumulativeRank: 5 },
    { month: 5, hundredths: 2_730, monthYoy: 97, cumulativeYoy: 89, cumulativeRank: 5 },
    { month: 6, hundredths: 2_750, monthYoy: 99, cumulativeYoy: 91, cumulativeRank: 5 },
  ],
};

/** The published first half: recorded as published, not as demo. */
export const PUBLISHED_H1 = {
  retailSales: { value: "1254.9", yoy: "+7.6", rank: "1", rankOf: "16" },
  onlineRetailSales: { value: "151.4", yoy: "+9.1", rank: "5", rankOf: "16" },
} as const;

/**
 * Each county's share of the city's figures in thousandths (the development zones hold the
 * rest) and how far its growth runs from the city's, in tenths of a percent. Made up.
 */
export const COUNTY_SHARES: Record<string, { retail: number; online: number; growthOffset: number }> = {
  mudan: { retail: 220, online: 180, growthOffset: 3 },
  dingtao: { retail: 70, online: 60, growthOffset: -5 },
  caoxian: { retail: 150, online: 290, growthOffset: 12 },
  shanxian: { retail: 120, online: 80, growthOffset: -2 },
  chengwu: { retail: 70, online: 50, growthOffset: 1 },
  juye: { retail: 100, online: 70, growthOffset: -8 },
  yuncheng: { retail: 110, online: 90, growthOffset: 4 },
  juancheng: { retail: 60, online: 70, growthOffset: -3 },
  dongming: { retail: 80, online: 60, growthOffset: 6 },
};

const yi = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
const growth = (tenths: number) => `${tenths >= 0 ? "+" : "-"}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;

/** Records the indicators; returns how many were approved. */
export function seedIndicators(desk: Desk, org: RegistrySeedOrg): number {
  let approved = 0;
  const record = (place: SeedPlace, subjectAreaId: number, raw: RawValues) => {
    desk.register("indicator", place.staff, place.manager, { subjectAreaId: String(subjectAreaId), year: "2025", ...raw });
    approved++;
  };

  const series = (place: SeedPlace, indicator: keyof typeof CITY_SERIES, months: DemoMonth[], county: boolean) => {
    let cumulative = 0;
    for (const m of months) {
      cumulative += m.hundredths;
      const published = !county && m.month === 6 ? PUBLISHED_H1[indicator] : null;
      if (m.month > 2) {
        record(place, place.staff.areaId, { indicator, periodKind: "month", month: String(m.month), value: yi(m.hundredths), yoy: growth(m.monthYoy), source: county ? COUNTY_SOURCE : DEMO_SOURCE, demo: "on" });
      }
      if (published) {
        if (published.value !== yi(cumulative).replace(/0$/, "")) throw new Error(`demo seed: ${indicator} months do not add up to the published first half`);
        record(place, place.staff.areaId, { indicator, periodKind: "cumulative", month: "6", ...published, source: PUBLISHED_SOURCE, publishedOn: "2025-08-23" });
      } else {
        // A county's provincial rank is not known here: left blank rather than made up.
        const rank = county ? {} : { rank: String(m.cumulativeRank), rankOf: "16" };
        record(place, place.staff.areaId, { indicator, periodKind: "cumulative", month: String(m.month), value: yi(cumulative), yoy: growth(m.cumulativeYoy), ...rank, source: county ? COUNTY_SOURCE : DEMO_SOURCE, demo: "on" });
      }
    }
  };

  for (const indicator of ["retailSales", "onlineRetailSales"] as const) {
    series(org.city, indicator, CITY_SERIES[indicator], false);
    for (const county of org.counties) {
      const share = COUNTY_SHARES[county.key];
      if (!share) throw new Error(`demo seed: no indicator share for ${county.key}`);
      const perMille = indicator === "retailSales" ? share.retail : share.online;
      const months = CITY_SERIES[indicator].map((m) => ({
        ...m,
        hundredths: Math.round((m.hundredths * perMille) / 1000),
        monthYoy: m.monthYoy + share.growthOffset,
        cumulativeYoy: m.cumulativeYoy + share.growthOffset,
      }));
      series(county, indicator, months, true);
    }
  }
  return approved;
}
