import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction } from "@/db/client";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { importStatement } from "@/lib/imports/pipeline";
import { batchTotals, checkTotals } from "@/lib/imports/totals";
import { voidImport } from "@/lib/imports/void";
import { runJob } from "@/lib/jobs/run";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { excludedFigures } from "./exclusions";
import { refreshAnomalies } from "./refresh";
import { decideFlag, excludeFlag, restoreFlag } from "./review";
import { DEFAULT_SETTINGS } from "./rules";
import { loadAnomalySettings, saveAnomalySettings } from "./settings";

// A city batch (满 100 减 20) with one payer redeeming eight vouchers, one redeeming six and
// ordinary payers; a second statement adds a ninth order of the first payer.
const db = await seededTestDb();
const { batchId } = approvedVoucherBatch(db, "REVIEW-W1");
let serial = 0;
const order = (payer: string, orderFen: number, more: Partial<StatementOrder> = {}): StatementOrder => {
  serial++;
  return { orderId: `4200REV${String(serial).padStart(8, "0")}`, merchantId: `19100000${String(serial % 7).padStart(2, "0")}`, payer, time: `2025-06-${String(1 + (serial % 28)).padStart(2, "0")} 12:00:00`, orderFen, voucherFen: 2_000, ...more };
};
const first: StatementOrder[] = [];
for (let i = 0; i < 8; i++) first.push(order("oRepeatEight", 12_000 + i * 1_000, i === 0 ? { refund: { fen: 3_000, voucherFen: 500 } } : {}));
for (let i = 0; i < 6; i++) first.push(order("oRepeatSix", 15_000));
for (let i = 0; i < 40; i++) first.push(order(`oPayer${i}`, 13_000 + i * 700));
const importBill = async (rows: StatementOrder[], name: string) => {
  const outcome = await importStatement(db, { batchCode: "REVIEW-W1", source: [generateWechatBill({ rows })], format: "wechat", fileName: name, actor: SYSTEM_ACTOR });
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome;
};
const firstImport = await importBill(first, "first.csv");
const manager = demoUser(db, "manager");
const countyManager = demoUser(db, "caoxian.manager");
const flagOf = (subject: string) =>
  db.$client.prepare(`select id, status, stale, excluded, row_count as rows from anomaly_flags where batch_id = ? and subject = ?`).get(batchId, subject) as
    | { id: number; status: string; stale: number; excluded: number; rows: number }
    | undefined;
const inTx = <T>(fn: () => T) => writeTransaction(() => fn(), db);

test("a refresh flags both repeat payers with their rows", () => {
  const outcome = refreshAnomalies(db, batchId);
  assert.equal(outcome.added, 2);
  assert.equal(flagOf("oRepeatEight")!.rows, 8);
  assert.equal(flagOf("oRepeatSix")!.rows, 6);
  assert.equal(refreshAnomalies(db, batchId).kept, 2, "a second run finds the same flags, adds none");
});

test("a county manager cannot decide a city batch's flag; nothing changes", () => {
  const id = flagOf("oRepeatEight")!.id;
  assert.throws(() => inTx(() => decideFlag(db, countyManager, { flagId: id, decision: "confirmed", note: "x" })), { code: "NOT_FOUND" });
  assert.throws(() => inTx(() => excludeFlag(db, countyManager, id)), { code: "NOT_FOUND" });
  assert.equal(flagOf("oRepeatEight")!.status, "open");
});

test("only a confirmed flag's rows can be excluded", () => {
  assert.throws(() => inTx(() => excludeFlag(db, manager, flagOf("oRepeatEight")!.id)), { code: "CONFLICT" });
});

test("excluding a confirmed flag lowers the kept totals by exactly its rows' net figures; restoring puts them back", () => {
  const id = flagOf("oRepeatEight")!.id;
  const decided = inTx(() => decideFlag(db, manager, { flagId: id, decision: "confirmed", note: "同一用户多次核销，已核实" }));
  assert.deepEqual([decided.before.status, decided.after.status, decided.after.note], ["open", "confirmed", "同一用户多次核销，已核实"]);
  const before = batchTotals(db, batchId);
  const change = inTx(() => excludeFlag(db, manager, id));
  const after = batchTotals(db, batchId);
  // Eight orders: 12,000 … 19,000 fen with 2,000 off each; the first partly refunded (30 yuan, 5 of it voucher).
  const grossFen = [0, 1, 2, 3, 4, 5, 6, 7].reduce((s, i) => s + 12_000 + i * 1_000, 0) - 3_000;
  const subsidyFen = 8 * 2_000 - 500;
  assert.deepEqual(excludedFigures(db, { batchId }), { flags: 1, redemptions: 8, subsidyFen, grossFen });
  assert.deepEqual(after, { redemptions: before.redemptions - 8, subsidyFen: before.subsidyFen - subsidyFen, grossFen: before.grossFen - grossFen });
  assert.deepEqual([change.rows, change.before, change.after], [8, before, after]);
  assert.deepEqual(checkTotals(db), [], "the check command agrees with the kept totals");
  assert.equal(flagOf("oRepeatEight")!.excluded, 1);
  assert.throws(() => inTx(() => decideFlag(db, manager, { flagId: id, decision: "explained", note: "y" })), { code: "CONFLICT" }, "restore before calling it explained");

  inTx(() => restoreFlag(db, manager, id));
  assert.deepEqual(batchTotals(db, batchId), before);
  assert.deepEqual(excludedFigures(db, { batchId }).redemptions, 0);
  assert.deepEqual(checkTotals(db), []);
  inTx(() => excludeFlag(db, manager, id));
});

