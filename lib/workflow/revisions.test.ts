import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import type { Revision, User } from "@/db/schema";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import {
  approveRevision,
  createDraft,
  getRevision,
  listInbox,
  returnRevision,
  revisionHistory,
  submitRevision,
  updateDraft,
  WorkflowError,
  type ApplyRevision,
} from "./revisions";

const db: Db = await seededTestDb();
const staff = demoUser(db, "staff");
const manager = demoUser(db, "manager");
const admin = demoUser(db, "admin");
const auditor = demoUser(db, "auditor");
const caoxianStaff = demoUser(db, "caoxian.staff");
const caoxianManager = demoUser(db, "caoxian.manager");
const mudanStaff = demoUser(db, "mudan.staff");

function draft(by: User, title = "a record"): Revision {
  return writeTransaction(
    (tx) =>
      createDraft(tx, {
        entityType: "merchant",
        title,
        departmentId: by.departmentId,
        areaId: by.areaId,
        payload: { name: title },
        createdBy: by.id,
      }),
    db,
  );
}

function submitted(by: User, title = "a record"): Revision {
  const row = draft(by, title);
  return writeTransaction((tx) => submitRevision(tx, row.id, by.id), db);
}

const applyAs =
  (entityId: number): ApplyRevision =>
  () =>
    entityId;

function workflowError(reason: WorkflowError["reason"]) {
  return (error: unknown) => {
    assert.ok(error instanceof WorkflowError, `expected WorkflowError, got ${String(error)}`);
    assert.equal(error.reason, reason);
    return true;
  };
}

function raw(sql: string, ...params: unknown[]) {
  return db.$client.prepare(sql).run(...params);
}

test("draft → submitted → approved: the apply callback runs once and its entity id is recorded", () => {
  const created = draft(staff, "Merchant A");
  assert.equal(created.status, "draft");
  assert.equal(created.entityId, null);

  const edited = writeTransaction((tx) => updateDraft(tx, created.id, { title: "Merchant A2", payload: { name: "A2" } }), db);
  assert.equal(edited.title, "Merchant A2");

  const sent = writeTransaction((tx) => submitRevision(tx, created.id, staff.id), db);
  assert.equal(sent.status, "submitted");
  assert.equal(sent.submittedBy, staff.id);
  assert.ok(sent.submittedAt instanceof Date);

  const calls: Revision[] = [];
  const approved = writeTransaction(
    (tx) =>
      approveRevision(tx, created.id, manager, (_tx, revision) => {
        calls.push(revision);
        return 4242;
      }),
    db,
  );
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.id, created.id);
  assert.deepEqual(JSON.parse(calls[0]!.payload), { name: "A2" });
  assert.equal(approved.status, "approved");
  assert.equal(approved.entityId, 4242);
  assert.equal(approved.decidedBy, manager.id);
  assert.ok(approved.decidedAt instanceof Date);
  assert.deepEqual(revisionHistory(db, "merchant", 4242).map((r) => r.id), [created.id]);
});

test("approval without a registered handler is refused and changes nothing", () => {
  const row = submitted(staff);
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, row.id, manager, undefined), db), workflowError("noHandler"));
  assert.equal(getRevision(db, row.id)!.status, "submitted");
});

test("a failing apply callback leaves the revision submitted", () => {
  const row = submitted(staff);
  assert.throws(() =>
    writeTransaction(
      (tx) =>
        approveRevision(tx, row.id, manager, () => {
          throw new Error("record table refused");
        }),
      db,
    ),
    /record table refused/,
  );
  assert.equal(getRevision(db, row.id)!.status, "submitted");
});

test("returning requires a comment; the comment is kept trimmed", () => {
  const row = submitted(staff);
  for (const comment of ["", "   ", "\n\t"]) {
    assert.throws(() => writeTransaction((tx) => returnRevision(tx, row.id, manager, comment), db), workflowError("commentRequired"));
  }
  assert.equal(getRevision(db, row.id)!.status, "submitted");
  const returned = writeTransaction((tx) => returnRevision(tx, row.id, manager, "  amount missing  "), db);
  assert.equal(returned.status, "returned");
  assert.equal(returned.decisionComment, "amount missing");
  assert.equal(returned.decidedBy, manager.id);
});

test("the database refuses a returned revision without a comment", () => {
  const row = submitted(staff);
  assert.throws(
    () => raw("update revisions set status = 'returned', decided_by = ?, decided_at = 1, decision_comment = '  ' where id = ?", manager.id, row.id),
    /CHECK constraint failed: revisions_returned_has_comment/,
  );
});

test("@security the submitter cannot approve or return their own submission (ownSubmission)", () => {
  const own = submitted(manager, "manager's own");
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, own.id, manager, applyAs(1)), db), workflowError("ownSubmission"));
  assert.throws(() => writeTransaction((tx) => returnRevision(tx, own.id, manager, "no"), db), workflowError("ownSubmission"));
  assert.equal(getRevision(db, own.id)!.status, "submitted");
});

