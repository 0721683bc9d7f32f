// The anomaly checks as a job: queued by a manager's re-run, new thresholds or a void, run in a
// job process one at a time with imports, writing exactly the flags the direct call writes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { writeTransaction } from "@/db/client";
import { jobs } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { createImportJob, uploadsDir } from "@/lib/imports/jobs";
import { importStatement } from "@/lib/imports/pipeline";
import { getJob, settleDeadJobs } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/run";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { readSource } from "@/lib/testing/source";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { AppError } from "@/lib/errors";
import { queueAnomalyCheck, type CheckJobResult } from "./check-jobs";
import { refreshAnomalies } from "./refresh";
import { DEFAULT_SETTINGS } from "./rules";
import { loadAnomalySettings, saveAnomalySettings } from "./settings";

const db = await seededTestDb();
// getDb() (used by the server-side modules) opens DATABASE_PATH on first use: this test's database.
process.env.DATABASE_PATH = db.$client.name;
const { queueRecheck, saveSettingsAndQueueChecks } = await import("./check-requests");
const { checksState, getCheckJobForUser } = await import("./queries");

// A city batch with one payer redeeming eight vouchers and another six, among ordinary payers.
const { batchId } = approvedVoucherBatch(db, "CHECK-JOB-W1");
let serial = 0;
const order = (payer: string, orderFen: number): StatementOrder => {
  serial++;
  return { orderId: `4300CHK${String(serial).padStart(8, "0")}`, merchantId: `19200000${String(serial % 5).padStart(2, "0")}`, payer, time: `2025-06-${String(1 + (serial % 28)).padStart(2, "0")} 12:00:00`, orderFen, voucherFen: 2_000 };
};
const rows: StatementOrder[] = [];
for (let i = 0; i < 8; i++) rows.push(order("oJobEight", 12_000 + i * 1_000));
for (let i = 0; i < 6; i++) rows.push(order("oJobSix", 15_000));
for (let i = 0; i < 30; i++) rows.push(order(`oJobPayer${i}`, 13_000 + i * 700));
const imported = await importStatement(db, { batchCode: "CHECK-JOB-W1", source: [generateWechatBill({ rows })], format: "wechat", fileName: "june.csv", actor: SYSTEM_ACTOR });
assert.ok(imported.ok);

const manager = demoUser(db, "manager");
const countyManager = demoUser(db, "caoxian.manager");
const actor = { id: manager.id, name: manager.username };
const c = db.$client;

/** The batch's flags as the review pages read them, with their rows. */
const flagsOf = () =>
  c
    .prepare(
      `select f.rule, f.subject, f.merchant_id as merchantId, f.detail, f.row_count as rowCount, f.subsidy_fen as subsidyFen, f.gross_fen as grossFen, f.stale,
              (select group_concat(redemption_id) from (select redemption_id from anomaly_flag_rows where flag_id = f.id order by redemption_id)) as rows
       from anomaly_flags f where f.batch_id = ? order by f.rule, f.subject`,
    )
    .all(batchId);
const clearFlags = () => {
  c.prepare(`delete from anomaly_flags where batch_id = ?`).run(batchId);
  c.prepare(`delete from anomaly_checks where batch_id = ?`).run(batchId);
};
const checkedAt = () => c.prepare(`select checked_at from anomaly_checks where batch_id = ?`).pluck().get(batchId) as number | undefined;

/** A pid no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

const dir = uploadsDir(db.$client.name);
mkdirSync(dir, { recursive: true, mode: 0o700 });
let uploads = 0;
/** An import job as the upload route leaves it. */
function queueImport(orderId: string): number {
  const bytes = generateWechatBill({ rows: [{ ...order("oJobLater", 14_000), orderId }] });
  const path = join(dir, `check-job-${++uploads}.upload`);
  writeFileSync(path, bytes);
  return createImportJob(db, { batchId, fileName: "later.csv", filePath: path, bytes: bytes.byteLength, format: "wechat", actor, ip: null });
}

