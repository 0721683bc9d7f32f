import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { BUSY_TIMEOUT_MS, openDatabase, whenWriteLockFree, writeTransaction, writeTransactionWhenFree, type Db } from "./client";
import { migrateDatabase } from "./migrate";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/log";
import { tempDir } from "@/lib/testing/db";

const ROOT = resolve(import.meta.dirname, "..");

function freshFile(): string {
  return join(tempDir(), "client.db");
}

const pragma = (db: Db, name: string) => db.$client.pragma(name, { simple: true });

function schemaDump(db: Db): string {
  return JSON.stringify(db.$client.prepare("select type, name, tbl_name, sql from sqlite_master order by type, name").all());
}

test("openDatabase: WAL, synchronous=FULL, foreign keys on, busy timeout 5 s", () => {
  const db = openDatabase(freshFile());
  assert.equal(pragma(db, "journal_mode"), "wal");
  assert.equal(pragma(db, "synchronous"), 2, "synchronous must be FULL (2), not NORMAL (1)");
  assert.equal(pragma(db, "foreign_keys"), 1);
  assert.equal(pragma(db, "busy_timeout"), 5000);
  db.$client.close();
});

test("every new connection gets the same pragmas (a second connection to the same file)", () => {
  const file = freshFile();
  const first = openDatabase(file);
  const second = openDatabase(file);
  for (const db of [first, second]) {
    assert.equal(pragma(db, "journal_mode"), "wal");
    assert.equal(pragma(db, "synchronous"), 2);
    assert.equal(pragma(db, "foreign_keys"), 1);
    assert.equal(pragma(db, "busy_timeout"), 5000);
  }
  first.$client.close();
  second.$client.close();
});

test("foreign keys are enforced", () => {
  const db = openDatabase(freshFile());
  migrateDatabase(db);
  assert.throws(
    () => db.$client.prepare("insert into departments (name_zh, name_en, area_id) values ('x', 'x', 999)").run(),
    /FOREIGN KEY constraint failed/,
  );
});

test("migrations apply on a fresh file: every table and integrity trigger exists", () => {
  const db = openDatabase(freshFile());
  migrateDatabase(db);
  const names = (type: string) =>
    (db.$client.prepare("select name from sqlite_master where type = ? and name not like 'sqlite_%' order by name").all(type) as Array<{ name: string }>).map((r) => r.name);
  assert.deepEqual(names("table"), [
    "__drizzle_migrations",
    "actions",
    "anomaly_checks",
    "anomaly_exclusions",
    "anomaly_flag_rows",
    "anomaly_flags",
    "anomaly_settings",
    "areas",
    "audit_log",
    "baseline_sales",
    "baseline_uploads",
    "batches",
    "campaign_merchants",
    "campaigns",
    "carriers",
    "data_version",
    "departments",
    "events",
    "jobs",
    "login_throttle",
    "merchant_channel_ids",
    "merchants",
    "packages",
    "policies",
    "redemption_refunds",
    "redemption_totals",
    "redemptions",
    "retail_indicators",
    "revisions",
    "sectors",
    "statement_imports",
    "users",
  ]);
  // The data version's triggers are checked by db/data-version.test.ts.
  assert.deepEqual(names("trigger").filter((n) => !n.startsWith("data_version_")), ["audit_log_no_delete", "audit_log_no_update", "revisions_delete_drafts_only", "revisions_transitions"]);
  const applied = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
  const journal = readdirSync(join(ROOT, "db", "migrations")).filter((f) => f.endsWith(".sql"));
  assert.equal(applied.n, journal.length);
});

test("re-applying the migrations is a no-op", () => {
  const file = freshFile();
  const db = openDatabase(file);
  migrateDatabase(db);
  writeTransaction((tx) => appendAudit(tx, { actor: SYSTEM_ACTOR, action: "test", entity: "test", outcome: "success" }), db);
  const before = { schema: schemaDump(db), ledger: db.$client.prepare("select * from __drizzle_migrations").all() };
  migrateDatabase(db);
  db.$client.close();
  const reopened = openDatabase(file);
  migrateDatabase(reopened);
  assert.equal(schemaDump(reopened), before.schema);
  assert.deepEqual(reopened.$client.prepare("select * from __drizzle_migrations").all(), before.ledger);
  assert.equal((reopened.$client.prepare("select count(*) as n from audit_log").get() as { n: number }).n, 1);
});

test("writeTransaction rolls back every row when the function throws", () => {
  const db = openDatabase(freshFile());
  migrateDatabase(db);
  assert.throws(() =>
    writeTransaction((tx) => {
      db.$client.prepare("insert into areas (code, name_zh, name_en, level) values ('371700', '市', 'City', 'city')").run();
      appendAudit(tx, { actor: SYSTEM_ACTOR, action: "area.create", entity: "area", outcome: "success" });
      throw new Error("second half failed");
    }, db),
    /second half failed/,
  );
  assert.equal((db.$client.prepare("select count(*) as n from areas").get() as { n: number }).n, 0);
  assert.equal((db.$client.prepare("select count(*) as n from audit_log").get() as { n: number }).n, 0);
});

