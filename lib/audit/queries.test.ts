import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import { seededTestDb } from "@/lib/testing/db";
import { appendAudit, type AuditEntry } from "./log";
import { AUDIT_PAGE_SIZE, getAuditChainReport, listAuditEntries, listAuditFacets } from "./queries";
import { formatShanghai } from "@/lib/datetime";

function add(db: Db, entries: Array<Partial<AuditEntry> & { actor: AuditEntry["actor"] }>) {
  writeTransaction((tx) => {
    for (const e of entries) appendAudit(tx, { action: "login", entity: "session", outcome: "success", ...e });
  }, db);
}

test("filters narrow the log; input is matched literally, never as SQL", async () => {
  const db = await seededTestDb();
  add(db, [
    { actor: { id: null, name: "ghost_1" }, outcome: "failure", detail: "unknown user" },
    { actor: { id: null, name: "ghostX1" }, outcome: "failure", detail: "unknown user" },
    { actor: { id: 3, name: "staff" }, action: "revision.approve", entity: "revision", outcome: "denied" },
  ]);
  const all = listAuditEntries({ filters: {}, page: 1, db });
  assert.ok(all.total > 3);

  // `_` is a LIKE wildcard; typed by the user it must only match itself.
  assert.deepEqual(listAuditEntries({ filters: { actor: "host_" }, page: 1, db }).rows.map((r) => r.actorName), ["ghost_1"]);
  assert.equal(listAuditEntries({ filters: { actor: "GHOST" }, page: 1, db }).total, 2);
  assert.equal(listAuditEntries({ filters: { actor: "%" }, page: 1, db }).total, 0);
  assert.equal(listAuditEntries({ filters: { actor: "' or 1=1 --" }, page: 1, db }).total, 0);

  assert.equal(listAuditEntries({ filters: { outcome: "failure" }, page: 1, db }).total, 2);
  const denied = listAuditEntries({ filters: { outcome: "denied", action: "revision.approve", entity: "revision" }, page: 1, db });
  assert.deepEqual(denied.rows.map((r) => r.actorName), ["staff"]);

  const today = formatShanghai(new Date()).slice(0, 10);
  assert.equal(listAuditEntries({ filters: { from: today, to: today }, page: 1, db }).total, all.total);
  assert.equal(listAuditEntries({ filters: { to: "2000-01-01" }, page: 1, db }).total, 0);
  assert.equal(listAuditEntries({ filters: { from: "2999-01-01" }, page: 1, db }).total, 0);
});

test("pages hold 50 rows, newest first; a page past the end shows the last", async () => {
  const db = await seededTestDb();
  add(db, Array.from({ length: 120 }, (_, i) => ({ actor: { id: null, name: `pager-${i}` } })));
  const first = listAuditEntries({ filters: { actor: "pager-" }, page: 1, db });
  assert.equal(first.total, 120);
  assert.equal(first.pageCount, 3);
  assert.equal(first.rows.length, AUDIT_PAGE_SIZE);
  assert.equal(first.rows[0]?.actorName, "pager-119");
  const ids = first.rows.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));

  const last = listAuditEntries({ filters: { actor: "pager-" }, page: 99, db });
  assert.equal(last.page, 3);
  assert.equal(last.rows.length, 20);
  assert.equal(last.rows.at(-1)?.actorName, "pager-0");
});

test("facets list what the log holds; the chain of a fresh log is intact", async () => {
  const db = await seededTestDb();
  add(db, [{ actor: { id: null, name: "x" } }]);
  const facets = listAuditFacets(db);
  assert.ok(facets.actions.includes("login") && facets.actions.includes("user.create"));
  assert.ok(facets.entities.includes("session") && facets.entities.includes("area"));
  const chain = getAuditChainReport(db);
  assert.equal(chain.intact, true);
  assert.equal(chain.checked, listAuditEntries({ filters: {}, page: 1, db }).total);
});
