// The leverage engine on a known answer: two batches of one campaign, three merchants in
// different sectors and areas (one registered without either), a refund; a second campaign with
// a small cap for the 90 % warning and the over-cap flag; a batch without redemptions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, merchantChannelIds, merchants, sectors, statementImports, type VoucherChannel } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { areaSubtree } from "@/lib/auth/scope";
import { importStatement } from "@/lib/imports/pipeline";
import { batchTotals } from "@/lib/imports/totals";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { registryFixtures } from "@/lib/testing/progress-fixtures";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { BREAKDOWNS, leverageBreakdown, type Breakdown, type LeverageFilter, type LeverageRow } from "./breakdown";
import { budgetUse, copayFen, grossLeverage, redemptionRates } from "./figures";

// ── pure ─────────────────────────────────────────────────────────────────────

test("no subsidy gives no leverage, never Infinity or NaN; co-payment is G − S", () => {
  assert.equal(grossLeverage({ redemptions: 0, subsidyFen: 0, grossFen: 0 }), null);
  assert.equal(grossLeverage({ redemptions: 0, subsidyFen: 0, grossFen: 5_000 }), null);
  assert.equal(grossLeverage({ redemptions: 1, subsidyFen: 2_000, grossFen: 12_000 }), 6);
  assert.equal(copayFen({ redemptions: 1, subsidyFen: 2_000, grossFen: 12_000 }), 10_000);
});

test("budget use warns from 90 % of the cap and flags anything past it", () => {
  assert.deepEqual(budgetUse(17_999, 20_000), { budgetCapFen: 20_000, budgetUsedTenths: 900, warn: false, overCap: false });
  assert.deepEqual(budgetUse(18_000, 20_000), { budgetCapFen: 20_000, budgetUsedTenths: 900, warn: true, overCap: false });
  assert.deepEqual(budgetUse(20_000, 20_000), { budgetCapFen: 20_000, budgetUsedTenths: 1000, warn: true, overCap: false });
  assert.deepEqual(budgetUse(20_001, 20_000), { budgetCapFen: 20_000, budgetUsedTenths: 1000, warn: true, overCap: true });
  assert.deepEqual(budgetUse(0, 0), { budgetCapFen: 0, budgetUsedTenths: null, warn: false, overCap: false });
  assert.deepEqual(budgetUse(1, 0), { budgetCapFen: 0, budgetUsedTenths: null, warn: true, overCap: true });
});

test("redemption rates over claimed and issued, in tenths of a percent; none without a denominator", () => {
  assert.deepEqual(redemptionRates(3, 400, 1_000), { ofClaimed: 8, ofIssued: 3 });
  assert.deepEqual(redemptionRates(3, null, 1_000), { ofClaimed: null, ofIssued: 3 });
  assert.deepEqual(redemptionRates(0, 0, 0), { ofClaimed: null, ofIssued: null });
});

// ── database ─────────────────────────────────────────────────────────────────

const db: Db = await seededTestDb();
const f = registryFixtures(db);
const { campaignId, batchId: batchA } = approvedVoucherBatch(db, "HZ-LEV-A");
const actionId = Number((db.$client.prepare("select action_id from campaigns where id = ?").get(campaignId) as { action_id: number }).action_id);
const batchB = f.make("batch", {
  campaignId: String(campaignId), code: "HZ-LEV-B", channel: "wechat", faceValue: "50", threshold: "200",
  quantityIssued: "1000", quantityClaimed: "400", validFrom: "2025-06-01", validTo: "2025-06-30",
});
// A small campaign under the same action: cap 200 yuan.
const smallCampaign = f.make("campaign", {
  name: "小额消费券", code: "HZ-LEV-SMALL", actionId: String(actionId), cityFund: "200", countyFund: "0", cofund: "0", budgetCap: "200",
  channels: ["wechat"], startsOn: "2025-05-01", endsOn: "2025-07-31",
});
const batchC = f.make("batch", { campaignId: String(smallCampaign), code: "HZ-LEV-C", channel: "wechat", faceValue: "10", threshold: "", quantityIssued: "100", validFrom: "2025-06-01", validTo: "2025-06-30" });
const batchEmpty = f.make("batch", { campaignId: String(smallCampaign), code: "HZ-LEV-D", channel: "wechat", faceValue: "10", threshold: "", quantityIssued: "50", validFrom: "2025-06-01", validTo: "2025-06-30" });

