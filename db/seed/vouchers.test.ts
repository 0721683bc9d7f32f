import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyAuditChain } from "@/lib/audit/log";
import { checkTotals } from "@/lib/imports/totals";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { testDb } from "@/lib/testing/db";
import { prng } from "./registry-data";
import { seedDemo } from "./demo";
import { orderAmounts } from "./vouchers";

const db = testDb();
const counts = await seedDemo(db);
const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;

test("the voucher programme comes out of its imported rows as the city published it: 2.83 million yuan, over 215 million, 1 : 76", () => {
  assert.deepEqual({ ...counts.vouchers, rows: undefined }, { campaigns: 5, batches: 8, merchants: 310, imports: 26, rows: undefined });
  const city = one<{ s: number; g: number; n: number }>(`select sum(subsidy_fen) as s, sum(gross_fen) as g, sum(redemptions) as n from redemption_totals`);
  assert.equal(city.s, 283_000_000);
  assert.ok(city.g > 21_500_000_000 && city.g < 21_600_000_000, `gross ${city.g}`);
  assert.equal(formatLeverage(city.g, city.s), "1 : 76");
  // And from the rows themselves, not only the kept totals.
  const rows = one<{ s: number }>(
    `select sum(r.voucher_fen) - coalesce((select sum(f.refund_voucher_fen) from redemption_refunds f), 0) as s from redemptions r where r.voucher_fen > 0`,
  );
  assert.equal(rows.s, city.s);
  assert.deepEqual(checkTotals(db), []);
});

test("every statement went through the import: recorded with its hash, reconciled, audited under the staff who registered the batch", () => {
  const imports = db.$client.prepare(`select i.*, u.username from statement_imports i join users u on u.id = i.imported_by`).all() as Array<Record<string, unknown>>;
  assert.equal(imports.length, 26);
  for (const i of imports) {
    assert.match(String(i.file_sha256), /^[0-9a-f]{64}$/);
    assert.equal(i.status, "active");
    assert.equal(i.over_cap, 0);
    assert.equal(Number(i.rows_read), Number(i.inserted) + Number(i.duplicates) + Number(i.refunds) + Number(i.revoked) + Number(i.non_voucher) + Number(i.rejected));
  }
  assert.deepEqual([...new Set(imports.map((i) => i.format))].sort(), ["alipay", "wechat"]);
  assert.deepEqual([...new Set(imports.map((i) => i.username))].sort(), ["caoxian.staff", "staff"]);
  assert.equal(one<{ n: number }>(`select count(*) as n from audit_log where action = 'statement.import'`).n, 26);
  assert.equal(verifyAuditChain(db).intact, true);
});

test("merchants the statements named before anyone registered them arrive flagged for review; the others are registered with sector and area", () => {
  const flagged = db.$client.prepare(`select name from merchants where needs_review = 1 order by name`).pluck().all();
  // A WeChat bill names no merchant, only its 特约商户号: the merchant is registered under it.
  assert.deepEqual(flagged, ["1609990001", "1609990002"]);
  assert.equal(one<{ n: number }>(`select count(*) as n from merchants where needs_review = 0 and (sector_id is null or area_id is null)`).n, 0);
});

test("the seed's order amounts meet the threshold and sum exactly to the planned spending", () => {
  const amounts = orderAmounts(prng(7), 500, 10_000, 12_800, 1);
  assert.equal(amounts.reduce((a, b) => a + b, 0), 500 * 12_800);
  assert.ok(amounts.every((a) => a >= 10_000));
  const cars = orderAmounts(prng(8), 200, 5_000_000, 18_100_000, 10_000);
  assert.equal(cars.reduce((a, b) => a + b, 0), 200 * 18_100_000);
  assert.ok(cars.every((a) => a >= 5_000_000));
});

test("the demo's incremental estimates: the planted effect (1.5 yuan per yuan of subsidy) within each interval, far below gross; the other campaigns say what is missing", async () => {
  const { incrementalEstimate } = await import("@/lib/effects/estimate");
  const campaigns = db.$client.prepare(`select id, code from campaigns order by id`).all() as Array<{ id: number; code: string }>;
  for (const { id, code } of campaigns) {
    const estimate = incrementalEstimate(db, { campaignId: id })!;
    if (code === "HZ2025-CATER" || code === "HZ2025-RETAIL") {
      assert.ok(estimate.result.ok, `${code}: ${JSON.stringify(estimate.result)}`);
      const planted = 1.5 * estimate.subsidyFen;
      assert.ok(estimate.result.incrementalLowFen > 0 && estimate.result.incrementalLowFen <= planted && planted <= estimate.result.incrementalHighFen, `${code}: [${estimate.result.incrementalLowFen}, ${estimate.result.incrementalHighFen}] covers ${planted}`);
      assert.ok(estimate.result.incrementalHighFen < estimate.grossFen / 2, `${code}: far below gross`);
    } else {
      assert.ok(!estimate.result.ok, code);
      assert.deepEqual(estimate.result.shortfalls.map((s) => s.reason), ["noSalesBefore", "noComparison"], code);
    }
  }
});
