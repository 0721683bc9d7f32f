// The upload route's half of an import job: the body to a private file beside the database,
// a job, its own process; then the job as the poll route reads it, within the batch's scope.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { generateWechatBill } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { AppError } from "@/lib/errors";
import { uploadsDir } from "./jobs";

const db = await seededTestDb();
const { batchId } = approvedVoucherBatch(db, "HZ-SVC-W1");
// getDb() (used by the service) opens DATABASE_PATH on first use: this test's database.
process.env.DATABASE_PATH = db.$client.name;
const { getImportJobForUser, receiveStatement } = await import("./service");
const { claimRevalidation } = await import("@/lib/jobs/service");

const staff = demoUser(db, "staff");
const actor = { id: staff.id, name: staff.username };
const body = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]).stream();
const refusal = (code: string, key: string) => (error: unknown) => error instanceof AppError && error.code === code && error.messageKey === key;
/** Polls as the upload form does, until the job's process has ended it. */
async function settled(jobId: number) {
  let job = getImportJobForUser(staff, jobId);
  for (let i = 0; i < 150 && (job.status === "queued" || job.status === "running"); i++) {
    await new Promise((r) => setTimeout(r, 200));
    job = getImportJobForUser(staff, jobId);
  }
  return job;
}
const bill = generateWechatBill({
  rows: [{ orderId: "6600001", merchantId: "1900000501", payer: "oUpF8svc", time: "2025-06-04 11:00:00", orderFen: 15_000, voucherFen: 2_000 }],
});

test("an upload is kept under a name of ours in a private folder beside the database, then imported by its own process", async () => {
  const { jobId } = await receiveStatement(staff, batchId, body(bill), { format: "wechat", fileName: "../../etc/六月.csv", actor, ip: null });
  const dir = uploadsDir(db.$client.name);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const queued = getImportJobForUser(staff, jobId);
  assert.equal(queued.fileName, "../../etc/六月.csv");
  assert.equal(queued.bytes, bill.byteLength);
  assert.equal(queued.filePath!.startsWith(`${dir}/`), true);
  assert.match(queued.filePath!.slice(dir.length + 1), /^[0-9a-f-]{36}\.upload$/);
  assert.ok(queued.pid && queued.pid !== process.pid, "the import runs in another process");

  const job = await settled(jobId);
  assert.equal(job.status, "done", job.error ?? "");
  assert.equal(existsSync(queued.filePath!), false);
  assert.equal(await claimRevalidation(jobId), true);
  assert.equal(await claimRevalidation(jobId), false, "the batch page is revalidated once");
});

test("@security the job answers only to those who may read its batch", async () => {
  const { jobId } = await receiveStatement(staff, batchId, body(bill), { format: "wechat", fileName: "again.csv", actor, ip: null });
  assert.equal(getImportJobForUser(demoUser(db, "auditor"), jobId).id, jobId);
  assert.equal(getImportJobForUser(demoUser(db, "manager"), jobId).id, jobId);
  assert.throws(() => getImportJobForUser(demoUser(db, "caoxian.staff"), jobId), refusal("NOT_FOUND", "notFound"));
  assert.throws(() => getImportJobForUser(staff, jobId + 1000), refusal("NOT_FOUND", "notFound"));
  assert.equal((await settled(jobId)).status, "done");
});

test("@security an upload refused before its job (another department's batch, an empty body) leaves no file", async () => {
  const dir = uploadsDir(db.$client.name);
  const before = readdirSync(dir).length;
  await assert.rejects(receiveStatement(demoUser(db, "caoxian.staff"), batchId, body(bill), { format: "auto", fileName: "x.csv", actor, ip: null }), refusal("NOT_FOUND", "notFound"));
  await assert.rejects(receiveStatement(staff, batchId, body(Buffer.alloc(0)), { format: "auto", fileName: "x.csv", actor, ip: null }), refusal("INVALID", "statementEmpty"));
  await assert.rejects(receiveStatement(staff, batchId, null, { format: "auto", fileName: "x.csv", actor, ip: null }), refusal("INVALID", "statementEmpty"));
  assert.equal(readdirSync(dir).length, before);
});
