import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import { testDb } from "@/lib/testing/db";
import { appendAudit, auditJson, GENESIS_HASH, SYSTEM_ACTOR, verifyAuditChain, type AuditEntry } from "./log";

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: { id: null, name: "tester" },
    action: "thing.create",
    entity: "thing",
    entityId: n,
    after: { n },
    outcome: "success",
    detail: `row ${n}`,
    ip: "192.0.2.1",
    ...extra,
  };
}

/** A database holding `n` audit rows written through the app. */
function dbWithRows(n: number): Db {
  const db = testDb();
  for (let i = 1; i <= n; i++) writeTransaction((tx) => appendAudit(tx, entry(i)), db);
  return db;
}

interface Row {
  id: number;
  prev_hash: string;
  hash: string;
  before: string | null;
  after: string | null;
  detail: string | null;
}

function rows(db: Db): Row[] {
  return db.$client.prepare("select * from audit_log order by id").all() as Row[];
}

/** What an attacker with file access does first: remove the append-only triggers. */
function dropTriggers(db: Db): void {
  db.$client.exec("drop trigger audit_log_no_update; drop trigger audit_log_no_delete;");
}

test("appendAudit builds a hash chain that verifyAuditChain reports intact", () => {
  const db = dbWithRows(5);
  const all = rows(db);
  assert.equal(all.length, 5);
  assert.equal(all[0]!.prev_hash, GENESIS_HASH);
  for (let i = 1; i < all.length; i++) assert.equal(all[i]!.prev_hash, all[i - 1]!.hash, `row ${all[i]!.id} links to the one before`);
  assert.equal(new Set(all.map((r) => r.hash)).size, 5);
  assert.deepEqual(verifyAuditChain(db), { intact: true, checked: 5, brokenAtId: null, reason: null });
});

test("an empty audit log verifies as intact", () => {
  assert.deepEqual(verifyAuditChain(testDb()), { intact: true, checked: 0, brokenAtId: null, reason: null });
});

