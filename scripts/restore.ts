// `npm run restore -- <BACKUP_FILE>`: puts a backup in place of DATABASE_PATH. Refuses while any
// process has the database open (stop the server first: its job processes end with it); checks the
// backup's integrity before touching anything; keeps the replaced database beside it as
// <name>.before-restore-<UTC time>. Ends with one JSON line.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { databasePath } from "../db/client";
import { processesUsing, restoreDatabase } from "../lib/backup/backup";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run restore -- <BACKUP_FILE>");
  process.exit(2);
}
const backup = resolve(positionals[0]!);
const target = databasePath();
if (!existsSync(backup)) {
  console.error(`no such file: ${backup}`);
  process.exit(2);
}
if (backup === target) {
  console.error("the backup is the database itself");
  process.exit(2);
}

const users = processesUsing(target);
if (users === null) {
  console.error(`cannot tell whether a process has ${target} open (no /proc/locks): stop the server, then copy the backup over the database by hand`);
  process.exit(1);
}
if (users.length > 0) {
  console.error(`refused: ${target} is open in process ${users.join(", ")} — stop the server (and wait for its import jobs to end), then run the restore again`);
  process.exit(1);
}

try {
  const { restored, keptAside } = await restoreDatabase(backup, target);
  console.log(`restored ${backup}`);
  console.log(`    into ${target} (integrity ${restored.integrity}, data version ${restored.dataVersion}, ${restored.auditRows} audit rows)`);
  console.log(keptAside ? `the database it replaced is kept as ${keptAside}` : "there was no database to replace");
  console.log("start the server again: `npm start` applies any migration the backup predates");
  console.log(JSON.stringify({ file: target, keptAside, dataVersion: restored.dataVersion, auditRows: restored.auditRows }));
} catch (error) {
  console.error(`restore refused: ${(error as Error).message}; nothing was changed`);
  process.exit(1);
}