test("writeTransaction refuses an async function (a transaction never spans an await)", () => {
  const db = openDatabase(freshFile());
  migrateDatabase(db);
  assert.throws(() => writeTransaction((async () => undefined) as unknown as () => void, db), /cannot return a promise/);
});

test("writeTransaction takes the write lock at BEGIN (immediate)", () => {
  const file = freshFile();
  const a = openDatabase(file);
  migrateDatabase(a);
  const b = openDatabase(file);
  b.$client.pragma("busy_timeout = 0");
  // While `a` holds an immediate transaction, even a read-only writeTransaction on `b` cannot begin.
  writeTransaction(() => {
    assert.throws(() => writeTransaction(() => undefined, b), /database is locked/);
  }, a);
  writeTransaction(() => undefined, b);
});

test("@fault writeTransactionWhenFree waits for another connection's long write without blocking the event loop, then commits once", async () => {
  const file = freshFile();
  const a = openDatabase(file);
  migrateDatabase(a);
  const b = openDatabase(file);
  // `a` stands for a job process in a long import: it holds the write lock across turns of the event loop.
  a.$client.exec("BEGIN IMMEDIATE");
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 10);
  let runs = 0;
  const write = writeTransactionWhenFree((tx) => {
    runs++;
    appendAudit(tx, { actor: SYSTEM_ACTOR, action: "area.create", entity: "area", outcome: "success" });
    return "written";
  }, b);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Meanwhile the process went on (a blocking busy wait would have let no timer fire), and nothing ran.
  assert.ok(ticks >= 5, `the event loop turned ${ticks} times while the write waited`);
  assert.equal(runs, 0);
  a.$client.exec("COMMIT");
  assert.equal(await write, "written");
  clearInterval(ticker);
  assert.equal(runs, 1);
  assert.equal((b.$client.prepare("select count(*) as n from audit_log").get() as { n: number }).n, 1);
  // The connection's own busy timeout is back for its other statements.
  assert.equal(pragma(b, "busy_timeout"), BUSY_TIMEOUT_MS);
});

test("writeTransactionWhenFree passes on an error that is not the lock, without trying again", async () => {
  const db = openDatabase(freshFile());
  migrateDatabase(db);
  let runs = 0;
  await assert.rejects(
    writeTransactionWhenFree(() => {
      runs++;
      throw new Error("refused");
    }, db),
    /refused/,
  );
  assert.equal(runs, 1);
});

test("@fault whenWriteLockFree runs an upload's read-then-write again from its start while the lock is held, and writes once", async () => {
  const file = freshFile();
  const a = openDatabase(file);
  migrateDatabase(a);
  const b = openDatabase(file);
  a.$client.exec("BEGIN IMMEDIATE");
  let reads = 0;
  let writes = 0;
  // As an upload does: reads what it checks the file against, then saves in one transaction.
  const save = whenWriteLockFree(() => {
    reads++;
    const before = (b.$client.prepare("select count(*) as n from audit_log").get() as { n: number }).n;
    return writeTransaction((tx) => {
      writes++;
      appendAudit(tx, { actor: SYSTEM_ACTOR, action: "area.create", entity: "area", outcome: "success" });
      return before + 1;
    }, b);
  }, b);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(reads >= 2, `the work was tried ${reads} times while the lock was held`);
  assert.equal(writes, 0, "the transaction's body never ran while the lock was held");
  a.$client.exec("COMMIT");
  assert.equal(await save, 1);
  assert.equal(writes, 1);
  assert.equal((b.$client.prepare("select count(*) as n from audit_log").get() as { n: number }).n, 1);
  assert.equal(pragma(b, "busy_timeout"), BUSY_TIMEOUT_MS);
});

test("drizzle-kit generate finds no schema change that lacks a migration", () => {
  // Run in a copy, so a missing migration is reported, never written into the project.
  const dir = tempDir("huimin-drizzle-");
  mkdirSync(join(dir, "db"));
  cpSync(join(ROOT, "db", "schema.ts"), join(dir, "db", "schema.ts"));
  cpSync(join(ROOT, "db", "migrations"), join(dir, "db", "migrations"), { recursive: true });
  cpSync(join(ROOT, "drizzle.config.ts"), join(dir, "drizzle.config.ts"));
  cpSync(join(ROOT, "package.json"), join(dir, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const before = readdirSync(join(dir, "db", "migrations")).sort();
  const result = spawnSync(join(ROOT, "node_modules", ".bin", "drizzle-kit"), ["generate", "--name", "ci_check"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: join(dir, "unused.db") },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, output);
  assert.deepEqual(readdirSync(join(dir, "db", "migrations")).sort(), before, `drizzle-kit generated a migration:\n${output}`);
  assert.match(output, /No schema changes/);
});