test("a refresh keeps decisions; open flags no longer found go, decided ones turn stale", async () => {
  const six = flagOf("oRepeatSix")!.id;
  inTx(() => decideFlag(db, manager, { flagId: six, decision: "explained", note: "一家人共用账户" }));
  // A ninth order of the first payer: its flag is found again, keeps its decision, and has nine rows.
  await importBill([order("oRepeatEight", 30_000)], "second.csv");
  const again = refreshAnomalies(db, batchId);
  assert.deepEqual([again.kept, again.added], [2, 0]);
  assert.deepEqual(flagOf("oRepeatEight"), { id: flagOf("oRepeatEight")!.id, status: "confirmed", stale: 0, excluded: 1, rows: 9 });
  // The exclusion stays what the manager excluded: the eight rows, not the new ninth.
  assert.equal(excludedFigures(db, { batchId }).redemptions, 8);

  // Raise the limit to 8: the six-order flag (explained) turns stale and stays; an open one would go.
  writeTransaction((tx) => saveAnomalySettings(tx, { ...DEFAULT_SETTINGS, maxPerPayer: 8 }, manager.id), db);
  assert.equal(loadAnomalySettings(db).settings.maxPerPayer, 8);
  const raised = refreshAnomalies(db, batchId);
  assert.deepEqual([raised.kept, raised.staled, raised.removed], [1, 1, 0]);
  assert.deepEqual([flagOf("oRepeatSix")!.status, flagOf("oRepeatSix")!.stale, flagOf("oRepeatSix")!.rows], ["explained", 1, 6]);

  writeTransaction((tx) => saveAnomalySettings(tx, { ...DEFAULT_SETTINGS, maxPerPayer: 9 }, manager.id), db);
  const higher = refreshAnomalies(db, batchId);
  assert.equal(higher.staled, 2, "a confirmed, excluded flag is kept when no longer found, its exclusion too");
  assert.equal(excludedFigures(db, { batchId }).redemptions, 8);
  writeTransaction((tx) => saveAnomalySettings(tx, DEFAULT_SETTINGS, manager.id), db);
  refreshAnomalies(db, batchId);
  assert.equal(flagOf("oRepeatSix")!.stale, 0, "found again under the old limit: no longer stale, still explained");
  assert.equal(flagOf("oRepeatSix")!.status, "explained");
});

test("an open flag no longer found is removed; a void takes its rows out of flags and exclusions and queues the checks", async () => {
  db.$client.prepare(`update anomaly_flags set status = 'open', decision_note = null, decided_by = null, decided_at = null where subject = 'oRepeatSix'`).run();
  writeTransaction((tx) => saveAnomalySettings(tx, { ...DEFAULT_SETTINGS, maxPerPayer: 6 }, manager.id), db);
  assert.equal(refreshAnomalies(db, batchId).removed, 1);
  assert.equal(flagOf("oRepeatSix"), undefined);
  writeTransaction((tx) => saveAnomalySettings(tx, DEFAULT_SETTINGS, manager.id), db);

  // Voiding the first import removes eight of the nine rows: the flag (confirmed) is stale with the one left, nothing stays excluded.
  const voided = voidImport(db, { importId: firstImport.importId!, reason: "test", actor: SYSTEM_ACTOR });
  // The rows left their flags with the void; the checks that mark the flag stale are a job, queued with it.
  assert.equal(voided.checkQueued, true);
  assert.equal(db.$client.prepare(`select count(*) from anomaly_flag_rows where flag_id = ?`).pluck().get(flagOf("oRepeatEight")!.id), 1);
  assert.equal(flagOf("oRepeatEight")!.stale, 0, "not re-checked inside the void");
  assert.equal((await runJob(db, voided.checkJobId)).status, "done");
  assert.deepEqual([flagOf("oRepeatEight")!.status, flagOf("oRepeatEight")!.stale, flagOf("oRepeatEight")!.rows], ["confirmed", 1, 1]);
  assert.equal(excludedFigures(db, { batchId }).redemptions, 0);
  assert.deepEqual(checkTotals(db), []);
});