test("a queued check job runs and writes the same flags, rows and figures as the direct call", async () => {
  clearFlags();
  refreshAnomalies(db, batchId);
  const direct = flagsOf();
  assert.equal(direct.length, 2, "both repeat payers are flagged");
  clearFlags();

  const { jobId, queued } = queueAnomalyCheck(db, { batchIds: [batchId], settings: loadAnomalySettings(db).settings, actor, ip: null });
  assert.equal(queued, true);
  assert.deepEqual(flagsOf(), [], "queueing runs nothing");
  const job = await runJob(db, jobId);
  assert.equal(job.status, "done");
  assert.equal(job.pid, process.pid);
  assert.deepEqual(flagsOf(), direct);
  assert.deepEqual(job.result as CheckJobResult, { batches: 1, added: 2, kept: 0, removed: 0, staled: 0, millis: (job.result as CheckJobResult).millis });
  assert.ok(checkedAt());
});

test("a check job runs with the thresholds it was queued with, not those kept when it runs", async () => {
  const { jobId } = queueAnomalyCheck(db, { batchIds: [batchId], settings: { ...DEFAULT_SETTINGS, maxPerPayer: 7 }, actor, ip: null });
  writeTransaction((tx) => saveAnomalySettings(tx, { ...DEFAULT_SETTINGS, maxPerPayer: 3 }, manager.id), db);
  assert.equal((await runJob(db, jobId)).status, "done");
  assert.deepEqual(
    flagsOf().map((f) => (f as { subject: string }).subject),
    ["oJobEight"],
    "under a limit of 7 only the payer of eight is flagged",
  );
  writeTransaction((tx) => saveAnomalySettings(tx, DEFAULT_SETTINGS, manager.id), db);
  const back = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  await runJob(db, back.jobId);
  assert.equal(flagsOf().length, 2);
});

test("re-run checks and new thresholds queue a job and return without running the rules", () => {
  const before = { flags: flagsOf(), checkedAt: checkedAt() };
  const recheck = queueRecheck(db, manager);
  assert.equal(recheck.queued, true);
  assert.ok(recheck.batches >= 1);
  const job = getJob(db, recheck.jobId)!;
  assert.equal(job.kind, "anomaly-check");
  assert.equal(job.status, "queued");
  assert.equal(job.pid, null, "its process is started by the action after commit, not here");
  assert.ok((job.params as { batchIds: number[] }).batchIds.includes(batchId));
  assert.deepEqual((job.params as { settings: unknown }).settings, DEFAULT_SETTINGS);
  // A county manager re-checks only their own area's batches; asking for a city batch is refused.
  assert.throws(() => queueRecheck(db, countyManager, batchId), (e) => e instanceof AppError && e.code === "NOT_FOUND");

  const saved = saveSettingsAndQueueChecks(db, manager, { ...DEFAULT_SETTINGS, maxPerPayer: 7 });
  assert.equal(saved.changed, true);
  const settingsJob = getJob(db, saved.check!.jobId)!;
  assert.equal(settingsJob.status, "queued");
  assert.equal((settingsJob.params as { settings: { maxPerPayer: number } }).settings.maxPerPayer, 7);
  assert.equal(saveSettingsAndQueueChecks(db, manager, { ...DEFAULT_SETTINGS, maxPerPayer: 7 }).check, null, "unchanged thresholds queue nothing");
  assert.deepEqual({ flags: flagsOf(), checkedAt: checkedAt() }, before, "no rule ran in the request");
  const state = checksState(manager);
  assert.deepEqual(
    state.jobs.map((j) => [j.id, j.status]),
    [
      [recheck.jobId, "queued"],
      [settingsJob.id, "queued"],
    ],
  );
  for (const id of [recheck.jobId, settingsJob.id]) db.update(jobs).set({ status: "failed", error: "test", finishedAt: new Date() }).where(eq(jobs.id, id)).run();
  writeTransaction((tx) => saveAnomalySettings(tx, DEFAULT_SETTINGS, manager.id), db);
});

