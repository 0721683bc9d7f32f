// `npm run import -- --batch <BATCH_CODE> --format wechat|alipay|csv|auto <FILE>`
// Imports one channel statement into a batch through the same pipeline as the upload page.
// Prints the reconciliation, then one JSON line; exits non-zero with the reasons when refused.
import { createReadStream, existsSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { getDb, waitLongForWrites } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { AppError } from "../lib/errors";
import { refreshAnomalies } from "../lib/anomalies/refresh";
import { importStatement } from "../lib/imports/pipeline";

const USAGE = "usage: npm run import -- --batch <BATCH_CODE> --format wechat|alipay|csv|auto <FILE>";

const { values, positionals } = parseArgs({
  options: { batch: { type: "string" }, format: { type: "string", default: "auto" } },
  allowPositionals: true,
});
const format = values.format as string;
if (!values.batch || positionals.length !== 1 || !["wechat", "alipay", "csv", "auto"].includes(format)) {
  console.error(USAGE);
  process.exit(2);
}
const file = positionals[0]!;
if (!existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}

// An import job of the server may hold the write lock for seconds: this command waits for it.
const db = waitLongForWrites(getDb());
migrateDatabase(db);
try {
  const outcome = await importStatement(db, {
    batchCode: values.batch,
    source: createReadStream(file),
    format: format as "wechat" | "alipay" | "csv" | "auto",
    fileName: basename(file),
    actor: { id: null, name: "command line" },
  });
  const c = outcome.counts;
  console.log(`rows read     ${c.rowsRead}`);
  console.log(`  inserted    ${c.inserted}   (voucher orders)`);
  console.log(`  duplicates  ${c.duplicates}   (already imported)`);
  console.log(`  refunds     ${c.refunds}`);
  console.log(`  revoked     ${c.revoked}`);
  console.log(`  non-voucher ${c.nonVoucher}   (kept as the merchants' baseline sales)`);
  console.log(`  rejected    ${c.rejected}`);
  if (!outcome.ok) {
    console.error(`\nrefused (${outcome.reason}); nothing was written:`);
    for (const p of outcome.problems) console.error(`  line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.reason}${p.value ? ` (${p.value})` : ""}`);
  } else if (outcome.alreadyImported) {
    console.log(`\nthis file was already imported (import #${outcome.importId}); nothing counted twice`);
  } else {
    console.log(`\nimport #${outcome.importId} (${outcome.format}, ${outcome.encoding})${outcome.overCap ? " — WARNING: the campaign's subsidy is now past its budget cap" : ""}`);
    // The anomaly checks, as after an upload: after the import committed, in their own transaction.
    const batchId = db.$client.prepare(`select batch_id from statement_imports where id = ?`).pluck().get(outcome.importId) as number;
    const checks = refreshAnomalies(db, batchId);
    console.log(`anomaly checks: ${checks.added} new flags, ${checks.kept} found again, ${checks.removed} gone, ${checks.staled} stale (${checks.millis} ms)`);
  }
  console.log(
    JSON.stringify({
      inserted: c.inserted,
      duplicates: c.duplicates,
      refunds: c.refunds,
      revoked: c.revoked,
      nonVoucher: c.nonVoucher,
      rejected: c.rejected,
      subsidyFen: c.subsidyFen,
      grossFen: c.grossFen,
    }),
  );
  process.exit(outcome.ok ? 0 : 1);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`refused: ${error.messageKey}`);
    process.exit(1);
  }
  throw error;
}
