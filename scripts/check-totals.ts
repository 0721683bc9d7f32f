// `npm run check-totals`: recomputes every kept total from the redemption rows; exits 1 on any difference.
import { databasePath, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { checkTotals } from "../lib/imports/totals";

const db = getDb();
migrateDatabase(db);
const differences = checkTotals(db);
const keys = (db.$client.prepare("select count(*) as n from redemption_totals").get() as { n: number }).n;
if (differences.length === 0) {
  console.log(`totals agree with the rows: ${keys} (batch, day, merchant) totals checked in ${databasePath()}`);
  process.exit(0);
}
console.error(`${differences.length} kept totals differ from the rows (redemptions/subsidy/gross/non-voucher orders/non-voucher fen):`);
for (const d of differences.slice(0, 50)) console.error(`  batch ${d.batchId} ${d.day} merchant ${d.merchantId}: kept ${d.kept}, rows ${d.recomputed}`);
process.exit(1);
