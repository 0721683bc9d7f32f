// An import killed part way (SIGKILL, no chance to clean up) while its one write transaction is
// open leaves the database exactly as it was — integrity intact, every row of every table the
// same — and the same import then succeeds. Killed as an operator's `npm run import` and as the
// job process an upload starts, whose job the next poll then reports failed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import en from "@/lib/i18n/messages/en.json";
import { getJob, settleDeadJobs } from "@/lib/jobs/queue";
import { generateWechatBill, randomOrders, wechatBillChunks } from "@/lib/statements/generate";
import { seededTestDb, tempDir } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { changedTables, databaseFingerprint } from "@/lib/testing/fingerprint";
import { recordFaultFigures } from "@/lib/testing/suite-report";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { createImportJob, uploadsDir } from "./jobs";
import { importStatement } from "./pipeline";
import { checkTotals } from "./totals";

const ROWS = 200_000;
const SEED = 11;

/** How far process `pid` has read `file` (Linux /proc); null while it has not opened it. */
function readPosition(pid: number, file: string): number | null {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
      return pos ? Number(pos[1]) : null;
    }
  } catch {
    // The process is gone, or its descriptors are not readable: nothing known.
  }
  return null;
}

/**
 * True while `pid` holds SQLite's WAL write lock on the database: in WAL mode a writer holds a
 * POSIX write lock on byte 120 of the -shm file for exactly as long as its write transaction is
 * open (Linux lists it in /proc/locks by pid and inode). Watching it disturbs nothing, unlike
 * trying to take the lock ourselves.
 */
function holdsWriteLock(pid: number, shmInode: number): boolean {
  return readFileSync("/proc/locks", "utf8")
    .split("\n")
    .some((line) => {
      const f = line.trim().split(/\s+/);
      // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2152494 120 120"
      return f[1] === "POSIX" && f[3] === "WRITE" && Number(f[4]) === pid && f[5]?.endsWith(`:${shmInode}`) && f[6] === "120";
    });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

const walSize = (database: string) => (existsSync(`${database}-wal`) ? statSync(`${database}-wal`).size : 0);

/** A write transaction held this long is the import's move (a job's progress update holds it for well under a millisecond). */
const HELD_MS = 50;

/**
 * Kills `child` with SIGKILL inside the import's write transaction. It waits until the child has
 * read half the file (so it is past its start-up, staging rows, which write only its own temp
 * file), then until it has held the database's write lock for HELD_MS without a break, seen on
 * every look: the import's one transaction, moving 200,000 rows in (its pages stay in the
 * import's page cache until the commit). Returns when it was killed and the WAL's size then.
 */
async function killInsideWriteTransaction(child: ChildProcess, file: string, database: string) {
  const started = performance.now();
  const half = statSync(file).size / 2;
  const deadline = Date.now() + 120_000;
  const alive = () => child.exitCode === null && child.signalCode === null && Date.now() < deadline;
  while ((readPosition(child.pid!, file) ?? 0) < half && alive()) await tick();
  assert.ok(alive(), "the import ended before it had read half the file");
  const shm = statSync(`${database}-shm`).ino;
  let heldSince: number | null = null;
  while (alive()) {
    if (!holdsWriteLock(child.pid!, shm)) heldSince = null;
    else if (heldSince === null) heldSince = performance.now();
    else if (performance.now() - heldSince >= HELD_MS) break;
    await tick();
  }
  assert.ok(alive(), "the import ended before it could be killed inside its write transaction");
  child.kill("SIGKILL");
  const killedAfterMs = Math.round(performance.now() - started);
  const lockHeldMs = Math.round(performance.now() - heldSince!);
  const walBytes = walSize(database);
  await once(child, "exit");
  assert.equal(child.signalCode, "SIGKILL");
  return { killedAfterMs, lockHeldMs, walBytes };
}

/** Integrity check and fingerprint, on a connection of our own (as the next process would open it). */
function inspect(path: string, except: string[] = []) {
  const db = openDatabase(path);
  try {
    return { integrity: db.$client.pragma("integrity_check", { simple: true }), fingerprint: databaseFingerprint(db.$client, { except }) };
  } finally {
    db.$client.close();
  }
}

// The database: the demo organisation, a batch with an earlier import (so there are kept totals,
// redemptions, audit rows and a data version to keep), and a 200,000-row WeChat bill on disk.
const seeded = await seededTestDb();
const { batchId } = approvedVoucherBatch(seeded, "HZ-CRASH-W1");
const earlier = await importStatement(seeded, {
  batchCode: "HZ-CRASH-W1",
  source: [generateWechatBill({ rows: randomOrders({ count: 500, seed: 3, idPrefix: "E" }) })],
  format: "wechat",
  fileName: "earlier.csv",
  actor: { id: null, name: "test" },
});
assert.ok(earlier.ok && earlier.counts.inserted > 0);
const staff = demoUser(seeded, "staff");
const path = seeded.$client.name;
seeded.$client.close();

const dir = tempDir();
const file = join(dir, "big.csv");
const out = createWriteStream(file);
for (const chunk of wechatBillChunks({ rows: randomOrders({ count: ROWS, seed: SEED, idPrefix: "K" }) })) if (!out.write(chunk)) await once(out, "drain");
out.end();
await once(out, "finish");

/** What the bill holds, from the orders themselves: the counts and sums a correct import reports. */
function expectedCounts() {
  const e = { inserted: 0, duplicates: 0, refunds: 0, revoked: 0, nonVoucher: 0, rejected: 0, subsidyFen: 0, grossFen: 0 };
  for (const order of randomOrders({ count: ROWS, seed: SEED, idPrefix: "K" })) {
    if (order.revoked) {
      e.revoked++;
      continue;
    }
    if (order.voucherFen > 0) {
      e.inserted++;
      e.subsidyFen += order.voucherFen;
      e.grossFen += order.orderFen;
    } else e.nonVoucher++;
    if (order.refund) {
      // A full refund: the order comes to nothing.
      e.refunds++;
      if (order.voucherFen > 0) {
        e.subsidyFen -= order.voucherFen;
        e.grossFen -= order.orderFen;
      }
    }
  }
  return e;
}

const importCli = (args: string[]) =>
  spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], { env: { ...process.env, DATABASE_PATH: path }, stdio: ["ignore", "pipe", "pipe"] });

