import { test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { generateAlipayDetail } from "./generate";
import type { StatementOrder } from "./orders";
import { readAll } from "./test-helpers";

// An Alipay business detail as Alipay exports it: GBK, CRLF, `#` preface and footer, ids
// with a trailing tab, a refund with negative amounts.
const DETAIL = [
  "#支付宝业务明细查询",
  "#账号：[20880000000000000156]",
  "#起始日期：[2025年06月01日 00:00:00]   终止日期：[2025年06月30日 23:59:59]",
  "#----------------业务明细列表----------------",
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注",
  "2025060122001456780000000001\t,M0001\t,交易,消费券订单,2025-06-01 10:00:00,2025-06-01 10:00:02,S001,牡丹区惠民超市,,,138****0001,0.10,0.00,,,,,0.10,0.10元消费券,,,,0.00,,",
  "2025060122001456780000000002\t,M0002\t,交易,家电,2025-06-01 11:00:00,2025-06-01 11:00:05,S002,菏泽家电城,,,138****0002,1234567.89,1234467.89,,,,,100.00,100元消费券,,,,0.00,,",
  "2025060122001456780000000002\t,M0002\t,退款,家电,2025-06-02 09:00:00,2025-06-02 09:00:01,S002,菏泽家电城,,,138****0002,-1234567.89,-1234467.89,,,,,-100.00,100元消费券,,,R20250602001\t,0.00,,",
  "#-----------------业务明细列表结束-----------------",
  "#交易合计：2笔，共1234567.99元",
  "#退款合计：1笔，共-1234567.89元",
  "#导出时间：[2025年07月01日 09:00:00]",
  "",
].join("\r\n");

test("a GBK Alipay detail: # lines skipped, trailing tabs stripped, refunds negative → positive refund amounts", async () => {
  const { reader, rows, rejections, totals, summary } = await readAll(iconv.encode(DETAIL, "gbk"));
  assert.equal(reader.format, "alipay");
  assert.equal(reader.encoding, "gbk");
  assert.deepEqual(rejections, []);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], {
    type: "row",
    line: 6,
    kind: "payment",
    channel: "alipay",
    orderId: "2025060122001456780000000001",
    merchantOrderId: "M0001",
    merchantId: "S001",
    merchantName: "牡丹区惠民超市",
    payer: "138****0001",
    occurredAt: "2025-06-01T10:00:02+08:00",
    orderFen: 10,
    voucherFen: 10,
    refundFen: 0,
    refundVoucherFen: 0,
  });
  assert.equal(rows[1]!.orderFen, 123456789);
  const refund = rows[2]!;
  assert.equal(refund.kind, "refund");
  assert.equal(refund.orderId, "R20250602001");
  assert.equal(refund.originalOrderId, "2025060122001456780000000002");
  assert.equal(refund.refundFen, 123456789);
  assert.equal(refund.refundVoucherFen, 10000);
  assert.deepEqual(totals, { line: 11, values: { payments: 2, orderFen: 123456799, refunds: 1, refundFen: 123456789 } });
  assert.equal(summary.orderFen, 123456799);
});

test("without 门店编号 the account from #账号 is the merchant", async () => {
  const orders: StatementOrder[] = [{ orderId: "2025060100001", merchantId: "S9", payer: "a***@163.com", time: "2025-06-01 10:00:00", orderFen: 5000, voucherFen: 1000 }];
  const { rows } = await readAll(generateAlipayDetail({ rows: orders, account: "2088123412341234", withoutShops: true }));
  assert.equal(rows[0]!.merchantId, "2088123412341234");
  assert.equal(rows[0]!.merchantName, undefined);
});

test("a broken Alipay amount and an unknown 业务类型 are rejected with line and column", async () => {
  const broken = DETAIL.replace(",1234567.89,1234467.89,", ",1234567.891,1234467.89,").replace(",退款,", ",转账,");
  const { rejections } = await readAll(iconv.encode(broken, "gbk"));
  assert.deepEqual(rejections, [
    { type: "rejected", line: 7, column: "订单金额（元）", reason: "amountFormat", value: "1234567.891" },
    { type: "rejected", line: 8, column: "业务类型", reason: "unknownStatus", value: "转账" },
  ]);
});

test("generated Alipay detail reads back: revoked orders absent, refunds after their trade, footer agrees", async () => {
  const orders: StatementOrder[] = [
    { orderId: "A1", merchantId: "S1", payer: "p1", time: "2025-06-01 10:00:00", orderFen: 12345, voucherFen: 2000, refund: { fen: 5000, voucherFen: 0 } },
    { orderId: "A2", merchantId: "S1", payer: "p2", time: "2025-06-01 10:01:00", orderFen: 800, voucherFen: 0, revoked: true },
  ];
  const { rows, totals, reader } = await readAll(generateAlipayDetail({ rows: orders }));
  assert.equal(reader.encoding, "gbk");
  assert.deepEqual(rows.map((r) => [r.kind, r.orderId, r.orderFen, r.refundFen]), [
    ["payment", "A1", 12345, 0],
    ["refund", "A1R", 0, 5000],
  ]);
  assert.deepEqual(totals?.values, { payments: 1, orderFen: 12345, refunds: 1, refundFen: 5000 });
});
