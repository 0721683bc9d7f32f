import { test } from "node:test";
import assert from "node:assert/strict";
import { generateWechatBill, WECHAT_COLUMNS } from "./generate";
import type { StatementOrder } from "./orders";
import { readAll } from "./test-helpers";

// A bill of type ALL as WeChat writes it (UTF-8 BOM, CRLF, backticks, summary block).
const ALL_BILL = [
  "\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注",
  "`2025-06-01 10:00:00,`wx2421b1c4370ec43b,`1900000109,`1900100001,`,`4200001001,`M1,`oUpF8a,`JSAPI,`SUCCESS,`OTHERS,`CNY,`0.00,`0.10,`,`,`0.00,`0.00,`,`,`惠民超市,`,`0.00,`0.60%,`0.10,`0.00,`",
  "`2025-06-01 10:05:00,`wx2421b1c4370ec43b,`1900000109,`1900100002,`,`4200001002,`M2,`oUpF8b,`JSAPI,`SUCCESS,`OTHERS,`CNY,`1234467.89,`100.00,`,`,`0.00,`0.00,`,`,`家电城,`,`7406.81,`0.60%,`1234567.89,`0.00,`",
  "`2025-06-01 10:06:00,`wx2421b1c4370ec43b,`1900000109,`,`,`4200001003,`M3,`oUpF8c,`JSAPI,`REVOKED,`OTHERS,`CNY,`80.00,`20.00,`,`,`0.00,`0.00,`,`,`餐馆,`,`0.00,`0.60%,`100.00,`0.00,`",
  "`2025-06-02 09:00:00,`wx2421b1c4370ec43b,`1900000109,`1900100002,`,`4200001002,`M2,`oUpF8b,`JSAPI,`REFUND,`OTHERS,`CNY,`1234467.89,`100.00,`50000001,`M2-R,`1234567.89,`100.00,`ORIGINAL,`SUCCESS,`家电城,`,`0.00,`0.60%,`1234567.89,`1234567.89,`",
  "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
  "`4,`1234467.89,`1234567.89,`100.00,`7406.81,`1234567.99,`1234567.89",
  "",
].join("\r\n");

test("a WeChat ALL bill: backticks stripped, amounts exact to the fen, summary read and not imported", async () => {
  const { reader, rows, rejections, totals } = await readAll(ALL_BILL);
  assert.equal(reader.format, "wechat");
  assert.equal(reader.encoding, "utf-8");
  assert.deepEqual(rejections, []);
  assert.equal(rows.length, 4, "the summary lines are not rows");
  const [small, big, revoked, refund] = rows;
  assert.deepEqual(small, {
    type: "row",
    line: 2,
    kind: "payment",
    channel: "wechat",
    orderId: "4200001001",
    merchantOrderId: "M1",
    merchantId: "1900100001",
    payer: "oUpF8a",
    occurredAt: "2025-06-01T10:00:00+08:00",
    orderFen: 10,
    voucherFen: 10,
    refundFen: 0,
    refundVoucherFen: 0,
    settledFen: 0,
  });
  assert.equal(big!.orderFen, 123456789);
  assert.equal(big!.voucherFen, 10000);
  assert.equal(revoked!.kind, "revoked");
  assert.equal(revoked!.merchantId, "1900000109", "without 特约商户号 the 商户号 is the merchant");
  assert.equal(refund!.kind, "refund");
  assert.equal(refund!.orderId, "50000001");
  assert.equal(refund!.originalOrderId, "4200001002");
  assert.equal(refund!.refundFen, 123456789);
  assert.equal(refund!.refundVoucherFen, 10000);
  assert.equal(refund!.orderFen, 0, "a refund row's repeated order amounts do not count");
  assert.deepEqual(totals, {
    line: 7,
    values: { rows: 4, settledFen: 123446789, refundFen: 123456789, refundVoucherFen: 10000, orderFen: 123456799 },
  });
});

const orders: StatementOrder[] = [
  { orderId: "4200000001", merchantId: "1900100001", payer: "oA", time: "2025-06-01 10:00:00", orderFen: 20000, voucherFen: 5000 },
  { orderId: "4200000002", merchantId: "1900100002", payer: "oB", time: "2025-06-01 11:00:00", orderFen: 9990, voucherFen: 0, revoked: true },
  { orderId: "4200000003", merchantId: "1900100001", payer: "oC", time: "2025-06-01 12:00:00", orderFen: 30000, voucherFen: 10000, refund: { refundId: "5000003", time: "2025-06-03 08:00:00" } },
];