test("the server action and the void only queue the checks: neither imports the rules", () => {
  for (const file of ["lib/anomalies/actions.ts", "lib/anomalies/check-requests.ts", "lib/imports/void.ts", "lib/imports/actions.ts"]) {
    assert.doesNotMatch(readSource(file), /from "(\.\/refresh|@\/lib\/anomalies\/refresh)"/, `${file} imports the refresh`);
    assert.doesNotMatch(readSource(file), /refreshAnomalies|detectAnomalies/, `${file} runs the rules`);
  }
});

test("a check job whose process died is marked failed like an import job; the poll and the page say so", async () => {
  const { jobId } = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  db.update(jobs).set({ status: "running", pid: await deadPid(), startedAt: new Date() }).where(eq(jobs.id, jobId)).run();
  const fresh = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  assert.equal(settleDeadJobs(db, [jobId, fresh.jobId]), 1, "a job queued a moment ago is not dead");
  const died = getJob(db, jobId)!;
  assert.deepEqual([died.status, died.error], ["failed", "checkJobDied"]);
  assert.ok(died.finishedAt);
  assert.equal((await runJob(db, fresh.jobId)).status, "done", "the next job does not wait on the dead one");

  const lost = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  db.update(jobs).set({ pid: await deadPid() }).where(eq(jobs.id, lost.jobId)).run();
  assert.equal(getCheckJobForUser(manager, lost.jobId).status, "failed", "the poll settles it");
  const state = checksState(manager);
  assert.deepEqual([state.jobs, state.lastFailed], [[], true]);
});

test("a check job answers only to those who may see one of its batches", async () => {
  const { jobId } = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  assert.equal(getCheckJobForUser(demoUser(db, "auditor"), jobId).status, "queued");
  assert.equal(getCheckJobForUser(manager, jobId).id, jobId);
  assert.throws(() => getCheckJobForUser(countyManager, jobId), (e) => e instanceof AppError && e.code === "NOT_FOUND");
  const importJob = queueImport("4300CHKIMP0001");
  assert.throws(() => getCheckJobForUser(manager, importJob), (e) => e instanceof AppError && e.code === "NOT_FOUND", "an import job is not a check job");
  await runJob(db, importJob);
  await runJob(db, jobId);
});

test("imports and checks never run at once: each job waits for every job queued before it", async () => {
  // An import queued first holds back a check queued after it …
  const importFirst = queueImport("4300CHKIMP0002");
  const checkSecond = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null }).jobId;
  const waiting = runJob(db, checkSecond);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(getJob(db, checkSecond)!.status, "queued", "the check waits while the import is queued");
  const importDone = await runJob(db, importFirst);
  const checkDone = await waiting;
  assert.deepEqual([importDone.status, checkDone.status], ["done", "done"]);
  assert.ok(checkDone.startedAt!.getTime() >= importDone.finishedAt!.getTime());

  // … and a check queued first holds back an import.
  const checkFirst = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null }).jobId;
  const importSecond = queueImport("4300CHKIMP0003");
  const importing = runJob(db, importSecond);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(getJob(db, importSecond)!.status, "queued", "the import waits while the check is queued");
  const first = await runJob(db, checkFirst);
  const second = await importing;
  assert.deepEqual([first.status, second.status], ["done", "done"]);
  assert.ok(second.startedAt!.getTime() >= first.finishedAt!.getTime());
});

test("scripts/job.ts runs a check job from source in a process of its own", () => {
  clearFlags();
  const { jobId } = queueAnomalyCheck(db, { batchIds: [batchId], settings: DEFAULT_SETTINGS, actor, ip: null });
  const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/job.ts", String(jobId)], { env: { ...process.env, DATABASE_PATH: db.$client.name }, encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, new RegExp(`anomaly-check job ${jobId} \\(1 batches\\): done`));
  const job = getJob(db, jobId)!;
  assert.equal(job.status, "done");
  assert.notEqual(job.pid, process.pid);
  assert.equal(flagsOf().length, 2);
});
