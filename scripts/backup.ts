// `npm run backup [-- <FILE>]`: copies DATABASE_PATH with SQLite's online backup API, safe while
// the server and its jobs run and write. Without FILE, to backups/huimin-<UTC time>.db beside the
// database. Checks the copy's integrity, prints where it is, and ends with one JSON line.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { databasePath } from "../db/client";
import { backupDatabase, backupsDir, fileStamp } from "../lib/backup/backup";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length > 1) {
  console.error("usage: npm run backup [-- <FILE>]");
  process.exit(2);
}
const source = databasePath();
const destination = positionals[0] ? resolve(positionals[0]) : join(backupsDir(source), `huimin-${fileStamp()}.db`);
if (!positionals[0]) mkdirSync(backupsDir(source), { recursive: true, mode: 0o700 });

const started = performance.now();
try {
  const check = await backupDatabase(source, destination);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`backed up ${source}`);
  console.log(`       to ${destination} (${check.bytes} bytes, integrity ${check.integrity}, data version ${check.dataVersion}, ${check.auditRows} audit rows) in ${seconds} s`);
  console.log(JSON.stringify({ file: destination, bytes: check.bytes, dataVersion: check.dataVersion, auditRows: check.auditRows }));
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
}