test("SUCCESS, REFUND and ALL bills each read by header name", async () => {
  const kinds = async (billType: "ALL" | "SUCCESS" | "REFUND") => (await readAll(generateWechatBill({ rows: orders, billType }))).rows.map((r) => `${r.kind}:${r.orderId}`);
  assert.deepEqual(await kinds("ALL"), ["payment:4200000001", "revoked:4200000002", "payment:4200000003", "refund:5000003"]);
  assert.deepEqual(await kinds("SUCCESS"), ["payment:4200000001", "payment:4200000003"]);
  assert.deepEqual(await kinds("REFUND"), ["refund:5000003"]);
  const refund = (await readAll(generateWechatBill({ rows: orders, billType: "REFUND" }))).rows[0]!;
  assert.equal(refund.occurredAt, "2025-06-03T08:00:00+08:00", "the REFUND bill's 退款成功时间 dates the refund");
  assert.equal(refund.originalOrderId, "4200000003");
  assert.equal(refund.refundFen, 30000);
  assert.equal(refund.refundVoucherFen, 10000);
});

test("columns in another order read the same; a bill without 订单金额 falls back to 应结 + 代金券", async () => {
  const expected = (await readAll(generateWechatBill({ rows: orders }))).rows.map(({ line, ...row }) => (void line, row));
  const shuffled = [...WECHAT_COLUMNS.ALL].reverse();
  const reversed = (await readAll(generateWechatBill({ rows: orders, columns: shuffled }))).rows.map(({ line, ...row }) => (void line, row));
  assert.deepEqual(reversed, expected);
  const withoutOrderAmount = WECHAT_COLUMNS.SUCCESS.filter((c) => c !== "订单金额");
  const { rows } = await readAll(generateWechatBill({ rows: orders, billType: "SUCCESS", columns: withoutOrderAmount }));
  assert.deepEqual(rows.map((r) => [r.orderFen, r.voucherFen]), [[20000, 5000], [30000, 10000]]);
});

test("a broken amount, an unknown status and a bad time are rejected naming line and column", async () => {
  const lines = ALL_BILL.split("\r\n");
  lines[1] = lines[1]!.replace("`0.10,`0.00,`", "`0.1O,`0.00,`");
  lines[2] = lines[2]!.replace("`SUCCESS,", "`CLOSED,");
  lines[3] = lines[3]!.replace("2025-06-01 10:06:00", "2025-02-30 10:06:00");
  const { rows, rejections } = await readAll(lines.join("\r\n"));
  assert.deepEqual(rejections, [
    { type: "rejected", line: 2, column: "订单金额", reason: "amountFormat", value: "0.1O" },
    { type: "rejected", line: 3, column: "交易状态", reason: "unknownStatus", value: "CLOSED" },
    { type: "rejected", line: 4, column: "交易时间", reason: "timeFormat", value: "2025-02-30 10:06:00" },
  ]);
  assert.equal(rows.length, 1);
});

test("a voucher over its order amount is rejected naming line and column, before the database's CHECK would refuse the whole import", async () => {
  const lines = ALL_BILL.split("\r\n");
  lines[2] = lines[2]!.replace("`1234567.89,`0.00,`", "`99.00,`0.00,`");
  const { rejections } = await readAll(lines.join("\r\n"));
  assert.deepEqual(rejections, [{ type: "rejected", line: 3, column: "代金券金额", reason: "voucherExceedsOrder", value: "10000 > 9900" }]);
});

test("a row missing its order id is rejected as missingValue; a header without 交易状态 is refused", async () => {
  const lines = ALL_BILL.split("\r\n");
  lines[1] = lines[1]!.replace("`4200001001,", "`,");
  const { rejections } = await readAll(lines.join("\r\n"));
  assert.deepEqual(rejections, [{ type: "rejected", line: 2, column: "微信订单号", reason: "missingValue" }]);
  await assert.rejects(readAll(ALL_BILL.replace("交易状态,", "状态,")), /statementColumnMissing/);
});

test("a refund not yet settled and a line after the totals are rejected, never skipped", async () => {
  const lines = ALL_BILL.split("\r\n");
  lines[4] = lines[4]!.replace("`ORIGINAL,`SUCCESS,", "`ORIGINAL,`PROCESSING,");
  lines.splice(7, 0, lines[1]!);
  const { rejections } = await readAll(lines.join("\r\n"));
  assert.deepEqual(rejections, [
    { type: "rejected", line: 5, column: "退款状态", reason: "refundNotSettled", value: "PROCESSING" },
    { type: "rejected", line: 8, column: null, reason: "afterTotals" },
  ]);
});
