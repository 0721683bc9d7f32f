// The import half of `npm run bench`: a generated WeChat trade bill of BENCH_IMPORT_ROWS rows
// (1,000,000 by default) through the real import path, beside a raw prepared insert of the same
// rows and a raw aggregate over them, measured in the same run. Prints `name: value` lines.
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { SYSTEM_ACTOR } from "../lib/audit/log";
import { importStatement } from "../lib/imports/pipeline";
import { refreshAnomalies } from "../lib/anomalies/refresh";
import { batchTotals } from "../lib/imports/totals";
import { randomOrders, wechatBillChunks } from "../lib/statements/generate";
import { approvedVoucherBatch } from "../lib/testing/vouchers";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const dir = join(process.cwd(), "data", "bench-import");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const orders = () => randomOrders({ count: ROWS, seed: 2025, idPrefix: "B", refundShare: 0.01, revokedShare: 0.005 });

// The file, streamed to disk (never one string in memory).
const file = join(dir, "bill.csv");
const out = createWriteStream(file);
for (const chunk of wechatBillChunks({ rows: orders() })) if (!out.write(chunk)) await once(out, "drain");
out.end();
await once(out, "finish");

const db = openDatabase(join(dir, "bench.db"));
migrateDatabase(db);
await seedDemo(db, { registry: false });
const { batchId } = approvedVoucherBatch(db, "BENCH-W1");

const started = performance.now();
const outcome = await importStatement(db, { batchCode: "BENCH-W1", source: createReadStream(file), format: "wechat", fileName: "bill.csv", actor: SYSTEM_ACTOR });
const importMs = performance.now() - started;
if (!outcome.ok) throw new Error(`bench import refused: ${outcome.reason} ${JSON.stringify(outcome.problems.slice(0, 3))}`);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
// The anomaly checks an import is followed by (in the import's process, after its commit).
const checksStarted = performance.now();
const checks = refreshAnomalies(db, batchId);
const checksMs = performance.now() - checksStarted;

// The raw baseline: the same rows with one prepared statement in one transaction, no parsing, no checks.
const raw = openDatabase(join(dir, "raw.db"));
raw.$client.exec("create table raw_rows (order_id text not null, merchant_id text not null, occurred_at text not null, order_fen integer not null, voucher_fen integer not null)");
const insert = raw.$client.prepare("insert into raw_rows values (?, ?, ?, ?, ?)");
const rawStarted = performance.now();
raw.$client.transaction(() => {
  for (const o of orders()) insert.run(o.orderId, o.merchantId, o.time, o.orderFen, o.voucherFen);
})();
const rawMs = performance.now() - rawStarted;

const time = (fn: () => unknown) => {
  fn(); // warm
  const t = performance.now();
  for (let i = 0; i < 5; i++) fn();
  return (performance.now() - t) / 5;
};
const reportMs = time(() => batchTotals(db, batchId));
const rawAggregateMs = time(() => db.$client.prepare("select count(*), sum(voucher_fen), sum(order_fen) from redemptions where batch_id = ? and voucher_fen > 0").get(batchId));

const lines: Array<[string, string]> = [
  ["import_rows", String(outcome.counts.rowsRead)],
  ["import_s", (importMs / 1000).toFixed(1)],
  ["import_rows_per_s", (outcome.counts.rowsRead / (importMs / 1000)).toFixed(0)],
  ["raw_insert_rows_per_s", (ROWS / (rawMs / 1000)).toFixed(0)],
  ["import_vs_raw", (rawMs / importMs).toFixed(2)],
  ["import_peak_rss_mb", peakRssMb.toFixed(0)],
  ["anomaly_checks_ms", checksMs.toFixed(0)],
  ["anomaly_flags", String(checks.added)],
  ["batch_report_ms", reportMs.toFixed(2)],
  ["raw_aggregate_ms", rawAggregateMs.toFixed(1)],
  ["report_vs_raw", (reportMs / rawAggregateMs).toFixed(3)],
];
for (const [name, value] of lines) console.log(`${name}: ${value}`);
db.$client.close();
raw.$client.close();
rmSync(dir, { recursive: true, force: true });
