// The two ways an import parses — in a worker thread, or in its own where no worker starts —
// give the same batches, totals and bytes, and leave the caller's buffers as they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createReadStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "@/lib/errors";
import type { ByteSource } from "@/lib/statements";
import { generateWechatBill, randomOrders } from "@/lib/statements/generate";
import { tempDir } from "@/lib/testing/db";
import { parseStatement } from "./parse";

const bill = generateWechatBill({ rows: randomOrders({ count: 3_000, seed: 7, refundShare: 0.05, revokedShare: 0.02 }) });
// A line the parser refuses, so a rejection crosses too.
const broken = Buffer.concat([bill.subarray(0, bill.indexOf("\n", 2_000) + 1), Buffer.from("`2025-06-01 10:00:00,`wx1,`1900000201,`,`,`x1,`,`oU,`JSAPI,`SUCCESS,`,`CNY,`abc,`0.00\r\n"), bill.subarray(bill.indexOf("\n", 2_000) + 1)]);

async function parseAll(source: ByteSource, inWorker: boolean) {
  const hash = createHash("sha256");
  const parsed = await parseStatement(source, { format: "auto" }, (chunk) => hash.update(chunk), { inWorker });
  const rows: string[] = [];
  const rejections: unknown[] = [];
  let entries = 0;
  for await (const batch of parsed.batches) {
    entries += batch.entries;
    rejections.push(...batch.rejections);
    for (const kind of [batch.payments, batch.refunds]) {
      for (let i = 0; i < kind.row.length; i++) {
        const row = kind.row[i]!;
        rows.push([batch.line[row], batch.channels[batch.channel[row]!], kind.orderId[i], kind.originalOrderId[i], kind.merchantId[i], kind.payer[i], kind.occurredAt[i], kind.fen[i], kind.voucherFen[i]].join("|"));
      }
    }
  }
  await parsed.close();
  return { parsedIn: parsed.parsedIn, format: parsed.format, encoding: parsed.encoding, entries, rows: rows.sort(), rejections, totals: parsed.totals(), summary: parsed.summary(), sha: hash.digest("hex") };
}

test("the worker and this thread parse a bill alike, rejections and totals included", async () => {
  const copy = Buffer.from(broken);
  const inWorker = await parseAll([broken], true);
  const inThread = await parseAll([broken], false);
  assert.equal(inWorker.parsedIn, "worker");
  assert.equal(inThread.parsedIn, "this thread");
  const worker = { ...inWorker, parsedIn: null };
  assert.deepEqual(worker, { ...inThread, parsedIn: null });
  assert.ok(worker.rows.length > 2_500);
  assert.equal(worker.rejections.length, 1);
  assert.equal(worker.sha, createHash("sha256").update(broken).digest("hex"));
  // The caller's buffer was copied across, not taken from it.
  assert.ok(broken.equals(copy));
});

test("a file streams to the worker whole: the same rows and hash as from memory", async () => {
  const file = join(tempDir(), "bill.csv");
  writeFileSync(file, bill);
  const fromFile = await parseAll(createReadStream(file, { highWaterMark: 16 * 1024 }), true);
  const fromMemory = await parseAll([bill], false);
  assert.equal(fromFile.parsedIn, "worker");
  assert.deepEqual({ ...fromFile, parsedIn: null }, { ...fromMemory, parsedIn: null });
});

test("a file the worker cannot read is refused with the same AppError as in this thread", async () => {
  for (const inWorker of [true, false]) {
    await assert.rejects(
      parseStatement([Buffer.from("no,header,here\n1,2,3\n")], { format: "auto" }, () => {}, { inWorker }),
      (error) => error instanceof AppError && error.messageKey === "statementFormatUnknown",
    );
  }
});
