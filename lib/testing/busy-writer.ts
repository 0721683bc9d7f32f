// `node --import tsx lib/testing/busy-writer.ts <BATCH_CODE>`: a writer for the fault tests that
// keeps importing small WeChat bills (one write transaction each: rows, kept totals, audit row,
// data version) into DATABASE_PATH until it is stopped, printing "committed <import id>" after
// each commit. Every bill holds new orders, so each import adds rows.
import { getDb } from "@/db/client";
import { importStatement } from "@/lib/imports/pipeline";
import { generateWechatBill, randomOrders } from "@/lib/statements/generate";

const batchCode = process.argv[2];
if (!batchCode) {
  console.error("usage: node --import tsx lib/testing/busy-writer.ts <BATCH_CODE>");
  process.exit(2);
}
let stopping = false;
process.on("SIGTERM", () => (stopping = true));

const db = getDb();
for (let n = 1; !stopping; n++) {
  const rows = randomOrders({ count: 200, seed: n, idPrefix: `BW${n}-`, refundShare: 0, revokedShare: 0 });
  const outcome = await importStatement(db, { batchCode, source: [generateWechatBill({ rows })], format: "wechat", fileName: `busy-${n}.csv`, actor: { id: null, name: "busy writer" } });
  if (!outcome.ok) throw new Error(`busy writer: import ${n} refused (${outcome.reason})`);
  console.log(`committed ${outcome.importId}`);
  // Lets the SIGTERM handler run between imports.
  await new Promise((resolve) => setImmediate(resolve));
}
db.$client.close();