test("appendAudit records who, what, outcome and when", () => {
  const db = testDb();
  writeTransaction((tx) => appendAudit(tx, { ...entry(7), actor: { id: null, name: "system" }, outcome: "denied" }), db);
  const row = db.$client.prepare("select * from audit_log").get() as Record<string, unknown>;
  assert.equal(row.actor_name, "system");
  assert.equal(row.action, "thing.create");
  assert.equal(row.entity_id, "7");
  assert.equal(row.outcome, "denied");
  assert.equal(row.ip, "192.0.2.1");
  assert.match(String(row.at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("the database refuses UPDATE on audit_log (append-only trigger)", () => {
  const db = dbWithRows(3);
  assert.throws(() => db.$client.prepare("update audit_log set detail = 'changed' where id = 2").run(), /append-only/);
  assert.throws(() => db.$client.prepare("update audit_log set outcome = 'success'").run(), /append-only/);
  assert.equal(rows(db)[1]!.detail, "row 2");
  assert.equal(verifyAuditChain(db).intact, true);
});

test("the database refuses DELETE on audit_log (append-only trigger)", () => {
  const db = dbWithRows(3);
  assert.throws(() => db.$client.prepare("delete from audit_log where id = 3").run(), /append-only/);
  assert.throws(() => db.$client.prepare("delete from audit_log").run(), /append-only/);
  assert.equal(rows(db).length, 3);
  assert.equal(verifyAuditChain(db).intact, true);
});

test("an edited middle row is detected as 'edited' at that row", () => {
  const db = dbWithRows(5);
  dropTriggers(db);
  db.$client.prepare("update audit_log set detail = 'nothing to see' where id = 3").run();
  const report = verifyAuditChain(db);
  assert.equal(report.intact, false);
  assert.equal(report.reason, "edited");
  assert.equal(report.brokenAtId, 3);
  assert.equal(report.checked, 2);
});

test("an edit to any hashed column is detected", () => {
  for (const [column, value] of [
    ["at", "2020-01-01T00:00:00.000Z"],
    ["actor_id", 99],
    ["actor_name", "someone else"],
    ["action", "thing.delete"],
    ["entity", "other"],
    ["entity_id", "42"],
    ["before", '{"n":0}'],
    ["after", '{"n":0}'],
    ["outcome", "failure"],
    ["ip", "198.51.100.9"],
  ] as const) {
    const db = dbWithRows(3);
    dropTriggers(db);
    db.$client.prepare(`update audit_log set ${column} = ? where id = 2`).run(value);
    const report = verifyAuditChain(db);
    assert.deepEqual([report.reason, report.brokenAtId], ["edited", 2], `edit of ${column}`);
  }
});

test("a deleted middle row is detected as a 'gap' at the row after it", () => {
  const db = dbWithRows(5);
  dropTriggers(db);
  db.$client.prepare("delete from audit_log where id = 3").run();
  const report = verifyAuditChain(db);
  assert.equal(report.intact, false);
  assert.equal(report.reason, "gap");
  assert.equal(report.brokenAtId, 4);
});

test("a deleted first row is detected as a 'gap'", () => {
  const db = dbWithRows(3);
  dropTriggers(db);
  db.$client.prepare("delete from audit_log where id = 1").run();
  assert.deepEqual([verifyAuditChain(db).reason, verifyAuditChain(db).brokenAtId], ["gap", 2]);
});

test("a deleted last row is detected as 'truncated' at the missing id", () => {
  const db = dbWithRows(5);
  dropTriggers(db);
  db.$client.prepare("delete from audit_log where id = 5").run();
  const report = verifyAuditChain(db);
  assert.equal(report.intact, false);
  assert.equal(report.reason, "truncated");
  assert.equal(report.brokenAtId, 5);
  assert.equal(report.checked, 4);
});

test("an emptied audit log is detected as 'truncated'", () => {
  const db = dbWithRows(3);
  dropTriggers(db);
  db.$client.prepare("delete from audit_log").run();
  assert.deepEqual([verifyAuditChain(db).reason, verifyAuditChain(db).brokenAtId], ["truncated", 1]);
});

test("secrets are redacted from before/after JSON, at any depth", () => {
  const db = testDb();
  const secret = "Sup3r-Secret-Value";
  writeTransaction(
    (tx) =>
      appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "user.update",
        entity: "user",
        entityId: 1,
        before: { username: "a", passwordHash: `$2b$10$${secret}` },
        after: {
          username: "a",
          password: secret,
          nested: { newPassword: secret, currentPassword: secret, confirmPassword: secret },
          list: [{ passwordHash: secret }],
        },
        outcome: "success",
      }),
    db,
  );
  const row = rows(db)[0]!;
  assert.ok(!row.before!.includes(secret), row.before!);
  assert.ok(!row.after!.includes(secret), row.after!);
  assert.deepEqual(JSON.parse(row.before!), { username: "a", passwordHash: "[redacted]" });
  assert.deepEqual(JSON.parse(row.after!), {
    username: "a",
    password: "[redacted]",
    nested: { newPassword: "[redacted]", currentPassword: "[redacted]", confirmPassword: "[redacted]" },
    list: [{ passwordHash: "[redacted]" }],
  });
  assert.equal(verifyAuditChain(db).intact, true);
});

test("auditJson keeps ordinary fields and returns null for nothing", () => {
  assert.equal(auditJson(undefined), null);
  assert.equal(auditJson(null), null);
  assert.equal(auditJson({ role: "staff", areaId: 3 }), '{"role":"staff","areaId":3}');
});

test("an audit row written in a transaction that fails is rolled back with the change", () => {
  const db = dbWithRows(2);
  assert.throws(() =>
    writeTransaction((tx) => {
      appendAudit(tx, entry(3));
      throw new Error("the change failed");
    }, db),
    /the change failed/,
  );
  assert.equal(rows(db).length, 2);
  writeTransaction((tx) => appendAudit(tx, entry(3)), db);
  // The rolled-back insert consumed no id that the chain check would call missing.
  assert.equal(verifyAuditChain(db).intact, true);
});
