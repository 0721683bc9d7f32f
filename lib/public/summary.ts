// What the public summary page (and /api/open/summary) shows: approved data only, aggregates
// only, assembled in one place so the page and the open data cannot disagree. Amounts are
// integer fen; the result is a plain object (no Dates, no Maps), computed once per data
// version, language and day (lib/data-version/cache.ts) and frozen.
//
// Nothing here names a person: no users, no payers, no phone numbers, no merchant names — the
// records it lists are events, policies, actions and campaigns, which are public by nature.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { CARRIER_KINDS, type Locale, type RetailIndicator } from "@/db/schema";
import { cachedOnDataVersion, readDataVersion } from "@/lib/data-version/cache";
import { incrementalEstimate } from "@/lib/effects/estimate";
import { loadAreaIndicators } from "@/lib/indicators/summary";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { loadApprovedActionsProgress, todayInShanghai, type ActionStatus, type TargetStatus } from "@/lib/registry/progress";
import { formatLeverage } from "@/lib/vouchers/leverage-format";

type CarrierKind = (typeof CARRIER_KINDS)[number];

export interface IndicatorHeadline {
  indicator: RetailIndicator;
  year: number;
  /** Year to date: 1–month. */
  month: number;
  valueFen: number;
  yoyTenths: number | null;
  rank: number | null;
  rankOf: number | null;
  source: string;
  demo: boolean;
}

export interface IncrementalHeadline {
  campaignCode: string;
  campaignName: string;
  sectors: string[];
  area: string | null;
  during: { from: string; to: string; days: number } | null;
  /** The campaign's own gross figures, for comparison. */
  subsidyFen: number;
  grossFen: number;
  incrementalFen: number;
  incrementalLowFen: number;
  incrementalHighFen: number;
  resamples: number;
}

export interface PublicSummary {
  locale: Locale;
  /** The data version the figures were computed at, and when it last changed (ISO). */
  dataVersion: number;
  updatedAt: string;
  /** The day (Beijing) that "recent" and "upcoming" are counted from. */
  asOf: string;
  headline: {
    city: { code: string | null; name: string } | null;
    retailSales: IndicatorHeadline | null;
    onlineRetailSales: IndicatorHeadline | null;
    vouchers: {
      campaigns: number;
      batches: number;
      /** Face value × quantity of the approved batches: what was put out. */
      issuedFaceFen: number;
      issuedVouchers: number;
      redeemedVouchers: number;
      /** S: voucher amounts of redeemed orders, net of refunds. */
      subsidyFen: number;
      /** G: order amounts of those orders, net of refunds (gross). */
      grossFen: number;
      /** G / S written 1 : N; null when S = 0. */
      grossLeverage: string | null;
      /** The first and last day with redemptions. */
      from: string | null;
      to: string | null;
    };
    /** Campaigns whose data allow an incremental estimate; none is made up where they do not. */
    incremental: IncrementalHeadline[];
    packages: number;
    events: number;
    largeEvents: number;
  };
  actions: Array<{
    number: number;
    title: string;
    leadDepartment: string;
    startsOn: string;
    endsOn: string;
    status: ActionStatus;
    elapsedTenths: number;
    packages: number;
    events: number;
    carriers: number;
    subsidyFen: number;
    grossFen: number;
    targets: Array<{ measure: string; money: boolean; target: number; actual: number | null; progressTenths: number | null; status: TargetStatus }>;
  }>;
  counties: Array<{ code: string | null; name: string; redemptions: number; merchants: number; subsidyFen: number; grossFen: number; grossLeverage: string | null }>;
  carriers: { kinds: CarrierKind[]; rows: Array<{ code: string | null; name: string; byKind: Record<CarrierKind, number>; total: number }>; byKind: Record<CarrierKind, number>; total: number };
  trend: Array<{ month: string; redemptions: number; subsidyFen: number; grossFen: number }>;
  events: {
    recent: PublicEvent[];
    upcoming: PublicEvent[];
  };
  policies: Array<{ title: string; docNumber: string; issuedOn: string; level: "city" | "county"; kind: "master" | "supporting"; effect: string; area: string; link: string | null }>;
}