const order = (id: string, merchantId: string, day: string, orderFen: number, voucherFen: number, over: Partial<StatementOrder> = {}): StatementOrder => ({
  orderId: `42000${id}`, merchantId, merchantName: `商户${merchantId.slice(-3)}`, payer: `oUpF8${id}`, time: `${day} 12:00:00`, orderFen, voucherFen, ...over,
});
async function load(batchCode: string, rows: StatementOrder[], billType?: "REFUND") {
  const outcome = await importStatement(db, { batchCode, source: [generateWechatBill({ rows, billType })], fileName: `${batchCode}.csv`, actor: SYSTEM_ACTOR });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.problems));
  return outcome;
}

// Batch A: M1 (catering, 牡丹区) one order kept and one refunded in full; M2 (apparel, a zone under 曹县) one order and a plain sale.
await load("HZ-LEV-A", [
  order("0001", "1900000301", "2025-06-01", 12_000, 2_000),
  order("0002", "1900000301", "2025-06-01", 30_000, 2_000),
  order("0003", "1900000302", "2025-06-02", 15_000, 2_000),
  order("0004", "1900000302", "2025-06-02", 5_000, 0),
]);
await load("HZ-LEV-A", [order("0002", "1900000301", "2025-06-01", 30_000, 2_000, { refund: {} })], "REFUND");
// Batch B: M1, M2 and M3 (registered from the statement, no sector or area).
await load("HZ-LEV-B", [
  order("0011", "1900000301", "2025-06-02", 40_000, 5_000),
  order("0012", "1900000302", "2025-06-03", 25_000, 5_000),
  order("0013", "1900000303", "2025-06-03", 20_000, 5_000),
]);

const merchantId = (channelId: string) => db.select().from(merchantChannelIds).where(eq(merchantChannelIds.channelMerchantId, channelId)).get()!.merchantId;
const [m1, m2, m3] = ["1900000301", "1900000302", "1900000303"].map(merchantId) as [number, number, number];
const area = (code: string) => db.select().from(areas).where(eq(areas.code, code)).get()!;
const sector = (code: string) => db.select().from(sectors).where(eq(sectors.code, code)).get()!;
const mudan = area("371702");
const caoxian = area("371721");
const zone = db.insert(areas).values({ nameZh: "曹县经济开发区", nameEn: "Caoxian Economic Development Zone", level: "zone", parentId: caoxian.id }).returning().get();
db.update(merchants).set({ sectorId: sector("catering").id, areaId: mudan.id }).where(eq(merchants.id, m1)).run();
db.update(merchants).set({ sectorId: sector("apparel").id, areaId: zone.id }).where(eq(merchants.id, m2)).run();

const pick = (rows: LeverageRow[]) => rows.map((r) => [r.label, r.redemptions, r.subsidyFen, r.grossFen]);
const sum = (rows: LeverageRow[]) => ({
  redemptions: rows.reduce((n, r) => n + r.redemptions, 0),
  subsidyFen: rows.reduce((n, r) => n + r.subsidyFen, 0),
  grossFen: rows.reduce((n, r) => n + r.grossFen, 0),
});
const campaignOne = { campaignId };

test("by batch: the known answer, the floor's terms, issue figures and redemption rates", () => {
  const rows = leverageBreakdown(db, { by: "batch", filter: campaignOne });
  assert.deepEqual(pick(rows), [
    ["HZ-LEV-A", 2, 4_000, 27_000],
    ["HZ-LEV-B", 3, 15_000, 85_000],
  ]);
  const [a, b] = rows as [LeverageRow, LeverageRow];
  assert.equal(a.id, batchA);
  assert.equal(b.id, batchB);
  assert.deepEqual(a.batch, { code: "HZ-LEV-A", campaignId, campaignName: "餐饮消费券", channel: "wechat", faceValueFen: 2_000, thresholdFen: 10_000 });
  assert.equal(a.copayFen, 23_000);
  assert.equal(a.leverage, 27_000 / 4_000);
  assert.deepEqual([a.issued, a.claimed, a.redemptionRate], [5_000, null, { ofClaimed: null, ofIssued: 0 }]);
  assert.deepEqual([b.issued, b.claimed, b.redemptionRate], [1_000, 400, { ofClaimed: 8, ofIssued: 3 }]);
  assert.equal(b.merchants, 3);
  assert.equal(a.budget, null, "the cap belongs to the campaign");
});

