import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { packages, sectors } from "@/db/schema";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { approveRevision, returnRevision } from "@/lib/workflow/revisions";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { AppError } from "@/lib/errors";
import { parseRecordValues } from "./parse";
import { openRevision, saveRecord, submitRecord } from "./records";
import { recordSpec } from "./specs";
import { listRecords } from "./list";
import type { RawValues, RecordType } from "./types";

const db: Db = await seededTestDb();
const staff = demoUser(db, "caoxian.staff");
const otherStaff = demoUser(db, "mudan.staff");
const cityStaff = demoUser(db, "staff");
const manager = demoUser(db, "manager");
const countyManager = demoUser(db, "caoxian.manager");

function save(type: RecordType, by = staff, raw: RawValues, id?: number) {
  const parsed = parseRecordValues(type, raw, "zh-CN");
  return writeTransaction((tx) => saveRecord(tx, recordSpec(type), by, id, parsed), db);
}
const submit = (type: RecordType, id: number, by = staff) => writeTransaction((tx) => submitRecord(tx, recordSpec(type), by, id), db);
const approve = (revisionId: number, by = manager) => writeTransaction((tx) => approveRevision(tx, revisionId, by, REVISION_HANDLERS[db.$client.prepare("select entity_type t from revisions where id = ?").pluck().get(revisionId) as string]!.apply), db);

// A framework to hang packages on: a master policy and one action, approved.
const policy = save("policy", cityStaff, { title: "提振消费总体方案", docNumber: "菏政发〔2025〕1号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force" });
approve(submit("policy", policy.id, cityStaff).id);
const action = save("action", cityStaff, { number: "1", titleZh: "汽车以旧换新", titleEn: "Car trade-in", policyId: String(policy.id), startsOn: "2025-01-01", endsOn: "2025-12-31", target_1_measure: "packages", target_1_value: "40" });
approve(submit("action", action.id, cityStaff).id);
const sectorId = db.select().from(sectors).where(eq(sectors.code, "auto")).get()!.id;

const packageRaw = (over: RawValues = {}): RawValues => ({
  name: "新能源汽车下乡补贴",
  actionId: String(action.id),
  sectorId: String(sectorId),
  offerTerms: "购车满10万元减3000元",
  budget: "1,500,000.50",
  startsOn: "2025-03-01",
  endsOn: "2025-06-30",
  ...over,
});

test("a package goes draft → submitted → approved; the approved row carries its values in fen", () => {
  const saved = save("package", staff, packageRaw());
  let row = db.select().from(packages).where(eq(packages.id, saved.id)).get()!;
  assert.equal(row.status, "draft");
  assert.equal(row.budgetFen, 150_000_050);
  assert.equal(row.areaId, staff.areaId);
  assert.equal(row.departmentId, staff.departmentId);
  const revision = submit("package", saved.id);
  assert.equal(db.select().from(packages).where(eq(packages.id, saved.id)).get()!.status, "submitted");
  approve(revision.id, countyManager);
  row = db.select().from(packages).where(eq(packages.id, saved.id)).get()!;
  assert.equal(row.status, "approved");
  assert.ok(row.approvedAt instanceof Date);
});

test("a change to an approved package waits in a revision; the row changes only on approval", () => {
  const saved = save("package", staff, packageRaw({ name: "家电以旧换新" }));
  approve(submit("package", saved.id).id);
  save("package", staff, packageRaw({ name: "家电以旧换新（第二期）", budget: "200" }), saved.id);
  let row = db.select().from(packages).where(eq(packages.id, saved.id)).get()!;
  assert.equal(row.name, "家电以旧换新");
  assert.equal(row.status, "approved");
  const pending = submit("package", saved.id);
  assert.throws(() => save("package", staff, packageRaw({ name: "again" }), saved.id), (e: unknown) => e instanceof AppError && e.code === "CONFLICT");
  approve(pending.id);
  row = db.select().from(packages).where(eq(packages.id, saved.id)).get()!;
  assert.equal(row.name, "家电以旧换新（第二期）");
  assert.equal(row.budgetFen, 20_000);
});

test("a returned record goes back to its author, who corrects it in a new draft", () => {
  const saved = save("package", staff, packageRaw({ name: "餐饮消费季" }));
  const revision = submit("package", saved.id);
  writeTransaction((tx) => {
    const row = returnRevision(tx, revision.id, manager, "预算请按月拆分");
    REVISION_HANDLERS.package!.returned(tx, row);
  }, db);
  assert.equal(db.select().from(packages).where(eq(packages.id, saved.id)).get()!.status, "returned");
  save("package", staff, packageRaw({ name: "餐饮消费季（修改）" }), saved.id);
  assert.equal(db.select().from(packages).where(eq(packages.id, saved.id)).get()!.status, "draft");
  assert.equal(openRevision(db as never, recordSpec("package"), saved.id)!.status, "draft");
});

test("staff of another department or area cannot edit or submit the record", () => {
  const saved = save("package", staff, packageRaw({ name: "曹县商超促销" }));
  assert.throws(() => save("package", otherStaff, packageRaw(), saved.id), (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
  assert.throws(() => submit("package", saved.id, otherStaff), (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
});

test("invalid values are refused per field, with the same rules for forms and CSV", () => {
  const refused = (raw: RawValues) => {
    try {
      parseRecordValues("package", raw, "zh-CN");
    } catch (e) {
      assert.ok(e instanceof AppError);
      return Object.keys(e.fieldErrors ?? {});
    }
    return [];
  };
  assert.deepEqual(refused(packageRaw({ budget: "12.345" })), ["budget"]);
  assert.deepEqual(refused(packageRaw({ startsOn: "2025-02-30" })), ["startsOn"]);
  assert.deepEqual(refused(packageRaw({ endsOn: "2025-01-01" })), ["endsOn"]);
  assert.deepEqual(refused(packageRaw({ name: "" })), ["name"]);
  assert.throws(() => save("package", staff, packageRaw({ actionId: "99999" })), (e: unknown) => e instanceof AppError && e.fieldErrors?.actionId !== undefined);
});

test("lists show each reader their scope and honour search, filters and paging", () => {
  const table = recordSpec("package").table;
  const mine = listRecords(db, "package", table, staff, {});
  assert.ok(mine.total >= 4);
  assert.equal(listRecords(db, "package", table, otherStaff, {}).total, 0);
  assert.equal(listRecords(db, "package", table, manager, {}).total, mine.total);
  assert.equal(listRecords(db, "package", table, staff, { q: "家电" }).total, 1);
  assert.equal(listRecords(db, "package", table, staff, { q: "%" }).total, 0);
  assert.equal(listRecords(db, "package", table, staff, { status: "approved" }).rows.every((r) => r.row.status === "approved"), true);
  assert.equal(listRecords(db, "package", table, staff, { from: "2026-01-01" }).total, 0);
});

test("approved policies and actions are read by every signed-in user; their drafts stay in scope", () => {
  const draftPolicy = save("policy", cityStaff, { title: "草稿配套文件", docNumber: "菏商发〔2025〕9号", issuedOn: "2025-03-01", level: "city", kind: "supporting", masterPolicyId: String(policy.id), effect: "in_force" });
  const countyView = listRecords(db, "policy", recordSpec("policy").table, staff, {});
  const ids = countyView.rows.map((r) => r.row.id);
  assert.ok(ids.includes(policy.id), "the approved master policy is visible to county staff");
  assert.ok(!ids.includes(draftPolicy.id), "a city draft is not");
  assert.ok(listRecords(db, "action", recordSpec("action").table, staff, {}).rows.some((r) => r.row.id === action.id));
});