export interface PublicEvent {
  name: string;
  startsOn: string;
  endsOn: string;
  county: string;
  largeScale: boolean;
}

/** How many events each list shows. */
export const EVENTS_LISTED = 8;

export function publicSummary(db: Db | Tx, locale: Locale, { today = todayInShanghai() }: { today?: string } = {}): PublicSummary {
  return cachedOnDataVersion(db, `public-summary:${locale}:${today}`, () => assembleSummary(db, locale, today));
}

interface AreaRow {
  id: number;
  code: string | null;
  nameZh: string;
  nameEn: string;
  level: string;
  parentId: number | null;
}

/** Each area's county: itself at the top or directly under the city, else its parent's (as the leverage engine rolls up). */
function countyOf(areas: AreaRow[]): (id: number) => AreaRow | undefined {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const up = (id: number): AreaRow | undefined => {
    const area = byId.get(id);
    if (!area) return undefined;
    const parent = area.parentId === null ? undefined : byId.get(area.parentId);
    return !parent || parent.level === "city" ? area : up(parent.id);
  };
  return up;
}

function assembleSummary(db: Db | Tx, locale: Locale, today: string): PublicSummary {
  const en = locale === "en";
  const name = (a: { nameZh: string; nameEn: string }) => (en ? a.nameEn : a.nameZh);
  const version = readDataVersion(db);
  const areas = db.all<AreaRow>(sql`select id, code, name_zh as nameZh, name_en as nameEn, level, parent_id as parentId from areas order by id`);
  const county = countyOf(areas);
  const city = areas.find((a) => a.parentId === null) ?? null;

  // Published statistics: the city's latest approved year-to-date figures.
  let retailSales: IndicatorHeadline | null = null;
  let onlineRetailSales: IndicatorHeadline | null = null;
  if (city) {
    const latest = db.get<{ year: number; month: number } | undefined>(
      sql`select year, month from retail_indicators where subject_area_id = ${city.id} and status = 'approved' and period_kind = 'cumulative' order by year desc, month desc limit 1`,
    );
    if (latest) {
      for (const summary of loadAreaIndicators(db, { areaId: city.id, ...latest }).indicators) {
        const l = summary.latest;
        if (!l) continue;
        const figure = { indicator: summary.indicator, year: latest.year, month: l.month, valueFen: l.valueFen, yoyTenths: l.yoyTenths, rank: l.rank, rankOf: l.rankOf, source: l.source, demo: l.demo };
        if (summary.indicator === "retailSales") retailSales = figure;
        else onlineRetailSales = figure;
      }
    }
  }

  // Vouchers: the leverage engine over every approved batch of every approved campaign.
  const byCampaign = leverageBreakdown(db, { by: "campaign", locale });
  const sum = (rows: readonly { subsidyFen: number; grossFen: number; redemptions: number }[]) =>
    rows.reduce((t, r) => ({ subsidyFen: t.subsidyFen + r.subsidyFen, grossFen: t.grossFen + r.grossFen, redemptions: t.redemptions + r.redemptions }), { subsidyFen: 0, grossFen: 0, redemptions: 0 });
  const total = sum(byCampaign);
  const issued = db.get<{ batches: number; campaigns: number; faceFen: number; vouchers: number }>(
    sql`select count(*) as batches, count(distinct b.campaign_id) as campaigns, coalesce(sum(b.face_value_fen * b.quantity_issued), 0) as faceFen, coalesce(sum(b.quantity_issued), 0) as vouchers
        from batches b join campaigns c on c.id = b.campaign_id where b.status = 'approved' and c.status = 'approved'`,
  );
  const byDay = leverageBreakdown(db, { by: "day", locale });
  // Days with voucher orders (the kept totals also hold days of non-voucher sales only).
  const voucherDays = byDay.filter((r) => r.redemptions !== 0 || r.subsidyFen !== 0 || r.grossFen !== 0);
  const days = voucherDays.map((r) => r.key);

  const incremental: IncrementalHeadline[] = [];
  for (const row of byCampaign) {
    if (row.id === null || row.subsidyFen <= 0) continue;
    const estimate = incrementalEstimate(db, { campaignId: row.id, locale });
    if (!estimate || !estimate.result.ok) continue;
    const r = estimate.result;
    incremental.push({
      campaignCode: estimate.campaign.code,
      campaignName: estimate.campaign.name,
      sectors: estimate.sectors.map((s) => s.label),
      area: estimate.area?.label ?? null,
      during: estimate.during,
      subsidyFen: estimate.subsidyFen,
      grossFen: estimate.grossFen,
      incrementalFen: Math.round(r.incrementalFen),
      incrementalLowFen: Math.round(r.incrementalLowFen),
      incrementalHighFen: Math.round(r.incrementalHighFen),
      resamples: r.resamples,
    });
  }

  const counts = db.get<{ packages: number; events: number; largeEvents: number }>(
    sql`select (select count(*) from packages where status = 'approved') as packages,
               (select count(*) from events where status = 'approved') as events,
               (select count(*) from events where status = 'approved' and large_scale) as largeEvents`,
  );

  const actions = loadApprovedActionsProgress(db, today).map(({ action, leadDepartmentZh, leadDepartmentEn, progress }) => ({
    number: action.number,
    title: en ? action.titleEn : action.titleZh,
    leadDepartment: en ? leadDepartmentEn : leadDepartmentZh,
    startsOn: action.startsOn,
    endsOn: action.endsOn,
    status: progress.status,
    elapsedTenths: progress.share.elapsedTenths,
    packages: progress.totals.approvedPackages,
    events: progress.totals.approvedEvents,
    carriers: progress.totals.approvedCarriers,
    subsidyFen: progress.totals.voucherSubsidyFen,
    grossFen: progress.totals.stimulatedSpendingFen,
    targets: progress.targets.map((t) => ({ measure: t.measure, money: t.money, target: t.target, actual: t.actual, progressTenths: t.progressTenths, status: t.status })),
  }));

  const unassigned = en ? "Not assigned" : "未登记区县";
  const counties = leverageBreakdown(db, { by: "area", locale }).map((r) => {
    const area = r.id === null ? undefined : areas.find((a) => a.id === r.id);
    return {
      code: area?.code ?? null,
      name: area ? name(area) : unassigned,
      redemptions: r.redemptions,
      merchants: r.merchants,
      subsidyFen: r.subsidyFen,
      grossFen: r.grossFen,
      grossLeverage: formatLeverage(r.grossFen, r.subsidyFen),
    };
  });

  // E-commerce carriers by kind and county (of the approved ones).
  const emptyKinds = () => Object.fromEntries(CARRIER_KINDS.map((k) => [k, 0])) as Record<CarrierKind, number>;
  const carrierRows = new Map<number, { code: string | null; name: string; byKind: Record<CarrierKind, number>; total: number }>();
  const carrierKinds = emptyKinds();
  for (const c of db.all<{ areaId: number; kind: CarrierKind; n: number }>(sql`select area_id as areaId, kind, count(*) as n from carriers where status = 'approved' group by area_id, kind`)) {
    const area = county(c.areaId);
    if (!area) continue;
    let row = carrierRows.get(area.id);
    if (!row) carrierRows.set(area.id, (row = { code: area.code, name: name(area), byKind: emptyKinds(), total: 0 }));
    row.byKind[c.kind] += c.n;
    row.total += c.n;
    carrierKinds[c.kind] += c.n;
  }
  const areaOrder = (code: string | null) => code ?? "~";
  const carriers = {
    kinds: [...CARRIER_KINDS],
    rows: [...carrierRows.values()].sort((a, b) => (areaOrder(a.code) < areaOrder(b.code) ? -1 : areaOrder(a.code) > areaOrder(b.code) ? 1 : 0)),
    byKind: carrierKinds,
    total: Object.values(carrierKinds).reduce((a, b) => a + b, 0),
  };

  // The trend: gross spending and subsidy by month, every month from the first to the last with redemptions.
  const months = new Map<string, { month: string; redemptions: number; subsidyFen: number; grossFen: number }>();
  for (const r of voucherDays) {
    const month = r.key.slice(0, 7);
    const m = months.get(month) ?? { month, redemptions: 0, subsidyFen: 0, grossFen: 0 };
    m.redemptions += r.redemptions;
    m.subsidyFen += r.subsidyFen;
    m.grossFen += r.grossFen;
    months.set(month, m);
  }
  const trend = fillMonths([...months.values()]);

  // Events: name, dates and county only.
  const eventRows = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>) =>
    db
      .all<{ name: string; startsOn: string; endsOn: string; areaId: number; largeScale: number }>(
        sql`select name, starts_on as startsOn, ends_on as endsOn, area_id as areaId, large_scale as largeScale from events where status = 'approved' and ${where} order by ${order} limit ${EVENTS_LISTED}`,
      )
      .map((e) => {
        const area = county(e.areaId);
        return { name: e.name, startsOn: e.startsOn, endsOn: e.endsOn, county: area ? name(area) : "", largeScale: Boolean(e.largeScale) };
      });
  const events = {
    recent: eventRows(sql`starts_on <= ${today}`, sql`starts_on desc, id desc`),
    upcoming: eventRows(sql`starts_on > ${today}`, sql`starts_on asc, id asc`),
  };

  const policies = db
    .all<{ title: string; docNumber: string; issuedOn: string; level: "city" | "county"; kind: "master" | "supporting"; effect: string; areaId: number; link: string | null }>(
      sql`select title, doc_number as docNumber, issued_on as issuedOn, level, kind, effect, area_id as areaId, link from policies where status = 'approved'
          order by case kind when 'master' then 0 else 1 end, issued_on, id`,
    )
    .map(({ areaId, link, ...p }) => {
      const area = areas.find((a) => a.id === areaId);
      return { ...p, area: area ? name(area) : "", link: safeLink(link) };
    });

  return {
    locale,
    dataVersion: version.version,
    updatedAt: version.changedAt.toISOString(),
    asOf: today,
    headline: {
      city: city ? { code: city.code, name: name(city) } : null,
      retailSales,
      onlineRetailSales,
      vouchers: {
        campaigns: issued.campaigns,
        batches: issued.batches,
        issuedFaceFen: issued.faceFen,
        issuedVouchers: issued.vouchers,
        redeemedVouchers: total.redemptions,
        subsidyFen: total.subsidyFen,
        grossFen: total.grossFen,
        grossLeverage: formatLeverage(total.grossFen, total.subsidyFen),
        from: days[0] ?? null,
        to: days.at(-1) ?? null,
      },
      incremental,
      packages: counts.packages,
      events: counts.events,
      largeEvents: counts.largeEvents,
    },
    actions,
    counties,
    carriers,
    trend,
    events,
    policies,
  };
}

/** Every month from the first to the last, quiet months as zeros: the chart's axis stays even. */
export function fillMonths<T extends { month: string; redemptions: number; subsidyFen: number; grossFen: number }>(months: T[]): Array<{ month: string; redemptions: number; subsidyFen: number; grossFen: number }> {
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : 1));
  if (sorted.length === 0) return [];
  const byMonth = new Map(sorted.map((m) => [m.month, m]));
  const out: Array<{ month: string; redemptions: number; subsidyFen: number; grossFen: number }> = [];
  let [year, month] = sorted[0]!.month.split("-").map(Number) as [number, number];
  const last = sorted.at(-1)!.month;
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    const m = byMonth.get(key);
    out.push({ month: key, redemptions: m?.redemptions ?? 0, subsidyFen: m?.subsidyFen ?? 0, grossFen: m?.grossFen ?? 0 });
    if (key >= last) return out;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** A policy's link, only when it is a web address (a record could hold anything): never a javascript: URL on a public page. */
export function safeLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