test("@security the database itself refuses decided_by = submitted_by (CHECK maker-checker)", () => {
  const own = submitted(manager, "manager's own, raw");
  assert.throws(
    () => raw("update revisions set status = 'approved', decided_by = submitted_by, decided_at = 1 where id = ?", own.id),
    // The transition trigger (the maker decides) or the CHECK, whichever SQLite meets first.
    /CHECK constraint failed: revisions_maker_checker|illegal transition/,
  );
  assert.throws(
    () => raw("update revisions set status = 'returned', decided_by = submitted_by, decided_at = 1, decision_comment = 'x' where id = ?", own.id),
    /CHECK constraint failed: revisions_maker_checker|illegal transition/,
  );
  assert.throws(
    () =>
      raw(
        `insert into revisions (entity_type, title, department_id, area_id, payload, status, created_by, submitted_by, submitted_at, decided_by, decided_at)
         values ('merchant', 'forged', ?, ?, '{}', 'approved', ?, ?, 1, ?, 1)`,
        manager.departmentId,
        manager.areaId,
        manager.id,
        manager.id,
        manager.id,
      ),
    /CHECK constraint failed: revisions_maker_checker/,
  );
  assert.equal(getRevision(db, own.id)!.status, "submitted");
});

test("the trigger refuses draft → approved directly", () => {
  const row = draft(staff);
  assert.throws(
    () =>
      raw(
        "update revisions set status = 'approved', submitted_by = ?, submitted_at = 1, decided_by = ?, decided_at = 1 where id = ?",
        staff.id,
        manager.id,
        row.id,
      ),
    /revision workflow: illegal transition/,
  );
  assert.throws(
    () =>
      raw(
        "update revisions set status = 'returned', submitted_by = ?, submitted_at = 1, decided_by = ?, decided_at = 1, decision_comment = 'x' where id = ?",
        staff.id,
        manager.id,
        row.id,
      ),
    /revision workflow: illegal transition/,
  );
  assert.equal(getRevision(db, row.id)!.status, "draft");
});

test("the trigger refuses any change to an approved or returned revision", () => {
  const approved = submitted(staff);
  writeTransaction((tx) => approveRevision(tx, approved.id, manager, applyAs(77)), db);
  const returned = submitted(staff);
  writeTransaction((tx) => returnRevision(tx, returned.id, manager, "fix it"), db);
  for (const id of [approved.id, returned.id]) {
    for (const change of [
      "payload = '{\"name\":\"changed\"}'",
      "title = 'changed'",
      "status = 'draft'",
      "status = 'submitted'",
      "status = 'approved'",
      "decision_comment = 'rewritten'",
      "entity_id = 78",
      `decided_by = ${admin.id}`,
    ]) {
      assert.throws(() => raw(`update revisions set ${change} where id = ?`, id), /illegal transition/, `${change} on revision ${id}`);
    }
  }
  assert.throws(() => writeTransaction((tx) => updateDraft(tx, approved.id, { title: "x", payload: {} }), db), workflowError("notDraft"));
  assert.throws(() => writeTransaction((tx) => submitRevision(tx, returned.id, staff.id), db), workflowError("notDraft"));
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, returned.id, manager, applyAs(1)), db), workflowError("notSubmitted"));
});

test("the trigger refuses changing a submitted revision's payload or submitter", () => {
  const row = submitted(staff);
  assert.throws(() => raw("update revisions set payload = '{\"name\":\"swapped\"}' where id = ?", row.id), /illegal transition/);
  assert.throws(() => raw("update revisions set status = 'approved', payload = '{}', decided_by = ?, decided_at = 1 where id = ?", manager.id, row.id), /illegal transition/);
  assert.throws(() => raw("update revisions set status = 'approved', submitted_by = ?, decided_by = ?, decided_at = 1 where id = ?", admin.id, manager.id, row.id), /illegal transition/);
  assert.throws(() => writeTransaction((tx) => updateDraft(tx, row.id, { title: "x", payload: {} }), db), workflowError("notDraft"));
});

test("only a draft can be deleted", () => {
  const d = draft(staff);
  const s = submitted(staff);
  const a = submitted(staff);
  writeTransaction((tx) => approveRevision(tx, a.id, manager, applyAs(5)), db);
  const r = submitted(staff);
  writeTransaction((tx) => returnRevision(tx, r.id, manager, "no"), db);
  for (const id of [s.id, a.id, r.id]) {
    assert.throws(() => raw("delete from revisions where id = ?", id), /only a draft can be deleted/);
    assert.ok(getRevision(db, id));
  }
  raw("delete from revisions where id = ?", d.id);
  assert.equal(getRevision(db, d.id), undefined);
});