test("@fault an upload's import job killed (SIGKILL) inside its write transaction changes no row; the next poll reports it failed and removes its file", async (t) => {
  const before = inspect(path, ["jobs"]);
  const db: Db = openDatabase(path);
  const uploads = uploadsDir(path);
  mkdirSync(uploads, { recursive: true, mode: 0o700 });
  // What the upload route does: the body under a name of ours, a queued job, its own process.
  const upload = join(uploads, "crash.upload");
  copyFileSync(file, upload);
  const jobId = createImportJob(db, { batchId, fileName: "六月账单.csv", filePath: upload, bytes: statSync(upload).size, format: "auto", actor: { id: staff.id, name: staff.username }, ip: null });
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/job.ts", String(jobId)], { env: { ...process.env, DATABASE_PATH: path }, stdio: "ignore" });
  t.after(() => child.kill("SIGKILL"));
  const killed = await killInsideWriteTransaction(child, upload, path);

  const after = inspect(path, ["jobs"]);
  assert.equal(after.integrity, "ok");
  assert.deepEqual(changedTables(before.fingerprint, after.fingerprint), [], "no table other than jobs changed");
  // Until someone looks, the job still says running, under the dead process's pid.
  assert.equal(getJob(db, jobId)!.status, "running");
  // What the poll (GET /api/imports/jobs/[id] → getImportJobForUser) does first, then answers.
  assert.equal(settleDeadJobs(db, [jobId]), 1);
  const job = getJob(db, jobId)!;
  assert.equal(job.status, "failed");
  assert.equal(job.error, "importJobDied");
  assert.ok(job.finishedAt);
  assert.equal(existsSync(upload), false, "the dead job's upload is removed");
  assert.match(en.errors.importJobDied, /nothing was imported/);
  db.$client.close();
  recordFaultFigures("import job killed in its write transaction", { rows: ROWS, killedAfterMs: killed.killedAfterMs, lockHeldMs: killed.lockHeldMs, walBytesAtKill: killed.walBytes, rowsLost: 0, tablesChanged: 0, integrity: after.integrity, jobReported: job.error! });
});

test("@fault SIGKILL of `npm run import` inside its 200,000-row write transaction leaves every table as before; the same import then succeeds", async (t) => {
  const before = inspect(path);
  const child = importCli(["--batch", "HZ-CRASH-W1", "--format", "wechat", file]);
  t.after(() => child.kill("SIGKILL"));
  const killed = await killInsideWriteTransaction(child, file, path);

  const after = inspect(path);
  assert.equal(after.integrity, "ok");
  assert.deepEqual(changedTables(before.fingerprint, after.fingerprint), [], "every table as before the killed import");
  assert.deepEqual(after.fingerprint, before.fingerprint);

  // What it had staged was in its connection's temp file, which went with the process.
  const again = importCli(["--batch", "HZ-CRASH-W1", "--format", "wechat", file]);
  let stdout = "";
  again.stdout!.on("data", (chunk) => (stdout += chunk));
  again.stderr!.resume();
  const [code] = await once(again, "exit");
  assert.equal(code, 0, stdout);
  const reported = JSON.parse(stdout.trim().split("\n").at(-1)!);
  const expected = expectedCounts();
  assert.deepEqual(reported, expected);

  const db = openDatabase(path);
  const kept = db.$client.prepare(`select sum(subsidy_fen) s, sum(gross_fen) g from redemption_totals where batch_id = ?`).get(batchId) as { s: number; g: number };
  assert.deepEqual(kept, { s: expected.subsidyFen + earlier.counts.subsidyFen, g: expected.grossFen + earlier.counts.grossFen }, "kept totals = the earlier import + this one");
  // `npm run check-totals`'s check: the kept totals equal a recomputation from the rows.
  assert.deepEqual(checkTotals(db), []);
  assert.equal(db.$client.pragma("integrity_check", { simple: true }), "ok");
  db.$client.close();
  recordFaultFigures("npm run import killed in its write transaction", {
    rows: ROWS,
    killedAfterMs: killed.killedAfterMs,
    lockHeldMs: killed.lockHeldMs,
    walBytesAtKill: killed.walBytes,
    rowsLost: 0,
    tablesChanged: 0,
    integrity: after.integrity,
    reimportedRows: expected.inserted + expected.nonVoucher,
  });
});
