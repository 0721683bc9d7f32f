// The demo voucher programme, through the paths real data take: merchants registered with the
// merchant service, campaigns and batches saved, submitted and approved through the workflow,
// then each batch's redemptions as the channels would send them — WeChat trade bills and GBK
// Alipay business details, one per month — generated and imported by the statement import.
// The figures the app shows are computed from those rows, never written here.
import { and, eq } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "../client";
import { actions, areas, sectors, users, type User } from "../schema";
import { appendAudit, type AuditActor } from "../../lib/audit/log";
import { importStatement } from "../../lib/imports/pipeline";
import { merchantDetailsSchema } from "../../lib/merchants/schema";
import { addChannelId, createMerchant } from "../../lib/merchants/service";
import { generateAlipayDetail, generateWechatBill, type StatementOrder } from "../../lib/statements/generate";
import { Desk } from "./registry";
import { prng, type Rng } from "./registry-data";
import { ordersBefore, seedComparisonGroups } from "./effects";
import { MERCHANT_NAMES, VOUCHER_CAMPAIGNS, type BatchPlan, type CampaignPlan } from "./voucher-data";

const SEED = 2025_0283;
const DETAIL = "demo seed";
/** The action the campaigns serve: 「惠享菏泽」消费券惠民行动. */
const VOUCHER_ACTION_NUMBER = 6;
/** Refunded and revoked orders come on top of the redeemed ones (and net out). */
const REFUND_SHARE = 0.012;
const REVOKED_SHARE = 0.004;
/** Two merchants the statements name before anyone registered them: they arrive flagged for review. */
const UNREGISTERED = [
  { id: "1609990001", name: "新开业餐馆（待登记）" },
  { id: "1609990002", name: "夜市小吃摊（待登记）" },
];

export interface VoucherSeedCounts {
  campaigns: number;
  batches: number;
  merchants: number;
  imports: number;
  rows: number;
}

export interface SeedMerchant {
  name: string;
  wechatId: string;
  alipayId: string;
  weight: number;
}

const actorOf = (user: User): AuditActor => ({ id: user.id, name: user.username });
const yuanText = (yuan: number) => String(yuan);

/** County short names as merchant names use them (牡丹区 → 牡丹, 曹县 stays). */
function shortName(nameZh: string): string {
  return nameZh.length > 2 ? nameZh.replace(/[区县]$/, "") : nameZh;
}

