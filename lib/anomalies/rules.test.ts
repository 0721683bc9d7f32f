import { test } from "node:test";
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { importStatement } from "@/lib/imports/pipeline";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { detectAnomalies, type AnomalyRule } from "./rules";

// One batch (满 100 减 20, valid 2025-06-01 … 06-30) with a planted case of every rule among
// ordinary orders, imported through the real path.
const db = await seededTestDb();
const { batchId } = approvedVoucherBatch(db, "ANOM-W1");

let serial = 0;
const order = (merchantId: string, orderFen: number, more: Partial<StatementOrder> = {}): StatementOrder => {
  serial++;
  const day = String(1 + (serial % 28)).padStart(2, "0");
  return { orderId: `4200ANOM${String(serial).padStart(8, "0")}`, merchantId, payer: `oPayer${serial}`, time: `2025-06-${day} 12:${String(serial % 60).padStart(2, "0")}:00`, orderFen, voucherFen: 2_000, ...more };
};
const rows: StatementOrder[] = [];
for (let m = 0; m < 10; m++) for (let i = 0; i < 10; i++) rows.push(order(`19000001${String(m).padStart(2, "0")}`, 15_000 + ((m * 37 + i * 53) % 50) * 1_000));
for (let i = 0; i < 7; i++) rows.push(order("1900000100", 30_000, { payer: "oRepeatPayer" }));
for (let i = 0; i < 25; i++) rows.push(order("1900000999", 10_000 + (i % 5) * 99));
for (let i = 0; i < 60; i++) rows.push(order("1900000888", 20_000));
// Refunds with their own times, as the REFUND bill gives them; one more in the ALL bill, dated by its order.
const refunded = [
  order("1900000101", 50_000, { time: "2025-06-10 10:00:00", refund: { time: "2025-06-10 10:12:00" } }),
  order("1900000102", 50_000, { time: "2025-06-11 10:00:00", refund: { time: "2025-06-13 09:00:00" } }),
];
rows.push(...refunded.map((o) => ({ ...o, refund: undefined })));
rows.push(order("1900000104", 50_000, { refund: {} }));
rows.push(order("1900000103", 40_000, { time: "2025-07-03 19:00:00" }), order("1900000103", 40_000, { time: "2025-07-04 19:00:00" }));
rows.push(order("1900000777", 40_000), order("1900000777", 45_000));

const outcome = await importStatement(db, { batchCode: "ANOM-W1", source: [generateWechatBill({ rows })], format: "wechat", fileName: "anom.csv", actor: SYSTEM_ACTOR });
assert.ok(outcome.ok, JSON.stringify(outcome));
const refunds = await importStatement(db, { batchCode: "ANOM-W1", source: [generateWechatBill({ rows: refunded, billType: "REFUND" })], format: "wechat", fileName: "refunds.csv", actor: SYSTEM_ACTOR });
assert.ok(refunds.ok && refunds.counts.refunds === 2, JSON.stringify(refunds));
db.$client.prepare(`update merchants set status = 'blacklisted' where id = (select merchant_id from merchant_channel_ids where channel_merchant_id = '1900000777')`).run();

const merchantOf = (channelId: string) => db.$client.prepare(`select merchant_id from merchant_channel_ids where channel_merchant_id = ?`).pluck().get(channelId) as number;
const findings = detectAnomalies(db, batchId);
const of = (rule: AnomalyRule) => findings.filter((f) => f.rule === rule);

test("a payer redeeming more than five vouchers in a batch is flagged with its seven rows", () => {
  assert.deepEqual(of("repeatPayer").map((f) => [f.subject, f.redemptionIds.length, f.detail.count]), [["oRepeatPayer", 7, 7]]);
});

test("a merchant whose orders bunch just above the threshold is flagged; ordinary ones are not", () => {
  const [flag, ...more] = of("thresholdBunching");
  assert.equal(more.length, 0);
  assert.equal(flag!.merchantId, merchantOf("1900000999"));
  assert.equal(flag!.redemptionIds.length, 25);
  assert.equal(flag!.detail.sharePermille, 1000);
});

test("a refund twelve minutes after the redemption is flagged; one two days later, or one whose time the bill does not give, is not", () => {
  assert.deepEqual(of("quickRefund").map((f) => [f.merchantId, f.redemptionIds.length, f.detail.minutes]), [[merchantOf("1900000101"), 1, 12]]);
});

test("one merchant taking over a quarter of the batch's subsidy is flagged", () => {
  const flags = of("outsizedMerchant");
  assert.deepEqual(flags.map((f) => f.merchantId), [merchantOf("1900000888")]);
  assert.equal(flags[0]!.redemptionIds.length, 60);
  assert.ok(Number(flags[0]!.detail.sharePermille) > 250);
});

test("redemptions after the validity window, and at a blacklisted merchant, are flagged with their rows", () => {
  assert.deepEqual(of("outsideValidity").map((f) => [f.merchantId, f.redemptionIds.length, f.detail.days]), [[merchantOf("1900000103"), 2, "2025-07-03…2025-07-04"]]);
  assert.deepEqual(of("barredMerchant").map((f) => [f.merchantId, f.redemptionIds.length, f.detail.status]), [[merchantOf("1900000777"), 2, "blacklisted"]]);
});
