// Demo data for the incremental estimate, through the paths real data take: the participating
// merchants' sales in the weeks before their vouchers (non-voucher orders in each batch's first
// statement, imported with it), and a comparison group of non-participating merchants of the
// same sector, generated as the canonical baseline CSV and uploaded as staff would upload it.
//
// The effect is planted: before the vouchers each merchant sold at the level that, grown by the
// common trend and raised by `incrementalPerYuan` per yuan of subsidy, gives the sales its
// statements hold during them. The comparison group grows by the trend alone. So the estimate
// has a known answer, far below the gross figure (domain notes: research finds 0.8–6× per yuan).
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { areas, users } from "../schema";
import { toCsv } from "../../lib/csv/csv";
import { uploadBaseline } from "../../lib/effects/baseline";
import { baselineHeader } from "../../lib/effects/baseline-csv";
import { fenToYuanText } from "../../lib/money/fen";
import type { StatementOrder } from "../../lib/statements/generate";
import { prng, type Rng } from "./registry-data";
import { MERCHANT_NAMES, type BatchPlan, type CampaignPlan } from "./voucher-data";
import { orderAmounts, payer, randomTime, type SeedMerchant } from "./vouchers";

const SEED = 2025_0512;
const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** The days the campaign's vouchers could be used: its first valid day to its last. */
export function voucherDays(campaign: CampaignPlan): { from: string; to: string; days: number } {
  const from = [campaign.startsOn, ...campaign.batches.map((b) => b.validFrom)].reduce((a, b) => (a > b ? a : b));
  const lastValid = campaign.batches.map((b) => b.validTo).reduce((a, b) => (a > b ? a : b));
  const to = campaign.endsOn < lastValid ? campaign.endsOn : lastValid;
  return { from, to, days: daysBetween(from, to) };
}

/** What a batch's statements hold during the vouchers (voucher and plain orders, in fen), as batchOrders makes them. */
function salesDuringFen(plan: BatchPlan): number {
  const plain = Math.round((plan.redeemed * plan.nonVoucherShare) / (1 - plan.nonVoucherShare));
  return plan.redeemed * plan.meanOrderYuan * 100 + plain * Math.round(plan.meanOrderYuan * 60);
}

/** The batch's merchants' sales per day before the vouchers, in fen: during, less the planted effect, before the trend. */
export function salesPerDayBeforeFen(campaign: CampaignPlan, plan: BatchPlan): number {
  const effect = campaign.effect!;
  const { days } = voucherDays(campaign);
  const incrementalFen = effect.incrementalPerYuan * plan.redeemed * plan.face * 100;
  return (salesDuringFen(plan) - incrementalFen) / days / (1 + effect.trendPercent / 100);
}

/** The batch's merchants' orders (no vouchers) in the days before the campaign's vouchers, for its first statement. */
export function ordersBefore(campaign: CampaignPlan, plan: BatchPlan, merchants: SeedMerchant[], serial: number): StatementOrder[] {
  const effect = campaign.effect;
  if (!effect) return [];
  const rng = prng(SEED + serial);
  const { from: firstVoucherDay } = voucherDays(campaign);
  const meanFen = Math.round(plan.meanOrderYuan * 60);
  const count = Math.round((salesPerDayBeforeFen(campaign, plan) * effect.daysBefore) / meanFen);
  const weights = merchants.map((m) => m.weight);
  const from = addDays(firstVoucherDay, -effect.daysBefore);
  const to = addDays(firstVoucherDay, -1);
  const orders = orderAmounts(rng, count, Math.round((plan.threshold * 100) / 4), meanFen, plan.granularityFen).map((orderFen): StatementOrder => {
    const m = merchants[rng.weighted(weights)]!;
    const id = plan.channel === "wechat" ? m.wechatId : m.alipayId;
    return { orderId: "", merchantId: id, merchantName: m.name, payer: payer(rng, plan.channel, count), time: randomTime(rng, from, to), orderFen, voucherFen: 0 };
  });
  orders.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  orders.forEach((o, i) => {
    const stamp = o.time.slice(0, 10).replaceAll("-", "");
    o.orderId = plan.channel === "wechat" ? `42009${serial}${stamp}${String(i).padStart(9, "0")}` : `${stamp}2209${serial}${String(i).padStart(12, "0")}`;
    o.merchantOrderId = `HMB${serial}${String(i).padStart(10, "0")}`;
  });
  return orders;
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** The comparison group of a campaign as the canonical baseline CSV: daily sales of non-participating merchants. */
export function comparisonCsv(campaign: CampaignPlan, countyCodes: Record<string, string>): string {
  const effect = campaign.effect!;
  const rng = prng(SEED + campaign.code.length * 1000 + campaign.merchants.count);
  const { from, days } = voucherDays(campaign);
  // Their level: what a participating merchant sold per day before the vouchers.
  const level = campaign.batches.reduce((sum, b) => sum + salesPerDayBeforeFen(campaign, b), 0) / campaign.merchants.count;
  const counties = Object.entries(campaign.merchants.counties);
  const names = MERCHANT_NAMES[campaign.sector]!;
  const lines: string[][] = [baselineHeader()];
  for (let k = 1; k <= effect.comparisonMerchants; k++) {
    const slug = counties[rng.weighted(counties.map(([, w]) => w))]![0];
    const code = countyCodes[slug]!;
    const name = `${rng.pick(names.stems)}（${code}-${String(k).padStart(2, "0")}号店）`;
    const own = level * Math.exp(0.5 * normal(rng) - 0.125);
    for (let d = -effect.daysBefore; d < days; d++) {
      const grown = d < 0 ? own : own * (1 + effect.trendPercent / 100);
      const fen = Math.max(0, Math.round(grown * (1 + 0.3 * normal(rng))));
      lines.push([name, code, campaign.sector, addDays(from, d), fenToYuanText(fen), effect.comparisonGroup]);
    }
  }
  return toCsv(lines);
}

/** Uploads each campaign's comparison group through the baseline upload, as its staff would. */
export function seedComparisonGroups(db: Db, campaigns: readonly CampaignPlan[]): number {
  let rows = 0;
  for (const campaign of campaigns.filter((c) => c.effect)) {
    const countyCodes: Record<string, string> = {};
    for (const slug of Object.keys(campaign.merchants.counties)) {
      const area = db.select({ code: areas.code }).from(users).innerJoin(areas, eq(areas.id, users.areaId)).where(eq(users.username, `${slug}.staff`)).get();
      if (!area?.code) throw new Error(`demo seed: no area for ${slug}`);
      countyCodes[slug] = area.code;
    }
    const by = db.select().from(users).where(eq(users.username, campaign.by)).get();
    if (!by) throw new Error(`demo seed: no user ${campaign.by}`);
    const text = comparisonCsv(campaign, countyCodes);
    const { from, to } = voucherDays(campaign);
    const outcome = uploadBaseline(db, {
      text,
      fileName: `基期销售_${campaign.code}_${addDays(from, -campaign.effect!.daysBefore)}_${to}.csv`,
      fileBytes: Buffer.byteLength(text),
      user: by,
      actor: { id: by.id, name: by.username },
    });
    if (!outcome.ok) throw new Error(`demo seed: baseline of ${campaign.code} refused: ${JSON.stringify(outcome.problems.slice(0, 3))}`);
    rows += outcome.rows;
  }
  return rows;
}
