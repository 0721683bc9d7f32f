// Import jobs as the upload route leaves them: a file beside the database and a queued row,
// run to done or failed by the job runner (in this process, and through scripts/job.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { jobs, statementImports } from "@/db/schema";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { getJob, settleDeadJobs } from "@/lib/jobs/queue";
import { createImportJob, jobOutcome, runImportJob, uploadsDir } from "./jobs";

const db = await seededTestDb();
const { batchId } = approvedVoucherBatch(db, "HZ-JOB-W1");
const staff = demoUser(db, "staff");
const dir = uploadsDir(db.$client.name);
mkdirSync(dir, { recursive: true, mode: 0o700 });

const order = (id: string, voucherFen = 2_000): StatementOrder => ({ orderId: id, merchantId: "1900000401", payer: "oUpF8job", time: "2025-06-03 10:00:00", orderFen: 15_000, voucherFen });

let files = 0;
/** What the upload route does: the bytes under a name of ours, then a queued job. */
function queue(bytes: Buffer, fileName = "bill.csv"): { id: number; path: string } {
  const path = join(dir, `upload-${++files}.upload`);
  writeFileSync(path, bytes);
  const id = createImportJob(db, { batchId, fileName, filePath: path, bytes: bytes.byteLength, format: "wechat", actor: { id: staff.id, name: staff.username }, ip: "203.0.113.7" });
  return { id, path };
}

/** A pid no process has any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

test("a job for a small WeChat bill runs to done with the pipeline's counts, as the user who uploaded it; its file is removed", async () => {
  const { id, path } = queue(generateWechatBill({ rows: [order("6100001"), order("6100002"), order("6100003", 0)] }), "六月.csv");
  const job = await runImportJob(db, id);
  assert.equal(job.status, "done");
  assert.equal(job.error, null);
  assert.equal(job.pid, process.pid);
  assert.ok(job.startedAt && job.finishedAt);
  assert.equal(job.bytesRead, job.bytes);
  const outcome = jobOutcome(job);
  assert.ok(outcome?.ok);
  assert.equal(outcome.alreadyImported, false);
  assert.deepEqual({ ...outcome.counts }, { rowsRead: 3, inserted: 2, duplicates: 0, refunds: 0, revoked: 0, nonVoucher: 1, rejected: 0, subsidyFen: 4_000, grossFen: 30_000 });
  const imported = db.select().from(statementImports).where(eq(statementImports.id, outcome.importId!)).get()!;
  assert.equal(imported.importedBy, staff.id);
  assert.equal(imported.importedByName, staff.username);
  assert.equal(imported.fileName, "六月.csv");
  assert.equal(existsSync(path), false);
  // Run again (a second start of the same job): nothing happens twice.
  assert.equal((await runImportJob(db, id)).status, "done");
});

test("a refused file ends failed with its line-numbered problems; nothing is written and the file is removed", async () => {
  const before = db.select().from(statementImports).all().length;
  const broken = Buffer.from(generateWechatBill({ rows: [order("6200001")] }).toString("utf8").replace("`150.00", "`15x.00"));
  const { id, path } = queue(broken);
  const job = await runImportJob(db, id);
  assert.equal(job.status, "failed");
  assert.equal(job.error, "importRejected");
  const outcome = jobOutcome(job);
  assert.ok(outcome && !outcome.ok);
  assert.deepEqual(outcome.problems.map((p) => [p.line, p.column, p.reason]), [[2, "订单金额", "amountFormat"]]);
  assert.equal(db.select().from(statementImports).all().length, before);
  assert.equal(existsSync(path), false);
});

test("a file that is not a statement ends failed with the pipeline's reason, not a stack trace", async () => {
  const { id, path } = queue(Buffer.from("hello,world\n1,2\n"));
  const job = await runImportJob(db, id);
  assert.equal(job.status, "failed");
  assert.equal(job.error, "statementFormatUnknown");
  assert.equal(jobOutcome(job), null);
  assert.equal(existsSync(path), false);
});

test("a job whose process is gone is marked failed when looked at, and its file removed", async () => {
  const running = queue(generateWechatBill({ rows: [order("6300001")] }));
  db.update(jobs).set({ status: "running", pid: await deadPid(), startedAt: new Date() }).where(eq(jobs.id, running.id)).run();
  // A job started a moment ago whose process has not yet said so is not dead.
  const fresh = queue(generateWechatBill({ rows: [order("6300002")] }));
  assert.equal(settleDeadJobs(db, [running.id, fresh.id]), 1);
  const died = getJob(db, running.id)!;
  assert.equal(died.status, "failed");
  assert.equal(died.error, "importJobDied");
  assert.ok(died.finishedAt);
  assert.equal(existsSync(running.path), false);
  assert.equal(getJob(db, fresh.id)!.status, "queued");
  assert.equal(existsSync(fresh.path), true);
  // The later job does not wait on the dead one: it runs.
  assert.equal((await runImportJob(db, fresh.id)).status, "done");
});

test("a queued job waits its turn behind one whose process is gone, which its start sweeps", async () => {
  const lost = queue(generateWechatBill({ rows: [order("6400001")] }));
  db.update(jobs).set({ pid: await deadPid() }).where(eq(jobs.id, lost.id)).run();
  const next = queue(generateWechatBill({ rows: [order("6400002")] }));
  assert.equal((await runImportJob(db, next.id)).status, "done");
  assert.equal(getJob(db, lost.id)!.status, "failed");
  assert.equal(existsSync(lost.path), false);
});

test("scripts/job.ts runs an import job from source in a process of its own, with the database it is given", () => {
  const { id, path } = queue(generateWechatBill({ rows: [order("6500001"), order("6500002")] }));
  const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/job.ts", String(id)], { env: { ...process.env, DATABASE_PATH: db.$client.name }, encoding: "utf8" });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, new RegExp(`job ${id} .*: done`));
  const job = getJob(db, id)!;
  assert.equal(job.status, "done");
  assert.notEqual(job.pid, process.pid);
  assert.equal(jobOutcome(job)?.counts.inserted, 2);
  assert.equal(existsSync(path), false);
  assert.equal(spawnSync(process.execPath, ["--import", "tsx", "scripts/job.ts", "x"]).status, 2);
});