test("every breakdown's sums equal the kept batch totals", () => {
  const campaignTotals = [batchA, batchB].map((id) => batchTotals(db, id));
  const expected = {
    redemptions: campaignTotals.reduce((n, t) => n + t.redemptions, 0),
    subsidyFen: campaignTotals.reduce((n, t) => n + t.subsidyFen, 0),
    grossFen: campaignTotals.reduce((n, t) => n + t.grossFen, 0),
  };
  assert.deepEqual(expected, { redemptions: 5, subsidyFen: 19_000, grossFen: 112_000 });
  const everything = [batchA, batchB, batchC, batchEmpty].map((id) => batchTotals(db, id));
  for (const by of BREAKDOWNS) {
    assert.deepEqual(sum(leverageBreakdown(db, { by, filter: campaignOne })), expected, by);
    assert.deepEqual(
      sum(leverageBreakdown(db, { by })),
      {
        redemptions: everything.reduce((n, t) => n + t.redemptions, 0),
        subsidyFen: everything.reduce((n, t) => n + t.subsidyFen, 0),
        grossFen: everything.reduce((n, t) => n + t.grossFen, 0),
      },
      `${by}, unfiltered`,
    );
  }
});

test("by merchant (largest spending first, with a limit), day, sector and area", () => {
  assert.deepEqual(pick(leverageBreakdown(db, { by: "merchant", filter: campaignOne })), [
    ["1900000301", 2, 7_000, 52_000],
    ["1900000302", 2, 7_000, 40_000],
    ["1900000303", 1, 5_000, 20_000],
  ]);
  assert.deepEqual(leverageBreakdown(db, { by: "merchant", filter: campaignOne }).map((r) => r.id), [m1, m2, m3]);
  const top = leverageBreakdown(db, { by: "merchant", filter: campaignOne, limit: 1 });
  assert.deepEqual(top.map((r) => r.id), [m1]);
  assert.equal(top[0]!.issued, null, "vouchers are issued per batch, not per merchant");
  assert.deepEqual(pick(leverageBreakdown(db, { by: "day", filter: campaignOne })), [
    ["2025-06-01", 1, 2_000, 12_000],
    ["2025-06-02", 2, 7_000, 55_000],
    ["2025-06-03", 2, 10_000, 45_000],
  ]);
  const bySector = leverageBreakdown(db, { by: "sector", filter: campaignOne });
  assert.deepEqual(pick(bySector), [
    ["服装鞋帽针纺织品类", 2, 7_000, 40_000],
    ["餐饮", 2, 7_000, 52_000],
    ["", 1, 5_000, 20_000],
  ]);
  assert.equal(bySector.at(-1)!.id, null, "a merchant without a sector is one unassigned row, last");
  // The zone under 曹县 rolls up to 曹县; the English names come with locale "en".
  const byArea = leverageBreakdown(db, { by: "area", filter: campaignOne, locale: "en" });
  assert.deepEqual(pick(byArea), [
    ["Mudan District", 2, 7_000, 52_000],
    ["Cao County", 2, 7_000, 40_000],
    ["", 1, 5_000, 20_000],
  ]);
  assert.deepEqual(byArea.map((r) => r.id), [mudan.id, caoxian.id, null]);
});

test("filters: a county's merchants, one merchant, a day range, one batch", () => {
  const caoSubtree = [caoxian.id, zone.id];
  assert.deepEqual(pick(leverageBreakdown(db, { by: "campaign", filter: { ...campaignOne, areaIds: caoSubtree } })), [["餐饮消费券", 2, 7_000, 40_000]]);
  const merchantRows = leverageBreakdown(db, { by: "batch", filter: { merchantId: m1 } });
  assert.deepEqual(pick(merchantRows), [
    ["HZ-LEV-A", 1, 2_000, 12_000],
    ["HZ-LEV-B", 1, 5_000, 40_000],
  ]);
  assert.equal(merchantRows[0]!.issued, null, "a merchant's share of a batch has no issue figures");
  assert.deepEqual(pick(leverageBreakdown(db, { by: "channel", filter: { ...campaignOne, from: "2025-06-02", to: "2025-06-02" } })), [["wechat", 2, 7_000, 55_000]]);
  assert.deepEqual(pick(leverageBreakdown(db, { by: "merchant", filter: { batchId: batchA } })), [
    ["1900000302", 1, 2_000, 15_000],
    ["1900000301", 1, 2_000, 12_000],
  ]);
});

