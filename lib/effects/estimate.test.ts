// The incremental estimate end to end on constructed data with a known answer: statements
// imported through the statement import, the comparison group through the baseline upload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import { sectors } from "@/db/schema";
import { importStatement } from "@/lib/imports/pipeline";
import { merchantDetailsSchema } from "@/lib/merchants/schema";
import { createMerchant } from "@/lib/merchants/service";
import { toCsv } from "@/lib/csv/csv";
import { fenToYuanText } from "@/lib/money/fen";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import { generateWechatBill, seededRandom, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea, demoUser } from "@/lib/testing/demo";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { eq } from "drizzle-orm";
import { uploadBaseline } from "./baseline";
import { baselineHeader } from "./baseline-csv";
import { addDays, incrementalEstimate } from "./estimate";
import { shortfallText, type EffectsTranslator } from "./shortfall-text";

// The batch of approvedVoucherBatch is valid 2025-06-01 … 06-30 (30 days); 30 days before it.
const DURING_FROM = "2025-06-01";
const DAYS = 30;
const MERCHANTS = 24;

interface Scenario {
  /** Extra sales per merchant per day while the vouchers could be used, in fen. */
  effectFen: number;
  /** Common growth of everyone's sales, in fen per merchant per day. */
  trendFen: number;
  daysBefore?: number;
  comparison?: boolean;
  seed: number;
}

/** A database with one campaign, its merchants' statement and (optionally) a comparison group, made through the real paths. */
async function scenario({ effectFen, trendFen, daysBefore = DAYS, comparison = true, seed }: Scenario): Promise<{ db: Db; campaignId: number }> {
  const db = await seededTestDb();
  const { campaignId } = approvedVoucherBatch(db);
  const staff = demoUser(db, "staff");
  const area = demoArea(db, "Mudan District");
  const catering = db.select().from(sectors).where(eq(sectors.code, "catering")).get()!;
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const level = () => 30_000 * Math.exp(0.4 * normal() - 0.08);

  const ids = writeTransaction(
    (tx) =>
      Array.from({ length: MERCHANTS }, (_, i) => {
        const input = merchantDetailsSchema.parse({ name: `试验餐馆${i + 1}`, sectorId: String(catering.id), areaId: String(area.id), channel: "wechat", channelMerchantId: String(1_700_000_000 + i) });
        createMerchant(tx, staff, input);
        return input.channelMerchantId!;
      }),
    db,
  );
  const orders: StatementOrder[] = [];
  ids.forEach((merchantId, i) => {
    const own = level();
    for (let d = -daysBefore; d < DAYS; d++) {
      const during = d >= 0;
      const orderFen = Math.max(0, Math.round(own + (during ? trendFen + effectFen : 0) + 4_000 * normal()));
      const day = addDays(DURING_FROM, d);
      orders.push({
        orderId: `4200${String(i).padStart(3, "0")}${day.replaceAll("-", "")}`,
        merchantId,
        merchantName: `试验餐馆${i + 1}`,
        payer: `oUpF8uMuAJO_test${i}`,
        time: `${day} 12:00:00`,
        orderFen,
        // During the vouchers an order of at least 100 yuan uses one (满100减20); before, none does.
        voucherFen: during && orderFen >= 10_000 ? 2_000 : 0,
      });
    }
  });
  orders.sort((a, b) => (a.time < b.time ? -1 : 1));
  const outcome = await importStatement(db, { batchCode: "HZ-CATER-W1", source: [generateWechatBill({ rows: orders })], fileName: "bill.csv", actor: { id: staff.id, name: staff.username } });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.problems.slice(0, 3)));

  if (comparison) {
    const lines = [baselineHeader()];
    for (let k = 0; k < MERCHANTS; k++) {
      const own = level();
      for (let d = -daysBefore; d < DAYS; d++) {
        const fen = Math.max(0, Math.round(own + (d >= 0 ? trendFen : 0) + 4_000 * normal()));
        lines.push([`对照餐馆${k + 1}`, "371702", "餐饮", addDays(DURING_FROM, d), fenToYuanText(fen), "未参与活动的餐饮商户"]);
      }
    }
    const text = toCsv(lines);
    const manager = demoUser(db, "manager");
    const uploaded = uploadBaseline(db, { text, fileName: "baseline.csv", fileBytes: text.length, user: manager, actor: { id: manager.id, name: manager.username } });
    assert.ok(uploaded.ok, JSON.stringify(!uploaded.ok && uploaded.problems.slice(0, 3)));
  }
  return { db, campaignId };
}