function merchantName(rng: Rng, sector: string, county: string, taken: Set<string>): string {
  const names = MERCHANT_NAMES[sector]!;
  for (let attempt = 0; ; attempt++) {
    const stem = rng.pick(names.stems);
    const kind = rng.pick(names.kinds).replace("{county}", attempt < 20 ? county : `${county}${attempt}`);
    const name = kind.startsWith("（") ? `${stem}${kind}` : `${kind}${stem}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * `n` order amounts in fen, each at least the threshold, in steps of `granularity`, skewed like
 * real baskets (log-normal above the threshold), summing to exactly n × mean.
 */
export function orderAmounts(rng: Rng, n: number, thresholdFen: number, meanFen: number, granularity: number): number[] {
  const extras = Array.from({ length: n }, () => Math.exp(0.8 * normal(rng)));
  const extraTotal = extras.reduce((a, b) => a + b, 0);
  const target = n * meanFen;
  const room = target - n * thresholdFen;
  if (room < 0) throw new Error("demo seed: a batch's mean order is below its threshold");
  const amounts = extras.map((e) => thresholdFen + Math.round((room * (e / extraTotal)) / granularity) * granularity);
  // What rounding left over goes to the largest order, so the sum is exact.
  const largest = amounts.indexOf(Math.max(...amounts));
  amounts[largest]! += target - amounts.reduce((a, b) => a + b, 0);
  return amounts;
}

const DAY_MS = 86_400_000;
export function randomTime(rng: Rng, from: string, to: string): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY_MS);
  const ms = start + rng.int(0, days) * DAY_MS + rng.int(9 * 3600, 21 * 3600 + 1800) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function payer(rng: Rng, channel: "wechat" | "alipay", pool: number): string {
  const n = rng.int(1, pool);
  return channel === "wechat" ? `oUpF8uMuAJO_M2pxb1Q9zNjW${String(n).padStart(6, "0")}` : `1${rng.int(30, 89)}****${String(n % 10_000).padStart(4, "0")}`;
}

/** A batch's orders, in time order: the redeemed ones, refunded and revoked ones, and plain sales. */
function batchOrders(rng: Rng, plan: BatchPlan, merchants: SeedMerchant[], extra: Array<{ id: string; name: string }>, serial: number): StatementOrder[] {
  const weights = merchants.map((m) => m.weight);
  const merchantOf = () => {
    // A few orders at the merchants nobody registered yet.
    if (extra.length && rng.next() < 0.01) return rng.pick(extra);
    const m = merchants[rng.weighted(weights)]!;
    return { id: plan.channel === "wechat" ? m.wechatId : m.alipayId, name: m.name };
  };
  const faceFen = plan.face * 100;
  const thresholdFen = plan.threshold * 100;
  const payers = Math.max(10, Math.round(plan.redeemed * 0.85));
  const orders: StatementOrder[] = [];
  const add = (orderFen: number, voucherFen: number, more: Partial<StatementOrder> = {}) => {
    const m = merchantOf();
    orders.push({ orderId: "", merchantId: m.id, merchantName: m.name, payer: payer(rng, plan.channel, payers), time: randomTime(rng, plan.validFrom, plan.validTo), orderFen, voucherFen, ...more });
  };
  for (const fen of orderAmounts(rng, plan.redeemed, thresholdFen, plan.meanOrderYuan * 100, plan.granularityFen)) add(fen, faceFen);
  const refunded = Math.round(plan.redeemed * REFUND_SHARE);
  for (const fen of orderAmounts(rng, refunded, thresholdFen, plan.meanOrderYuan * 100, plan.granularityFen)) add(fen, faceFen, { refund: {} });
  if (plan.channel === "wechat") {
    const revoked = Math.round(plan.redeemed * REVOKED_SHARE);
    for (const fen of orderAmounts(rng, revoked, thresholdFen, plan.meanOrderYuan * 100, plan.granularityFen)) add(fen, faceFen, { revoked: true });
  }
  // Sales without a voucher: the same merchants' other customers, mostly below the threshold.
  const plain = Math.round((plan.redeemed * plan.nonVoucherShare) / (1 - plan.nonVoucherShare));
  for (const fen of orderAmounts(rng, plain, Math.round(thresholdFen / 4), Math.round(plan.meanOrderYuan * 60), plan.granularityFen)) add(fen, 0);
  orders.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  orders.forEach((o, i) => {
    const stamp = o.time.slice(0, 10).replaceAll("-", "");
    o.orderId = plan.channel === "wechat" ? `42000${serial}${stamp}${String(i).padStart(9, "0")}` : `${stamp}2200${serial}${String(i).padStart(12, "0")}`;
    o.merchantOrderId = `HM${serial}${String(i).padStart(10, "0")}`;
    if (o.refund) o.refund = { refundId: `50300${serial}${stamp}${String(i).padStart(9, "0")}`, time: o.time.replace(/ (\d\d)/, (_, h: string) => ` ${String(Math.min(23, Number(h) + 2)).padStart(2, "0")}`) };
  });
  return orders;
}

/** A statement file per calendar month, as the channel exports it; the first also covers the orders `before` the batch. */
function monthlyFiles(plan: BatchPlan, orders: StatementOrder[], before: StatementOrder[] = []): Array<{ name: string; bytes: Buffer }> {
  const months = new Map<string, StatementOrder[]>();
  for (const o of orders) {
    const month = o.time.slice(0, 7);
    if (!months.has(month)) months.set(month, []);
    months.get(month)!.push(o);
  }
  return [...months].map(([month, monthRows], index) => {
    const rows = index === 0 ? [...before, ...monthRows] : monthRows;
    const first = index === 0 && before.length ? before[0]!.time.slice(0, 10) : `${month}-01`;
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    if (plan.channel === "wechat") return { name: `微信支付交易账单_ALL_${first}_${last}.csv`, bytes: generateWechatBill({ rows }) };
    const account = "20880" + plan.code.replace(/\D/g, "").padStart(11, "0");
    return {
      name: `${account}_${month.replace("-", "")}_业务明细.csv`,
      bytes: generateAlipayDetail({ rows, account, from: `${first} 00:00:00`, to: `${last} 23:59:59`, exportedAt: `${last} 23:59:59` }),
    };
  });
}

function userNamed(db: Db | Tx, username: string): User {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user) throw new Error(`demo seed: no user ${username}`);
  return user;
}

/** Registers the merchants, campaigns and batches in one write transaction; returns what to import. */
function register(db: Db, rng: Rng) {
  return writeTransaction((tx) => {
    const desk = new Desk(tx);
    const sectorId = new Map(tx.select({ id: sectors.id, code: sectors.code }).from(sectors).all().map((s) => [s.code, s.id]));
    // A county is where its bureau's staff sit.
    const slugArea = (slug: string) => tx.select().from(areas).where(eq(areas.id, userNamed(tx, `${slug}.staff`).areaId)).get()!;
    const actionId = tx.select({ id: actions.id }).from(actions).where(and(eq(actions.number, VOUCHER_ACTION_NUMBER), eq(actions.status, "approved"))).get()?.id;
    if (!actionId) throw new Error("demo seed: the voucher action is not registered");
    const taken = new Set<string>();
    let merchantCount = 0;
    let wechatSerial = 1_600_000_000;
    let alipaySerial = 1;

    const work: Array<{ campaign: CampaignPlan; plan: BatchPlan; by: User; merchants: SeedMerchant[] }> = [];
    for (const campaign of VOUCHER_CAMPAIGNS) {
      const by = userNamed(tx, campaign.by);
      const approver = userNamed(tx, campaign.approver);
      // The merchants, registered by the campaign's staff in their own area.
      const counties = Object.entries(campaign.merchants.counties);
      const merchants: SeedMerchant[] = [];
      for (let i = 0; i < campaign.merchants.count; i++) {
        const area = slugArea(counties[rng.weighted(counties.map(([, w]) => w))]![0]);
        const input = merchantDetailsSchema.parse({
          name: merchantName(rng, campaign.sector, shortName(area.nameZh), taken),
          sectorId: String(sectorId.get(campaign.sector)),
          areaId: String(area.id),
          channel: "wechat",
          channelMerchantId: String(++wechatSerial),
        });
        const merchant = createMerchant(tx, by, input);
        const alipayId = `S${String(alipaySerial++).padStart(6, "0")}`;
        addChannelId(tx, merchant.id, { channel: "alipay", channelMerchantId: alipayId });
        appendAudit(tx, { actor: actorOf(by), action: "merchant.create", entity: "merchant", entityId: merchant.id, after: { ...merchant, wechat: input.channelMerchantId, alipay: alipayId }, outcome: "success", detail: DETAIL });
        // A few merchants take most of the spending, as in every real programme.
        merchants.push({ name: merchant.name, wechatId: input.channelMerchantId!, alipayId, weight: 1 / Math.pow(i + 1, 0.7) });
        merchantCount++;
      }
      const campaignId = desk.register("campaign", by, approver, {
        name: campaign.name,
        code: campaign.code,
        actionId: String(actionId),
        cityFund: yuanText(campaign.funds.city),
        countyFund: yuanText(campaign.funds.county),
        cofund: yuanText(campaign.funds.cofund),
        budgetCap: yuanText(campaign.funds.cap),
        channels: [...new Set(campaign.batches.map((b) => b.channel))],
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
      });
      for (const plan of campaign.batches) {
        desk.register("batch", by, approver, {
          campaignId: String(campaignId),
          code: plan.code,
          channel: plan.channel,
          faceValue: yuanText(plan.face),
          threshold: yuanText(plan.threshold),
          quantityIssued: String(plan.issued),
          quantityClaimed: String(plan.claimed),
          validFrom: plan.validFrom,
          validTo: plan.validTo,
          eligibleSectorIds: [String(sectorId.get(campaign.sector))],
          note: campaign.note,
        });
        work.push({ campaign, plan, by, merchants });
      }
    }
    return { work, merchantCount, campaigns: VOUCHER_CAMPAIGNS.length };
  }, db);
}

/** Seeds the voucher programme into a database holding the demo organisation and registry. */
export async function seedVoucherProgramme(db: Db): Promise<VoucherSeedCounts> {
  const rng = prng(SEED);
  const { work, merchantCount, campaigns } = register(db, rng);
  let imports = 0;
  let rows = 0;
  for (const [serial, { campaign, plan, by, merchants }] of work.entries()) {
    const extra = plan.code === "HZ25-CATER-W1" ? UNREGISTERED : [];
    const orders = batchOrders(rng, plan, merchants, extra, serial + 1);
    // Sales before the vouchers, for the incremental estimate: drawn apart, so the orders above stay as they were.
    for (const file of monthlyFiles(plan, orders, ordersBefore(campaign, plan, merchants, serial + 1))) {
      const outcome = await importStatement(db, { batchCode: plan.code, source: [file.bytes], format: "auto", fileName: file.name, actor: actorOf(by) });
      if (!outcome.ok) throw new Error(`demo seed: ${file.name} refused: ${outcome.reason} ${JSON.stringify(outcome.problems.slice(0, 3))}`);
      imports++;
      rows += outcome.counts.rowsRead;
    }
  }
  // The comparison groups of the incremental estimate, uploaded as baseline files.
  seedComparisonGroups(db, VOUCHER_CAMPAIGNS);
  return { campaigns, batches: work.length, merchants: merchantCount, imports, rows };
}
