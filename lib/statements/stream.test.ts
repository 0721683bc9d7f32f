import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { randomOrders, streamWechatBill } from "./generate";
import { openStatement } from "./read";
import { reconcile } from "./reconcile";

const ROWS = 200_000;
const MB = 1024 * 1024;

// Memory, not time, is asserted: the file is streamed, so the heap stays far below its size.
test("a generated 200,000-row WeChat bill streams through the parser in modest memory", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "huimin-statements-"));
  try {
    const file = join(dir, "bill.csv");
    await pipeline(streamWechatBill({ rows: randomOrders({ count: ROWS, seed: 42, refundShare: 0.02, revokedShare: 0.01 }) }), createWriteStream(file));
    const fileMb = statSync(file).size / MB;
    global.gc?.();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    let rows = 0;
    let rejected = 0;
    const started = process.hrtime.bigint();
    const reader = await openStatement(createReadStream(file, { highWaterMark: 64 * 1024 }));
    for await (const chunk of reader.chunks) {
      for (const entry of chunk) {
        if (entry.type === "row") rows++;
        else rejected++;
      }
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(rejected, 0);
    assert.ok(rows > ROWS, "payments plus refund rows");
    assert.equal(reconcile(reader.summary(), reader.totals()).agrees, true);
    const heapGrowthMb = (peakHeap - before.heapUsed) / MB;
    t.diagnostic(`file ${fileMb.toFixed(1)} MB, ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
    t.diagnostic(`heap growth peak ${heapGrowthMb.toFixed(1)} MB, rss peak ${(peakRss / MB).toFixed(1)} MB`);
    // Holding the file would take its size in strings plus ~1 KB per row object (over 200 MB);
    // what grows here is garbage between collections, bounded whatever the file's size.
    assert.ok(heapGrowthMb < 64, `heap grew by ${heapGrowthMb.toFixed(1)} MB for a ${fileMb.toFixed(1)} MB file`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
