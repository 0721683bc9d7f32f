// The import as an operator meets it: real-shaped statements in, counts out, nothing twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { generateWechatBill, randomOrders, type StatementOrder } from "@/lib/statements/generate";
import type { Db } from "@/db/client";
import { seededTestDb } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { importStatement, type ImportOutcome } from "./pipeline";
import { batchTotals, checkTotals } from "./totals";

const db: Db = await seededTestDb();
approvedVoucherBatch(db);

const run = (bytes: Buffer, fileName = "bill.csv") =>
  importStatement(db, { batchCode: "HZ-CATER-W1", source: [bytes], fileName, actor: SYSTEM_ACTOR });
const ok = (o: ImportOutcome) => {
  assert.ok(o.ok, `refused: ${JSON.stringify(!o.ok && o.problems.slice(0, 3))}`);
  return o;
};

const order = (id: string, over: Partial<StatementOrder> = {}): StatementOrder => ({
  orderId: id,
  merchantId: "1900000201",
  merchantName: "龙都小吃",
  payer: `oUpF8uMuAJO_M2pxb1Q9zNjWeS${id.slice(-2)}`,
  time: "2025-06-01 12:00:00",
  orderFen: 12_000,
  voucherFen: 2_000,
  ...over,
});

test("a voucher order counts once: subsidy its voucher, gross its order; plain orders are baseline; revoked count nothing", () => {
  return (async () => {
    const bill = generateWechatBill({
      rows: [order("4200001", { orderFen: 10, voucherFen: 0 }), order("4200002"), order("4200003", { orderFen: 123_456_789, voucherFen: 2_000 }), order("4200004", { revoked: true })],
    });
    const result = ok(await run(bill));
    assert.equal(result.counts.inserted, 2);
    assert.equal(result.counts.nonVoucher, 1);
    assert.equal(result.counts.revoked, 1);
    assert.equal(result.counts.subsidyFen, 4_000);
    assert.equal(result.counts.grossFen, 12_000 + 123_456_789);
    const c = result.counts;
    assert.equal(c.rowsRead, c.inserted + c.duplicates + c.refunds + c.revoked + c.nonVoucher + c.rejected);
    assert.deepEqual(checkTotals(db), []);
  })();
});

test("the same file twice counts once; an overlapping file adds only its new orders", async () => {
  const rows = [order("4300001"), order("4300002")];
  const first = ok(await run(generateWechatBill({ rows })));
  assert.equal(first.counts.inserted, 2);
  const before = batchTotals(db, 1);
  const again = ok(await run(generateWechatBill({ rows })));
  assert.equal(again.alreadyImported, true);
  assert.deepEqual(batchTotals(db, 1), before);
  const overlap = ok(await run(generateWechatBill({ rows: [...rows, order("4300003")] })));
  assert.equal(overlap.counts.inserted, 1);
  assert.equal(overlap.counts.duplicates, 2);
  assert.equal(batchTotals(db, 1).subsidyFen, before.subsidyFen + 2_000);
  assert.deepEqual(checkTotals(db), []);
});

test("a full refund removes the order from both figures, even from a later statement", async () => {
  const before = batchTotals(db, 1);
  ok(await run(generateWechatBill({ rows: [order("4400001")] })));
  assert.equal(batchTotals(db, 1).redemptions, before.redemptions + 1);
  const refunded = ok(await run(generateWechatBill({ rows: [order("4400001", { refund: {} })], billType: "REFUND" })));
  assert.equal(refunded.counts.refunds, 1);
  assert.deepEqual(batchTotals(db, 1), before);
  assert.deepEqual(checkTotals(db), []);
});

test("a broken amount names its line and column and writes nothing", async () => {
  const before = batchTotals(db, 1);
  const bill = generateWechatBill({ rows: [order("4500001"), order("4500002")] }).toString("utf8").replace("`120.00", "`12O.00");
  const result = await run(Buffer.from(bill));
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.problems.some((p) => p.line > 1 && p.reason === "amountFormat" && p.column === "订单金额"), JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(batchTotals(db, 1), before);
  const staging = db.$client.prepare("select count(*) as n from sqlite_temp_master where name like 'import_staging_%'").get() as { n: number };
  assert.equal(staging.n, 0);
});

test("merchants first seen are registered for review; a large generated bill reconciles", async () => {
  const rows = [...randomOrders({ count: 2_000, seed: 7, idPrefix: "G7" })];
  const result = ok(await run(generateWechatBill({ rows }), "generated.csv"));
  const c = result.counts;
  assert.equal(c.rowsRead, c.inserted + c.duplicates + c.refunds + c.revoked + c.nonVoucher + c.rejected);
  const review = db.$client.prepare("select count(*) as n from merchants where needs_review = 1").get() as { n: number };
  assert.ok(review.n > 1);
  assert.deepEqual(checkTotals(db), []);
});

