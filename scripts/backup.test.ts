// `npm run backup` while another process keeps writing, then `npm run restore`: the restored
// database answers exactly what the source held at the moment of the backup — the same imports
// and rows, the leverage engine's figures, registry counts, an intact audit chain that is a prefix
// of the source's — and the restore refuses a database in use and a damaged backup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/log";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { seedDemo } from "@/db/seed/demo";
import { importStatement } from "@/lib/imports/pipeline";
import { generateAlipayDetail, randomOrders } from "@/lib/statements/generate";
import { seededTestDb, tempDir, testDb } from "@/lib/testing/db";
import { databaseFingerprint } from "@/lib/testing/fingerprint";
import { recordFaultFigures } from "@/lib/testing/suite-report";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { checkTotals } from "@/lib/imports/totals";

const BATCH = "HZ-BACKUP-W1";
const REGISTRY_TABLES = ["policies", "actions", "packages", "events", "carriers", "campaigns", "batches", "merchants", "retail_indicators", "users"];

function run(script: string, args: string[], databasePath: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: "utf8" });
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: last.startsWith("{") ? JSON.parse(last) : null };
}

/** `run`, without blocking this process's event loop (the writer's lines go on being counted). */
async function runAsync(script: string, args: string[], databasePath: string) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [status] = (await once(child, "exit")) as [number | null];
  const last = stdout.trim().split("\n").at(-1) ?? "";
  return { status, stdout, stderr, json: last.startsWith("{") ? JSON.parse(last) : null };
}

/** The busy writer, and a promise per commit count: `commits(n)` resolves once it has committed n imports. */
function startWriter(databasePath: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/busy-writer.ts", BATCH], { env: { ...process.env, DATABASE_PATH: databasePath }, stdio: ["ignore", "pipe", "inherit"] });
  let committed = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("committed ")) return;
    committed++;
    for (const w of waiting.filter((w) => w.n <= committed)) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child: child as ChildProcess,
    exited,
    count: () => committed,
    commits: (n: number) =>
      Promise.race([
        new Promise<void>((resolve) => (n <= committed ? resolve() : waiting.push({ n, resolve }))),
        exited.then(() => {
          throw new Error(`the writer exited after ${committed} commits`);
        }),
      ]),
  };
}

/** What the figures read, by batch, from the leverage engine (the kept totals). */
function engineByBatch(db: Db) {
  return Object.fromEntries(leverageBreakdown(db, { by: "batch" }).map((r) => [r.code, { redemptions: r.redemptions, subsidyFen: r.subsidyFen, grossFen: r.grossFen }]));
}

