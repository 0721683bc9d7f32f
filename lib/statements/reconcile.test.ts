import { test } from "node:test";
import assert from "node:assert/strict";
import { generateWechatBill, generateAlipayDetail, randomOrders } from "./generate";
import { reconcile } from "./reconcile";
import { readAll } from "./test-helpers";

test("a generated WeChat bill's rows agree with its summary block", async () => {
  const { summary, totals } = await readAll(generateWechatBill({ rows: randomOrders({ count: 500, seed: 7, refundShare: 0.05, revokedShare: 0.03 }) }));
  const result = reconcile(summary, totals);
  assert.equal(result.agrees, true);
  assert.deepEqual(result.checks.map((c) => c.key).sort(), ["orderFen", "refundFen", "refundVoucherFen", "rows", "settledFen"]);
});

test("a generated Alipay detail's rows agree with its footer", async () => {
  const { summary, totals } = await readAll(generateAlipayDetail({ rows: randomOrders({ count: 300, seed: 8, refundShare: 0.05 }) }));
  const result = reconcile(summary, totals);
  assert.equal(result.agrees, true);
  assert.deepEqual(result.checks.map((c) => c.key).sort(), ["orderFen", "payments", "refundFen", "refunds"]);
});

test("a bill with a row removed (or its summary edited) disagrees, naming the totals that differ", async () => {
  const bill = generateWechatBill({ rows: randomOrders({ count: 20, seed: 9, refundShare: 0 , revokedShare: 0 }) }).toString("utf8");
  const lines = bill.split("\r\n");
  lines.splice(3, 1);
  const { summary, totals } = await readAll(lines.join("\r\n"));
  const result = reconcile(summary, totals);
  assert.equal(result.agrees, false);
  assert.deepEqual(result.checks.filter((c) => !c.agrees).map((c) => c.key).sort(), ["orderFen", "rows", "settledFen"]);
  const rows = result.checks.find((c) => c.key === "rows")!;
  assert.deepEqual([rows.stated, rows.counted], [20, 19]);
});

test("a file that states no totals does not reconcile", () => {
  const summary = { rows: 1, payments: 1, refunds: 0, orderFen: 100, settledFen: 0, refundFen: 0, refundVoucherFen: 0 };
  assert.deepEqual(reconcile(summary, null), { agrees: false, stated: false, checks: [], line: null });
  assert.equal(reconcile(summary, { line: 9, values: { payments: 1, orderFen: 100 } }).agrees, true);
  assert.equal(reconcile(summary, { line: 9, values: { payments: 1, orderFen: 101 } }).agrees, false);
});
