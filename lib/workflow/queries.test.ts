import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import { seededTestDb } from "@/lib/testing/db";
import { findUserByUsername } from "@/lib/users/service";
import { createDraft, submitRevision } from "./revisions";
import { listInboxEntries } from "./queries";

function user(db: Db, username: string) {
  const row = findUserByUsername(db, username);
  assert.ok(row, username);
  return row;
}

/** A draft by `maker` in their own department and area, submitted unless told otherwise. */
function propose(db: Db, maker: string, title: string, submit = true) {
  const u = user(db, maker);
  return writeTransaction((tx) => {
    const draft = createDraft(tx, { entityType: "policy", title, departmentId: u.departmentId, areaId: u.areaId, payload: { title }, createdBy: u.id });
    return submit ? submitRevision(tx, draft.id, u.id) : draft;
  }, db);
}

test("the inbox lists submissions of the manager's area and below, with submitter and area names", async () => {
  const db = await seededTestDb();
  propose(db, "staff", "市级政策");
  propose(db, "caoxian.staff", "曹县政策");
  propose(db, "staff", "还是草稿", false);
  propose(db, "manager", "审核人自己提交的");

  const city = listInboxEntries({ manager: user(db, "manager"), db });
  assert.deepEqual(
    city.map((e) => [e.title, e.submitterName, e.areaNameZh, e.entityType]),
    [
      ["市级政策", "李经办（市商务局）", "菏泽市", "policy"],
      ["曹县政策", "刘经办（曹县商务局）", "曹县", "policy"],
    ],
  );
  assert.ok(city.every((e) => e.submittedAt instanceof Date));

  const county = listInboxEntries({ manager: user(db, "caoxian.manager"), db });
  assert.deepEqual(county.map((e) => e.title), ["曹县政策"]);
});

test("an empty inbox is an empty list", async () => {
  const db = await seededTestDb();
  assert.deepEqual(listInboxEntries({ manager: user(db, "manager"), db }), []);
});