const count = (db: Db, table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;

test("@fault npm run backup taken while another process writes restores, with npm run restore, to exactly the source at that moment", async (t) => {
  // The demo registry (the voucher programme's seed takes too long for here), an Alipay batch with
  // a month's statement (refunds and revoked orders included), and a batch to write into.
  const seeded = testDb();
  await seedDemo(seeded, { registry: true, vouchers: false });
  const actionId = seeded.$client.prepare(`select min(id) from actions where status = 'approved'`).pluck().get() as number;
  approvedVoucherBatch(seeded, "HZ-BACKUP-A1", "alipay", actionId);
  const month = await importStatement(seeded, {
    batchCode: "HZ-BACKUP-A1",
    source: [generateAlipayDetail({ rows: randomOrders({ count: 5_000, seed: 5, idPrefix: "2025A", refundShare: 0.05 }) })],
    format: "alipay",
    fileName: "alipay-june.csv",
    actor: { id: null, name: "test" },
  });
  assert.ok(month.ok && month.counts.refunds > 0);
  approvedVoucherBatch(seeded, BATCH, "wechat", actionId);
  const source = seeded.$client.name;
  seeded.$client.close();
  const dir = tempDir();
  const backupFile = join(dir, "huimin-backup.db");

  const writer = startWriter(source);
  // A failed assertion must not leave the writer running (and this test process waiting on it).
  t.after(() => writer.child.kill("SIGKILL"));
  await writer.commits(3);
  const started = performance.now();
  const commitsBefore = writer.count();
  const backup = await runAsync("scripts/backup.ts", [backupFile], source);
  const commitsDuring = writer.count() - commitsBefore;
  const seconds = (performance.now() - started) / 1000;
  assert.equal(backup.status, 0, backup.stderr);
  assert.match(backup.stdout, /integrity ok/);
  assert.equal(backup.json.file, backupFile);

  // While the writer still has the database open, a restore over it is refused and changes nothing.
  await writer.commits(writer.count() + 2);
  const refused = run("scripts/restore.ts", [backupFile], source);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, new RegExp(`refused: .* is open in process .*${writer.child.pid}.* stop the server`));
  writer.child.kill("SIGTERM");
  assert.equal(await writer.exited, 0);
  assert.deepEqual(
    readdirSync(dir).filter((f) => !f.startsWith("huimin-backup.db")),
    [],
  );

  // Restored into a fresh path, as on a new machine.
  const fresh = join(tempDir(), "huimin.db");
  const restore = run("scripts/restore.ts", [backupFile], fresh);
  assert.equal(restore.status, 0, restore.stderr);
  assert.equal(restore.json.keptAside, null);

  const src = openDatabase(source);
  const restored = openDatabase(fresh);
  assert.equal(restored.$client.pragma("integrity_check", { simple: true }), "ok");
  // The backup's moment: its last import and audit row; the source holds those and more.
  const lastImport = restored.$client.prepare(`select max(id) from statement_imports`).pluck().get() as number;
  const lastAudit = restored.$client.prepare(`select max(id) from audit_log`).pluck().get() as number;
  const sourceImports = count(src, "statement_imports");
  assert.ok(lastImport < sourceImports, "the writer went on after the backup");

  // Whole transactions only: each import in the backup has all its rows, and its audit row.
  const rowsOf = (db: Db) => db.$client.prepare(`select import_id, count(*) n from redemptions group by import_id order by import_id`).all();
  assert.deepEqual(rowsOf(restored), (rowsOf(src) as Array<{ import_id: number }>).filter((r) => r.import_id <= lastImport));
  const sameRows = (table: string, where: string) => {
    const sql = `select * from ${table} where ${where} order by id`;
    assert.deepEqual(restored.$client.prepare(sql).all(), src.$client.prepare(sql).all(), table);
  };
  sameRows("statement_imports", `id <= ${lastImport}`);
  sameRows("audit_log", `id <= ${lastAudit}`);
  const restoredChain = verifyAuditChain(restored);
  assert.deepEqual(restoredChain, { intact: true, checked: count(restored, "audit_log"), brokenAtId: null, reason: null });
  assert.equal(verifyAuditChain(src).intact, true);

  // The leverage engine: every demo batch as in the source (the writer touched only its own),
  // the writer's batch as the source's rows of the imports the backup holds.
  const engineRestored = engineByBatch(restored);
  const engineSource = engineByBatch(src);
  const writerBatch = src.$client
    .prepare(
      `select count(*) redemptions, sum(voucher_fen) subsidyFen, sum(order_fen) grossFen
       from redemptions r join batches b on b.id = r.batch_id where b.code = ? and r.voucher_fen > 0 and r.import_id <= ?`,
    )
    .get(BATCH, lastImport);
  assert.deepEqual(engineRestored, { ...engineSource, [BATCH]: writerBatch });
  assert.equal(Object.keys(engineRestored).length, 2);
  for (const table of REGISTRY_TABLES) assert.equal(count(restored, table), count(src, table), table);
  assert.deepEqual(checkTotals(restored), []);

  // The data version as backed up, under a new instance (a new line of history for the caches).
  const version = (db: Db) => db.$client.prepare(`select instance, version from data_version`).get() as { instance: string; version: number };
  assert.equal(version(restored).version, backup.json.dataVersion);
  assert.notEqual(version(restored).instance, version(src).instance);
  // Apart from that, the restored file holds what the backup file holds, row for row.
  const backupDb = openDatabase(backupFile);
  assert.deepEqual(databaseFingerprint(restored.$client, { except: ["data_version"] }), databaseFingerprint(backupDb.$client, { except: ["data_version"] }));
  backupDb.$client.close();
  const figures = {
    importsInBackup: lastImport,
    importsAfter: sourceImports - lastImport,
    commitsDuringBackup: commitsDuring,
    redemptions: count(restored, "redemptions"),
    auditRows: restoredChain.checked,
    backupBytes: backup.json.bytes,
    backupSeconds: Number(seconds.toFixed(1)),
    rowsLost: 0,
  };
  src.$client.close();
  restored.$client.close();
  recordFaultFigures("backup while writing, then restore", figures);
});

test("@fault npm run restore over a database keeps the old one aside, and refuses a damaged backup without touching the database", async () => {
  const db = await seededTestDb();
  approvedVoucherBatch(db, BATCH);
  const path = db.$client.name;
  db.$client.close();
  const dir = tempDir();
  const backupFile = join(dir, "b.db");
  assert.equal(run("scripts/backup.ts", [backupFile], path).status, 0);
  // A backup never overwrites a file.
  const again = run("scripts/backup.ts", [backupFile], path);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /exists/);

  // The database moves on after the backup.
  const later = openDatabase(path);
  later.$client.prepare(`update users set display_name = 'after the backup' where username = 'staff'`).run();
  const laterPrint = databaseFingerprint(later.$client);
  later.$client.close();

  // A damaged copy of the backup, still readable: a username changed in its table's page but not
  // in its unique index's (a bit flipped on a disk), which only an integrity check finds.
  const damaged = join(dir, "damaged.db");
  const bytes = readFileSync(backupFile);
  const at = bytes.indexOf("caoxian.staff");
  assert.ok(at > 0);
  bytes.write("caoxian.stafg", at);
  writeFileSync(damaged, bytes);
  const refused = run("scripts/restore.ts", [damaged], path);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /restore refused: the backup failed its integrity check: .*index.*; nothing was changed/);
  const untouched = openDatabase(path);
  assert.deepEqual(databaseFingerprint(untouched.$client), laterPrint);
  untouched.$client.close();

  const restore = run("scripts/restore.ts", [backupFile], path);
  assert.equal(restore.status, 0, restore.stderr);
  const aside = restore.json.keptAside as string;
  assert.match(aside, /\.before-restore-\d{8}-\d{6}$/);
  assert.ok(!existsSync(`${path}.restoring`));
  const kept = openDatabase(aside);
  assert.deepEqual(databaseFingerprint(kept.$client), laterPrint, "the replaced database is kept whole");
  kept.$client.close();
  const now = openDatabase(path);
  assert.equal(now.$client.prepare(`select display_name from users where username = 'staff'`).pluck().get() === "after the backup", false);
  assert.equal(now.$client.pragma("integrity_check", { simple: true }), "ok");
  now.$client.close();
});