test("@security a county manager cannot decide another county's revision; the city manager can", () => {
  const mudan = submitted(mudanStaff, "Mudan merchant");
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, mudan.id, caoxianManager, applyAs(1)), db), workflowError("outOfScope"));
  assert.throws(() => writeTransaction((tx) => returnRevision(tx, mudan.id, caoxianManager, "no"), db), workflowError("outOfScope"));
  // Nor a city revision: a county sees only itself.
  const city = submitted(staff, "City merchant");
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, city.id, caoxianManager, applyAs(1)), db), workflowError("outOfScope"));

  const approved = writeTransaction((tx) => approveRevision(tx, mudan.id, manager, applyAs(9)), db);
  assert.equal(approved.status, "approved");

  const caoxian = submitted(caoxianStaff, "Caoxian merchant");
  assert.equal(writeTransaction((tx) => approveRevision(tx, caoxian.id, caoxianManager, applyAs(10)), db).status, "approved");
});

test("only managers decide: staff, admin and auditor are out of scope", () => {
  const row = submitted(caoxianStaff);
  for (const user of [staff, admin, auditor, mudanStaff]) {
    assert.throws(() => writeTransaction((tx) => approveRevision(tx, row.id, user, applyAs(1)), db), workflowError("outOfScope"), user.username);
  }
  // Nor does the submitter's own colleague without the role.
  assert.equal(getRevision(db, row.id)!.status, "submitted");
});

test("a missing revision is notFound", () => {
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, 999_999, manager, applyAs(1)), db), workflowError("notFound"));
  assert.throws(() => writeTransaction((tx) => submitRevision(tx, 999_999, staff.id), db), workflowError("notFound"));
});

test("listInbox: submissions of the manager's area and below, not their own, no drafts or decided ones", async () => {
  const fresh = await seededTestDb();
  const u = (name: string) => demoUser(fresh, name);
  const [s, m, cs, cm, ms] = ["staff", "manager", "caoxian.staff", "caoxian.manager", "mudan.staff"].map(u) as [User, User, User, User, User];
  const make = (by: User, title: string, submit = true) =>
    writeTransaction((tx) => {
      const row = createDraft(tx, { entityType: "merchant", title, departmentId: by.departmentId, areaId: by.areaId, payload: {}, createdBy: by.id });
      return submit ? submitRevision(tx, row.id, by.id) : row;
    }, fresh);

  const cityStaff = make(s, "city by staff");
  const cityOwn = make(m, "city by manager");
  const caoxian = make(cs, "caoxian by staff");
  const caoxianOwn = make(cm, "caoxian by caoxian.manager");
  const mudan = make(ms, "mudan by staff");
  make(s, "city draft", false);
  const decided = make(cs, "caoxian decided");
  writeTransaction((tx) => approveRevision(tx, decided.id, cm, applyAs(1)), fresh);

  const ids = (rows: Revision[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  assert.deepEqual(ids(listInbox(fresh, m)), ids([cityStaff, caoxian, caoxianOwn, mudan]));
  assert.ok(!ids(listInbox(fresh, m)).includes(cityOwn.id));
  assert.deepEqual(ids(listInbox(fresh, cm)), ids([caoxian]));
  // The inbox is ordered oldest submission first.
  const times = listInbox(fresh, m).map((r) => r.submittedAt!.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
});

test("@security whoever drafted a revision may not decide it, even when another user submitted it", () => {
  // The county manager drafts (say, on a clerk's behalf); the county clerk submits.
  const row = draft(caoxianManager, "drafted by the checker");
  writeTransaction((tx) => submitRevision(tx, row.id, caoxianStaff.id), db);
  assert.throws(() => writeTransaction((tx) => approveRevision(tx, row.id, caoxianManager, applyAs(1)), db), workflowError("ownSubmission"));
  assert.throws(
    () => raw("update revisions set status = 'approved', decided_by = ?, decided_at = 1 where id = ?", caoxianManager.id, row.id),
    /illegal transition/,
  );
  // The city manager, who neither drafted nor submitted it, may.
  assert.equal(writeTransaction((tx) => approveRevision(tx, row.id, manager, applyAs(1)), db).status, "approved");
});

test("a submitted revision is frozen whole while it waits: title, department and area cannot change at decision", () => {
  const row = submitted(caoxianStaff, "frozen");
  for (const change of ["title = 'changed'", `area_id = ${mudanStaff.areaId}`, `department_id = ${mudanStaff.departmentId}`, `created_by = ${mudanStaff.id}`]) {
    assert.throws(
      () => raw(`update revisions set status = 'approved', decided_by = ?, decided_at = 1, ${change} where id = ?`, manager.id, row.id),
      /illegal transition/,
      change,
    );
  }
  assert.equal(getRevision(db, row.id)!.status, "submitted");
});
