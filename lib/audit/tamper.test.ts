// Tampering as someone with access to the database file would do it: not through the app, but
// with a SQLite connection of their own (as the sqlite3 shell opens it) — dropping the
// append-only triggers, editing what an import recorded, even recomputing the edited row's
// hash. The chain check the auditor's page runs (getAuditChainReport → verifyAuditChain), on a
// fresh connection of the app, reports where the log stops verifying.
import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import en from "@/lib/i18n/messages/en.json";
import { importStatement } from "@/lib/imports/pipeline";
import { generateWechatBill } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { appendAudit, auditRowHash, RAW_AUDIT_COLUMNS, SYSTEM_ACTOR, type RawAuditRow } from "./log";
import { getAuditChainReport } from "./queries";

/** A database file as the app leaves it: the demo organisation, a batch and an import, all audited. */
async function auditedDatabaseFile(): Promise<{ path: string; importRowId: number }> {
  const db = await seededTestDb();
  approvedVoucherBatch(db, "HZ-AUDIT-W1");
  const order = (id: string) => ({ orderId: id, merchantId: "1900000501", payer: "oUpF8aud", time: "2025-06-04 12:00:00", orderFen: 15_000, voucherFen: 2_000 });
  const outcome = await importStatement(db, {
    batchCode: "HZ-AUDIT-W1",
    source: [generateWechatBill({ rows: [order("7100001"), order("7100002")] })],
    format: "wechat",
    fileName: "bill.csv",
    actor: { id: null, name: "test" },
  });
  assert.ok(outcome.ok);
  const importRowId = db.$client.prepare(`select max(id) from audit_log where action = 'statement.import'`).pluck().get() as number;
  const path = db.$client.name;
  db.$client.close();
  return { path, importRowId };
}

/** What the auditor's page shows, from a fresh connection of the app. */
function auditorSees(path: string) {
  const db = openDatabase(path);
  try {
    const report = getAuditChainReport(db);
    const message = report.intact
      ? en.audit.chainIntact.replace("{count}", String(report.checked))
      : en.audit.chainBroken.replace("{id}", String(report.brokenAtId)).replace("{reason}", en.audit[`reason_${report.reason ?? "edited"}`]);
    return { report, message };
  } finally {
    db.$client.close();
  }
}

test("@security the append-only triggers hold against a connection that bypasses the app", async () => {
  const { path, importRowId } = await auditedDatabaseFile();
  const raw = new Database(path);
  assert.throws(() => raw.prepare(`update audit_log set after = '{}' where id = ?`).run(importRowId), /append-only/);
  assert.throws(() => raw.prepare(`delete from audit_log where id = ?`).run(importRowId), /append-only/);
  raw.close();
  const { report, message } = auditorSees(path);
  assert.equal(report.intact, true);
  assert.match(message, /^Hash chain intact: \d+ rows verified\.$/);
});

test("@security an import's audit row edited through a raw connection, triggers dropped, is reported where the chain breaks", async () => {
  const { path, importRowId } = await auditedDatabaseFile();
  const raw = new Database(path);
  raw.exec(`drop trigger audit_log_no_update; drop trigger audit_log_no_delete;`);
  const row = raw.prepare(`select ${RAW_AUDIT_COLUMNS} from audit_log where id = ?`).get(importRowId) as RawAuditRow;
  const after = JSON.parse(row.after!) as { subsidyFen: number };
  assert.equal(after.subsidyFen, 4_000);
  // Halve the subsidy the import recorded, and put the triggers back to cover the tracks.
  raw.prepare(`update audit_log set after = ? where id = ?`).run(JSON.stringify({ ...after, subsidyFen: 2_000 }), importRowId);
  raw.exec(`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end;
            create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only: DELETE refused'); end;`);
  raw.close();

  const seen = auditorSees(path);
  assert.deepEqual(seen.report, { intact: false, checked: importRowId - 1, brokenAtId: importRowId, reason: "edited" });
  assert.equal(seen.message, `Hash chain broken: verification fails from row ${importRowId} (${en.audit.reason_edited}).`);

  // The app goes on appending after the tampered row; the break stays reported.
  const db = openDatabase(path);
  appendAudit(db, { actor: SYSTEM_ACTOR, action: "test.after-tamper", entity: "test", outcome: "success" });
  db.$client.close();
  assert.equal(auditorSees(path).report.brokenAtId, importRowId);
});

test("@security an edited row whose hash the tamperer recomputed breaks the next row's link; a deleted row leaves a gap", async () => {
  const { path, importRowId } = await auditedDatabaseFile();
  const raw = new Database(path);
  raw.exec(`drop trigger audit_log_no_update; drop trigger audit_log_no_delete;`);
  // The edit that hides itself in its own row: the row's fields changed and its hash recomputed.
  const target = raw.prepare(`select ${RAW_AUDIT_COLUMNS} from audit_log where id = ?`).get(importRowId - 1) as RawAuditRow;
  const forged = { ...target, actorName: "someone else" };
  raw.prepare(`update audit_log set actor_name = ?, hash = ? where id = ?`).run(forged.actorName, auditRowHash(forged.prevHash, forged), target.id);
  raw.close();
  assert.deepEqual(auditorSees(path).report, { intact: false, checked: importRowId - 1, brokenAtId: importRowId, reason: "gap" });

  const { path: second, importRowId: removed } = await auditedDatabaseFile();
  const raw2 = new Database(second);
  raw2.exec(`drop trigger audit_log_no_delete;`);
  raw2.prepare(`delete from audit_log where id = ?`).run(removed - 2);
  raw2.close();
  assert.deepEqual(auditorSees(second).report, { intact: false, checked: removed - 3, brokenAtId: removed - 1, reason: "gap" });
});