test("sector and channel filters: a sector's merchants, merchants without a sector, one channel", () => {
  assert.deepEqual(pick(leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, sectorId: sector("catering").id } })), [
    ["HZ-LEV-A", 1, 2_000, 12_000],
    ["HZ-LEV-B", 1, 5_000, 40_000],
  ]);
  const unassigned = leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, sectorId: null } });
  assert.deepEqual(pick(unassigned), [["HZ-LEV-B", 1, 5_000, 20_000]], "only batch B reached the merchant without a sector");
  assert.equal(unassigned[0]!.issued, null, "a sector's share of a batch has no issue figures");
  const wechat = leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, channel: "wechat" } });
  assert.deepEqual(pick(wechat), [
    ["HZ-LEV-A", 2, 4_000, 27_000],
    ["HZ-LEV-B", 3, 15_000, 85_000],
  ]);
  assert.equal(wechat[1]!.issued, 1_000, "a channel is whole batches: their issue figures stand");
  assert.deepEqual(leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, channel: "alipay" } }), []);
  assert.equal(leverageBreakdown(db, { by: "campaign", filter: { ...campaignOne, channel: "wechat" } })[0]!.budget, null, "a channel's part of a campaign says nothing of its cap");
});

test("every row drilled down: the breakdown below with the row as its filter sums to the row, to the fen", () => {
  const sums = (r: LeverageRow) => ({ redemptions: r.redemptions, subsidyFen: r.subsidyFen, grossFen: r.grossFen });
  // Each dimension's rows, the row's own filter, and the breakdowns that lie below it.
  const drills: Array<{ by: Breakdown; filterOf: (r: LeverageRow) => LeverageFilter }> = [
    { by: "sector", filterOf: (r) => ({ sectorId: r.id }) },
    { by: "channel", filterOf: (r) => ({ channel: r.key as VoucherChannel }) },
    { by: "merchant", filterOf: (r) => ({ merchantId: r.id! }) },
    { by: "area", filterOf: (r) => ({ areaIds: areaSubtree(db, r.id!) }) },
    { by: "action", filterOf: (r) => ({ actionId: r.id! }) },
    { by: "campaign", filterOf: (r) => ({ campaignId: r.id! }) },
    { by: "batch", filterOf: (r) => ({ batchId: r.id! }) },
  ];
  const periods = [{}, { from: "2025-06-02", to: "2025-06-03" }];
  let checked = 0;
  for (const period of periods) {
    for (const { by, filterOf } of drills) {
      for (const row of leverageBreakdown(db, { by, filter: period })) {
        // The area breakdown's unassigned row (merchants without an area) is no filter.
        if (by === "area" && row.id === null) continue;
        for (const below of BREAKDOWNS) {
          const rows = leverageBreakdown(db, { by: below, filter: { ...period, ...filterOf(row) } });
          assert.deepEqual(sum(rows), sums(row), `${by} ${row.label} → ${below} ${JSON.stringify(period)}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 100, String(checked));
  // The known answer of one drill: catering's row is its campaign's row with sector = catering.
  const catering = leverageBreakdown(db, { by: "sector", filter: campaignOne }).find((r) => r.id === sector("catering").id)!;
  assert.deepEqual(pick(leverageBreakdown(db, { by: "campaign", filter: { ...campaignOne, sectorId: catering.id } })), [["餐饮消费券", 2, 7_000, 52_000]]);
  assert.deepEqual(sums(catering), { redemptions: 2, subsidyFen: 7_000, grossFen: 52_000 });
});

test("a campaign's budget: warned at 90 % of the cap, flagged past it, and the import that passed it is flagged", async () => {
  const small = { campaignId: smallCampaign };
  const row = () => leverageBreakdown(db, { by: "campaign", filter: small })[0]!;
  // 18 vouchers of 10 yuan against a cap of 200 yuan: exactly 90 %.
  await load("HZ-LEV-C", Array.from({ length: 18 }, (_, i) => order(`1${String(i).padStart(3, "0")}`, "1900000301", "2025-06-04", 5_000, 1_000)));
  assert.deepEqual(row().budget, { budgetCapFen: 20_000, budgetUsedTenths: 900, warn: true, overCap: false });
  assert.equal(row().overCapImports, 0);
  const passing = await load("HZ-LEV-C", Array.from({ length: 3 }, (_, i) => order(`2${String(i).padStart(3, "0")}`, "1900000301", "2025-06-05", 5_000, 1_000)));
  assert.ok(passing.ok && passing.overCap);
  assert.equal(db.select().from(statementImports).where(eq(statementImports.id, passing.importId!)).get()!.overCap, true);
  assert.deepEqual(row().budget, { budgetCapFen: 20_000, budgetUsedTenths: 1050, warn: true, overCap: true });
  assert.equal(row().overCapImports, 1);
  // The first campaign is far from its cap of 100,000 yuan.
  assert.deepEqual(leverageBreakdown(db, { by: "campaign", filter: campaignOne })[0]!.budget, { budgetCapFen: 10_000_000, budgetUsedTenths: 2, warn: false, overCap: false });
  // An action's budget is its campaigns' caps together.
  const action = leverageBreakdown(db, { by: "action", filter: { actionId } })[0]!;
  assert.equal(action.budget!.budgetCapFen, 10_020_000);
  assert.equal(action.subsidyFen, 19_000 + 21_000);
  // Narrowed to a batch, the campaign's cap says nothing.
  assert.equal(leverageBreakdown(db, { by: "campaign", filter: { batchId: batchC } })[0]!.budget, null);
});

test("a batch without redemptions is a row of zeros with no leverage", () => {
  const rows = leverageBreakdown(db, { by: "batch", filter: { campaignId: smallCampaign } });
  const empty = rows.find((r) => r.id === batchEmpty)!;
  assert.deepEqual([empty.redemptions, empty.subsidyFen, empty.grossFen, empty.copayFen, empty.leverage, empty.issued], [0, 0, 0, 0, null, 50]);
});

test("approved only by default; the reader's scope applies to batches", () => {
  const draft = f.make("batch", { campaignId: String(campaignId), code: "HZ-LEV-DRAFT", channel: "wechat", faceValue: "5", threshold: "", quantityIssued: "10", validFrom: "2025-06-01", validTo: "2025-06-30" }, "draft");
  assert.ok(!leverageBreakdown(db, { by: "batch", filter: campaignOne }).some((r) => r.id === draft));
  assert.ok(leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, status: "any" } }).some((r) => r.id === draft));
  // The batches belong to the city: a county's reader sees none of them.
  assert.deepEqual(leverageBreakdown(db, { by: "batch", filter: { ...campaignOne, scope: { areaIds: [caoxian.id] } } }), []);
});

test("the engine reads the kept totals, never the redemption rows", () => {
  const client = db.$client;
  const prepare = client.prepare;
  const seen: string[] = [];
  client.prepare = function (this: typeof client, source: string) {
    seen.push(source);
    return prepare.call(this, source);
  } as typeof client.prepare;
  try {
    for (const by of BREAKDOWNS) {
      leverageBreakdown(db, { by });
      // Every filter the reports pass, at once and each sector kind.
      for (const sectorId of [sector("catering").id, null]) {
        leverageBreakdown(db, { by, filter: { actionId, campaignId, batchId: batchA, merchantId: m1, areaIds: [mudan.id], sectorId, channel: "wechat", from: "2025-06-01", to: "2025-06-30", scope: { areaIds: [caoxian.id], departmentId: 1 } } });
      }
    }
  } finally {
    client.prepare = prepare;
  }
  assert.ok(seen.length > 0);
  for (const source of seen) assert.doesNotMatch(source, /\bredemptions\s+(r|as|where|join)\b|from\s+redemptions\b|redemption_refunds/i, source);
});

test("the engine runs inside a transaction as on the connection", () => {
  const outside = leverageBreakdown(db, { by: "day", filter: campaignOne });
  const inside = db.transaction((tx) => leverageBreakdown(tx, { by: "day", filter: campaignOne }));
  assert.deepEqual(inside, outside);
});

test("a period lists the batches that could be or were redeemed in it, not those of another year", () => {
  const in2025 = leverageBreakdown(db, { by: "batch", filter: { from: "2025-06-01", to: "2025-06-30" } }).map((r) => r.code);
  assert.ok(in2025.includes("HZ-LEV-D"), "valid in June 2025, nothing redeemed: listed with its issue");
  const in2024 = leverageBreakdown(db, { by: "batch", filter: { from: "2024-01-01", to: "2024-12-31" } });
  assert.deepEqual(in2024, []);
});
