import { test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { AppError } from "@/lib/errors";
import { canonicalTemplate } from "./canonical";
import { CANONICAL_HEADER, detectFormat } from "./detect";
import { readAll } from "./test-helpers";
import { REJECTION_REASONS } from "./types";

test("formats are detected from their headers and preface", () => {
  assert.deepEqual(detectFormat(["\uFEFF交易时间,公众账号ID,商户号,微信订单号,交易状态"]), { format: "wechat", headerIndex: 0 });
  assert.deepEqual(detectFormat(["#支付宝业务明细查询", "#账号：[2088]", "", "支付宝交易号,商户订单号,业务类型"]), { format: "alipay", headerIndex: 3 });
  assert.deepEqual(detectFormat([CANONICAL_HEADER.join(",")]), { format: "csv", headerIndex: 0 });
});

test("an unknown file is refused with a clear message key", async () => {
  const refused = (key: string) => (error: unknown) => error instanceof AppError && error.messageKey === key;
  assert.throws(() => detectFormat(["name,amount", "a,1"]), refused("statementFormatUnknown"));
  assert.throws(() => detectFormat([]), refused("statementFormatUnknown"));
  assert.throws(() => detectFormat(["#支付宝业务明细查询", "#账号：[2088]"]), refused("statementHeaderMissing"));
  await assert.rejects(readAll("日期,金额\r\n2025-06-01,1.00\r\n"), refused("statementFormatUnknown"));
  await assert.rejects(readAll(`${CANONICAL_HEADER.join(",")}\r\n`, { format: "wechat" }), refused("statementFormatMismatch"));
});

test("the canonical CSV: columns by name, quoted names with commas, refunds and revoked", async () => {
  const header = ["kind", "paid_at", "order_yuan", "voucher_yuan", "refund_yuan", "refund_voucher_yuan", "channel", "order_id", "original_order_id", "merchant_id", "merchant_name", "payer", "extra"];
  const text = [
    header.join(","),
    'payment,2025-06-01 10:00:00,1234567.89,0.10,,,UnionPay,U1,,M1,"惠民超市,牡丹区店",p1,x',
    "refund,2025-06-02 10:00:00,,,100.00,10.00,unionpay,U1-R,U1,M1,,,",
    "revoked,2025-06-01T11:00:00+08:00,50.00,5.00,,,unionpay,U2,,M1,,,",
    "refund,2025-06-02 10:00:00,,,1.00,,unionpay,U3-R,,M1,,,",
    "payment,2025-06-01 10:00:00,abc,,,,unionpay,U4,,M1,,,",
  ].join("\r\n");
  const { reader, rows, rejections, totals } = await readAll(iconv.encode(text, "gbk"));
  assert.equal(reader.format, "csv");
  assert.equal(reader.encoding, "gbk");
  assert.equal(totals, null);
  assert.deepEqual(rows[0], {
    type: "row",
    line: 2,
    kind: "payment",
    channel: "unionpay",
    orderId: "U1",
    merchantId: "M1",
    merchantName: "惠民超市,牡丹区店",
    payer: "p1",
    occurredAt: "2025-06-01T10:00:00+08:00",
    orderFen: 123456789,
    voucherFen: 10,
    refundFen: 0,
    refundVoucherFen: 0,
  });
  assert.deepEqual([rows[1]!.kind, rows[1]!.originalOrderId, rows[1]!.refundFen, rows[1]!.refundVoucherFen], ["refund", "U1", 10000, 1000]);
  assert.deepEqual([rows[2]!.kind, rows[2]!.occurredAt], ["revoked", "2025-06-01T11:00:00+08:00"]);
  assert.deepEqual(rejections, [
    { type: "rejected", line: 5, column: "original_order_id", reason: "missingValue" },
    { type: "rejected", line: 6, column: "order_yuan", reason: "amountFormat", value: "abc" },
  ]);
});

test("an unterminated quote rejects its line as csvSyntax", async () => {
  const text = `${CANONICAL_HEADER.join(",")}\r\nunionpay,U1,,M1,"broken,,,2025-06-01 10:00:00,payment,1.00,,,\r\n`;
  const { rejections } = await readAll(text);
  assert.deepEqual(rejections, [{ type: "rejected", line: 2, column: null, reason: "csvSyntax" }]);
});

test("every rejection reason has a message in both languages", async () => {
  for (const locale of ["en", "zh-CN"]) {
    const messages = (await import(`@/lib/i18n/messages/${locale}.json`, { with: { type: "json" } })).default as { statements: { rejection: Record<string, string> } };
    assert.deepEqual(Object.keys(messages.statements.rejection).sort(), [...REJECTION_REASONS].sort(), locale);
  }
});

test("the downloadable canonical template reads back without a rejection", async () => {
  const { reader, rows, rejections } = await readAll(canonicalTemplate());
  assert.equal(reader.format, "csv");
  assert.deepEqual(rejections, []);
  assert.deepEqual(rows.map((r) => [r.kind, r.orderFen, r.voucherFen, r.refundFen, r.refundVoucherFen]), [
    ["payment", 25600, 5000, 0, 0],
    ["refund", 0, 0, 25600, 5000],
    ["revoked", 399900, 30000, 0, 0],
  ]);
});

test("a refused file releases its source", async () => {
  let closed = false;
  async function* source() {
    try {
      yield Buffer.from("日期,金额\r\n", "utf8");
      // Far more than the sniff reads: the source is still open when the header is refused.
      for (let i = 0; i < 1000; i++) yield Buffer.from("2025-06-01,1.00\r\n".repeat(64), "utf8");
    } finally {
      closed = true;
    }
  }
  await assert.rejects(readAll(source()), (error: unknown) => error instanceof AppError);
  assert.equal(closed, true);
});