test("voiding an import removes exactly its rows; the same file can then be imported again", async () => {
  const { voidImport } = await import("./void");
  const before = batchTotals(db, 1);
  const rows = [order("4600001"), order("4600002", { voucherFen: 0, orderFen: 500 })];
  const imported = ok(await run(generateWechatBill({ rows })));
  assert.notDeepEqual(batchTotals(db, 1), before);
  const removed = voidImport(db, { importId: imported.importId!, reason: "wrong batch", actor: SYSTEM_ACTOR });
  assert.equal(removed.removedRedemptions, 2);
  assert.equal(removed.removedRefunds, 0);
  assert.deepEqual(batchTotals(db, 1), before);
  assert.deepEqual(checkTotals(db), []);
  const again = ok(await run(generateWechatBill({ rows })));
  assert.equal(again.alreadyImported, false);
  assert.equal(again.counts.inserted, 1);
});

test("an import whose orders a later statement refunded cannot be voided before that one", async () => {
  const { voidImport } = await import("./void");
  const paid = ok(await run(generateWechatBill({ rows: [order("4700001")] })));
  const refund = ok(await run(generateWechatBill({ rows: [order("4700001", { refund: {} })], billType: "REFUND" })));
  assert.throws(() => voidImport(db, { importId: paid.importId!, reason: "x", actor: SYSTEM_ACTOR }), /importHasLaterRefunds/);
  voidImport(db, { importId: refund.importId!, reason: "refund file was wrong", actor: SYSTEM_ACTOR });
  // The refunded order (another import's row) counts again: its day and merchant are recomputed too.
  assert.deepEqual(checkTotals(db), []);
  voidImport(db, { importId: paid.importId!, reason: "then the payments", actor: SYSTEM_ACTOR });
  assert.deepEqual(checkTotals(db), []);
});

test("a refund larger than its order is refused with its line and order; nothing is written", async () => {
  const before = batchTotals(db, 1);
  const tooMuch = await run(generateWechatBill({ rows: [order("4800001", { refund: { fen: 12_001, voucherFen: 2_000 } })] }));
  assert.equal(tooMuch.ok, false);
  // Line 1 is the header, 2 the payment, 3 its refund.
  assert.deepEqual(!tooMuch.ok && tooMuch.problems, [{ line: 3, column: null, reason: "refundExceedsOrder", value: "4800001" }]);
  const tooMuchVoucher = await run(generateWechatBill({ rows: [order("4800002", { refund: { fen: 6_000, voucherFen: 2_001 } })] }));
  assert.deepEqual(!tooMuchVoucher.ok && tooMuchVoucher.problems, [{ line: 3, column: null, reason: "refundExceedsOrder", value: "4800002" }]);
  assert.deepEqual(batchTotals(db, 1), before);
  const written = db.$client.prepare("select count(*) as n from redemptions where order_id in ('4800001', '4800002')").get() as { n: number };
  assert.equal(written.n, 0);
});

test("refunds of an order across statements may reach its amount, never pass it; a refund imported again counts once", async () => {
  ok(await run(generateWechatBill({ rows: [order("4800010")] })));
  const refundFile = (refundId: string, fen: number, voucherFen: number, eol?: string) =>
    generateWechatBill({ rows: [order("4800010", { refund: { refundId, fen, voucherFen } })], billType: "REFUND", ...(eol ? { eol } : {}) });
  const partial = ok(await run(refundFile("4800010R1", 8_000, 1_000)));
  assert.equal(partial.counts.refunds, 1);
  const before = batchTotals(db, 1);
  const beyond = await run(refundFile("4800010R2", 4_001, 500));
  assert.deepEqual(!beyond.ok && beyond.problems, [{ line: 2, column: null, reason: "refundExceedsOrder", value: "4800010" }]);
  assert.deepEqual(batchTotals(db, 1), before);
  // The first refund again (another file: LF line breaks) is a duplicate, not a second 80 yuan.
  const repeated = ok(await run(refundFile("4800010R1", 8_000, 1_000, "\n")));
  assert.equal(repeated.counts.duplicates, 1);
  const rest = ok(await run(refundFile("4800010R3", 4_000, 1_000)));
  assert.equal(rest.counts.refunds, 1);
  assert.equal(batchTotals(db, 1).subsidyFen, before.subsidyFen - 1_000);
  assert.deepEqual(checkTotals(db), []);
});

test("a refund of another batch's order is refused by line: each batch nets only its own orders", async () => {
  const actionId = db.$client.prepare(`select id from actions where number = 1`).pluck().get() as number;
  approvedVoucherBatch(db, "HZ-OTHER-W1", "wechat", actionId);
  const other = await importStatement(db, { batchCode: "HZ-OTHER-W1", source: [generateWechatBill({ rows: [order("4209901")] })], fileName: "other.csv", actor: SYSTEM_ACTOR });
  assert.ok(other.ok);
  const refund = generateWechatBill({ rows: [order("4209901", { refund: {} })], billType: "REFUND" });
  const refused = await run(refund, "refund-other.csv");
  assert.equal(refused.ok, false);
  assert.deepEqual(!refused.ok && refused.problems.map((p) => [p.line, p.reason, p.value]), [[2, "refundWithoutOrder", "4209901"]]);
  assert.deepEqual(checkTotals(db), []);
});
