import { test } from "node:test";
import assert from "node:assert/strict";
import { seedDemo } from "@/db/seed/demo";
import { testDb } from "@/lib/testing/db";
import { formatYuan } from "@/lib/money/fen";
import { headlineAmount, scaledAmount, tableAmount } from "./format";
import { fillMonths, publicSummary, safeLink } from "./summary";

const db = testDb();
await seedDemo(db);
const TODAY = "2026-11-28";
const zh = publicSummary(db, "zh-CN", { today: TODAY });
const en = publicSummary(db, "en", { today: TODAY });

test("with the demo seed the summary tells the seed's story, computed from the data", () => {
  const { headline } = zh;
  assert.equal(formatYuan(headline.vouchers.subsidyFen), "2,830,000.00");
  assert.equal(formatYuan(headline.vouchers.grossFen), "215,238,000.00");
  assert.equal(headline.vouchers.grossLeverage, "1 : 76");
  assert.equal(headline.packages, 327);
  assert.equal(headline.events, 398);
  assert.deepEqual(
    { value: headline.retailSales?.valueFen, yoy: headline.retailSales?.yoyTenths, rank: `${headline.retailSales?.rank}/${headline.retailSales?.rankOf}`, period: `${headline.retailSales?.year}-1–${headline.retailSales?.month}` },
    { value: 12_549_000_000_000, yoy: 76, rank: "1/16", period: "2025-1–6" },
  );
  assert.deepEqual(
    { value: headline.onlineRetailSales?.valueFen, yoy: headline.onlineRetailSales?.yoyTenths, rank: `${headline.onlineRetailSales?.rank}/${headline.onlineRetailSales?.rankOf}` },
    { value: 1_514_000_000_000, yoy: 91, rank: "5/16" },
  );
  assert.equal(headline.city?.code, "371700");
});

test("the parts add up: counties and months sum to the headline; the incremental estimates are the engine's, each far below its campaign's gross", () => {
  const { vouchers, incremental } = zh.headline;
  const sum = (rows: ReadonlyArray<{ subsidyFen: number; grossFen: number }>) => rows.reduce((t, r) => [t[0]! + r.subsidyFen, t[1]! + r.grossFen], [0, 0]);
  assert.deepEqual(sum(zh.counties), [vouchers.subsidyFen, vouchers.grossFen]);
  assert.deepEqual(sum(zh.trend), [vouchers.subsidyFen, vouchers.grossFen]);
  assert.deepEqual(zh.trend.map((m) => m.month), ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]);
  // The demo plants estimates for two campaigns only; the others say what is missing and give no number.
  assert.deepEqual(incremental.map((e) => e.campaignCode), ["HZ2025-CATER", "HZ2025-RETAIL"]);
  for (const e of incremental) {
    assert.ok(e.incrementalLowFen <= e.incrementalFen && e.incrementalFen <= e.incrementalHighFen, e.campaignCode);
    assert.ok(e.incrementalHighFen < e.grossFen, e.campaignCode);
  }
  assert.equal(zh.actions.length, 10);
  assert.ok(zh.carriers.total > 0);
  assert.equal(zh.carriers.rows.reduce((t, r) => t + r.total, 0), zh.carriers.total);
  assert.ok(zh.policies.length > 0 && zh.policies[0]!.kind === "master");
  // The demo's events are of 2025: none upcoming on the day asked for, the latest ones recent.
  assert.equal(zh.events.upcoming.length, 0);
  assert.ok(zh.events.recent.length > 0 && zh.events.recent.every((e) => e.startsOn <= TODAY));
});

test("it holds no user names, payer ids or phone numbers, and is plain data (what JSON keeps)", () => {
  for (const summary of [zh, en]) {
    const text = JSON.stringify(summary);
    assert.deepEqual(JSON.parse(text), summary);
    const people = db.$client.prepare("select username, display_name as displayName from users").all() as Array<{ username: string; displayName: string }>;
    assert.ok(people.length >= 16);
    for (const p of people) {
      assert.ok(!text.includes(`"${p.username}"`), p.username);
      assert.ok(!text.includes(p.displayName), p.displayName);
    }
    const payers = db.$client.prepare("select distinct payer from redemptions where payer is not null").pluck().all() as string[];
    assert.ok(payers.length > 100);
    for (const payer of payers) assert.ok(!text.includes(payer), payer);
    // A mobile number in any text (amounts in fen are numbers and may look like one).
    for (const value of strings(summary)) assert.doesNotMatch(value, /(?<!\d)1[3-9]\d{9}(?!\d)/, "a mobile number");
    assert.doesNotMatch(text, /createdBy|importedBy|decidedBy|payer|merchantId|operator/i);
  }
});

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

test("names follow the language; figures do not", () => {
  assert.equal(en.headline.city?.name, "Heze City");
  assert.deepEqual(en.headline.vouchers, zh.headline.vouchers);
  assert.deepEqual(
    en.counties.map((c) => c.grossFen),
    zh.counties.map((c) => c.grossFen),
  );
  assert.notEqual(en.actions[0]!.title, zh.actions[0]!.title);
});

test("computed once per data version: the same frozen object until a figure changes", () => {
  assert.equal(publicSummary(db, "zh-CN", { today: TODAY }), zh);
  assert.ok(Object.isFrozen(zh.headline.vouchers));
  db.$client.prepare("update packages set status = 'draft' where id = (select min(id) from packages where status = 'approved')").run();
  const after = publicSummary(db, "zh-CN", { today: TODAY });
  assert.notEqual(after, zh);
  assert.equal(after.headline.packages, 326);
});

test("months without redemptions stay on the axis as zeros", () => {
  const row = (month: string, grossFen: number) => ({ month, redemptions: 1, subsidyFen: 1, grossFen });
  assert.deepEqual(
    fillMonths([row("2025-12", 5), row("2025-10", 2)]).map((m) => [m.month, m.grossFen]),
    [
      ["2025-10", 2],
      ["2025-11", 0],
      ["2025-12", 5],
    ],
  );
  assert.deepEqual(fillMonths([]), []);
});

test("a policy's link is shown only when it is a web address", () => {
  assert.equal(safeLink("https://www.heze.gov.cn/art/2025/1/10/art_1.html"), "https://www.heze.gov.cn/art/2025/1/10/art_1.html");
  assert.equal(safeLink("javascript:alert(1)"), null);
  assert.equal(safeLink("not a url"), null);
  assert.equal(safeLink(null), null);
});

test("amounts as the press writes them: 亿元 and 万元 in Chinese, billions and millions in English", () => {
  assert.deepEqual(headlineAmount(21_523_800_000, "zh-CN"), { amount: "2.15", unit: "large" });
  assert.deepEqual(headlineAmount(283_000_000, "zh-CN"), { amount: "283.00", unit: "small" });
  assert.deepEqual(headlineAmount(12_549_000_000_000, "zh-CN"), { amount: "1,254.90", unit: "large" });
  assert.deepEqual(headlineAmount(12_549_000_000_000, "en"), { amount: "125.49", unit: "large" });
  assert.deepEqual(headlineAmount(283_000_000, "en"), { amount: "2.83", unit: "small" });
  assert.equal(tableAmount(62_353_000, "zh-CN"), "62.35");
  assert.equal(tableAmount(4_187_390_996, "zh-CN"), "4,187.39");
  assert.equal(scaledAmount(5_000, 1_000_000n), "0.01");
  assert.equal(scaledAmount(4_999, 1_000_000n), "0.00");
});