test("a planted effect of 60 yuan per merchant-day over a common trend is recovered within its interval, which excludes zero", async () => {
  const { db, campaignId } = await scenario({ effectFen: 6_000, trendFen: 2_500, seed: 11 });
  const estimate = incrementalEstimate(db, { campaignId })!;
  assert.ok(estimate.result.ok, JSON.stringify(estimate.result));
  const r = estimate.result;
  assert.ok(r.lowFen <= 6_000 && 6_000 <= r.highFen, `[${r.lowFen}, ${r.highFen}] covers 6000`);
  assert.ok(r.lowFen > 0, "the interval excludes zero");
  // The trend is taken out: the treated changed by trend + effect, the comparison by the trend.
  assert.ok(Math.abs(r.comparisonChangeFen - 2_500) < 1_500, `comparison change ${r.comparisonChangeFen}`);
  assert.deepEqual(estimate.before, { from: "2025-05-02", to: "2025-05-31", days: 30 });
  assert.deepEqual(estimate.during, { from: "2025-06-01", to: "2025-06-30", days: 30 });
  assert.deepEqual(estimate.treated, { participating: MERCHANTS, withSalesBefore: MERCHANTS });
  assert.equal(estimate.comparison.series, MERCHANTS);
  assert.deepEqual(estimate.comparison.groups, ["未参与活动的餐饮商户"]);
  assert.deepEqual(estimate.comparison.uploads.map((u) => u.fileName), ["baseline.csv"]);
  // Incremental spending = per merchant-day × merchants × days, the interval alike; never the gross figure.
  assert.equal(r.incrementalFen, r.perMerchantDayFen * MERCHANTS * DAYS);
  assert.equal(r.incrementalLowFen, r.lowFen * MERCHANTS * DAYS);
  assert.ok(estimate.grossFen > r.incrementalFen, "gross is far above the increment");
  // The same data give the same estimate (seeded bootstrap).
  assert.deepEqual(incrementalEstimate(db, { campaignId })!.result, r);
});

test("without an effect the interval covers zero, however large the common trend", async () => {
  const { db, campaignId } = await scenario({ effectFen: 0, trendFen: 8_000, seed: 12 });
  const r = incrementalEstimate(db, { campaignId })!.result;
  assert.ok(r.ok, JSON.stringify(r));
  assert.ok(r.lowFen <= 0 && 0 <= r.highFen, `[${r.lowFen}, ${r.highFen}] covers 0`);
});

/** The `effects` messages with their {placeholders} filled (they use no plural or select forms). */
function translator(messages: typeof zhCN): EffectsTranslator {
  return (key, values = {}) => {
    const text = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages.effects);
    assert.equal(typeof text, "string", `message effects.${key}`);
    return (text as string).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  };
}
const translators = { "zh-CN": translator(zhCN), en: translator(en) };

test("no sales before the campaign and no comparison group: no number, the shortfall in words", async () => {
  const { db, campaignId } = await scenario({ effectFen: 6_000, trendFen: 0, daysBefore: 0, comparison: false, seed: 13 });
  const estimate = incrementalEstimate(db, { campaignId })!;
  assert.deepEqual(estimate.result, {
    ok: false,
    shortfalls: [
      { reason: "noSalesBefore", participating: MERCHANTS },
      { reason: "noComparison", sectors: ["餐饮"], area: null },
    ],
  });
  assert.equal(estimate.before, null);
  assert.ok(!estimate.result.ok);
  const zh = estimate.result.shortfalls.map((s) => shortfallText(translators["zh-CN"], s, "zh-CN"));
  assert.match(zh[0]!, /对账单中没有这些商户（24 家）在用券前的销售/);
  assert.match(zh[1]!, /没有上传餐饮的对照组销售数据/);
  const english = incrementalEstimate(db, { campaignId, locale: "en" })!;
  assert.ok(!english.result.ok);
  const words = english.result.shortfalls.map((s) => shortfallText(translators.en, s, "en"));
  assert.match(words[0]!, /statements hold no sales before the campaign for these merchants \(24\)/);
  assert.match(words[1]!, /No comparison group uploaded for Catering/);
});

test("too few days before the vouchers, or a comparison group elsewhere: the shortfall says which", async () => {
  const { db, campaignId } = await scenario({ effectFen: 6_000, trendFen: 0, daysBefore: 4, seed: 14 });
  const estimate = incrementalEstimate(db, { campaignId })!;
  assert.deepEqual(estimate.result, { ok: false, shortfalls: [{ reason: "fewDaysBefore", days: 4, min: 7 }] });
  assert.equal(shortfallText(translators["zh-CN"], { reason: "fewDaysBefore", days: 4, min: 7 }, "zh-CN"), "用券前只有 4 天的数据，至少需要 7 天。");
  // Narrowed to 曹县, where neither the merchants nor the comparison group are.
  const caoxian = demoArea(db, "Cao County");
  const narrowed = incrementalEstimate(db, { campaignId, areaId: caoxian.id })!;
  assert.ok(!narrowed.result.ok);
  assert.deepEqual(
    narrowed.result.shortfalls.map((s) => s.reason),
    ["noSalesBefore", "noComparison"],
  );
  assert.equal(shortfallText(translators["zh-CN"], narrowed.result.shortfalls[1]!, "zh-CN"), "没有上传曹县餐饮的对照组销售数据（未参与商户或同行业销售），或上传的数据不覆盖用券前和用券期间。");
});
