import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { areas, type User } from "@/db/schema";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea, demoUser } from "@/lib/testing/demo";
import { areaSubtree, canDecideRecord, canEditRecord, canReadRecord, type ScopedRecord } from "./scope";

const db = await seededTestDb();
const city = demoArea(db, "Heze City");
const caoxian = demoArea(db, "Cao County");
const mudan = demoArea(db, "Mudan District");
const zone = demoArea(db, "Heze Economic and Technological Development Zone");
const allAreaIds = db.select({ id: areas.id }).from(areas).all().map((a) => a.id);

const u = (name: string) => demoUser(db, name);
const admin = u("admin");
const auditor = u("auditor");
const manager = u("manager");
const staff = u("staff");
const caoxianManager = u("caoxian.manager");
const caoxianStaff = u("caoxian.staff");
const mudanStaff = u("mudan.staff");

const recordOf = (user: User): ScopedRecord => ({ departmentId: user.departmentId, areaId: user.areaId });
const cityCommerce = recordOf(staff);
const cityFinance = recordOf(auditor); // another city department
const caoxianRecord = recordOf(caoxianStaff);
const mudanRecord = recordOf(mudanStaff);
const zoneDepartment = { departmentId: staff.departmentId, areaId: zone.id };

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

test("the demo users sit where the scope tests assume", () => {
  assert.equal(staff.areaId, city.id);
  assert.equal(manager.areaId, city.id);
  assert.equal(caoxianStaff.areaId, caoxian.id);
  assert.equal(caoxianManager.areaId, caoxian.id);
  assert.equal(mudanStaff.areaId, mudan.id);
  assert.equal(manager.departmentId, staff.departmentId);
  assert.notEqual(auditor.departmentId, staff.departmentId);
});

test("the city's subtree holds every county and zone", () => {
  const subtree = areaSubtree(db, city.id);
  assert.equal(subtree.length, 12);
  assert.deepEqual(sorted(subtree), sorted(allAreaIds));
  for (const a of [caoxian, mudan, zone]) assert.ok(subtree.includes(a.id), a.nameEn);
});

test("a county's subtree is itself; so is a zone's", () => {
  assert.deepEqual(areaSubtree(db, caoxian.id), [caoxian.id]);
  assert.deepEqual(areaSubtree(db, zone.id), [zone.id]);
});

test("the subtree follows more than one level", async () => {
  const deep = await seededTestDb();
  const parent = demoArea(deep, "Cao County");
  const town = deep.insert(areas).values({ code: "371799", nameZh: "测试镇", nameEn: "Test Town", level: "county", parentId: parent.id }).returning().get();
  const village = deep.insert(areas).values({ code: "371798", nameZh: "测试村", nameEn: "Test Village", level: "county", parentId: town.id }).returning().get();
  assert.deepEqual(sorted(areaSubtree(deep, parent.id)), sorted([parent.id, town.id, village.id]));
  assert.ok(areaSubtree(deep, demoArea(deep, "Heze City").id).includes(village.id));
  assert.deepEqual(areaSubtree(deep, village.id), [village.id]);
});

test("the subtree terminates even if the data holds a cycle", async () => {
  const bad = await seededTestDb();
  const a = demoArea(bad, "Cao County");
  const b = bad.insert(areas).values({ code: "371797", nameZh: "环", nameEn: "Loop", level: "county", parentId: a.id }).returning().get();
  bad.update(areas).set({ parentId: b.id }).where(eq(areas.id, a.id)).run();
  assert.deepEqual(sorted(areaSubtree(bad, a.id)), sorted([a.id, b.id]));
});

test("canReadRecord: admin and auditor read everything", () => {
  for (const user of [admin, auditor]) {
    for (const record of [cityCommerce, cityFinance, caoxianRecord, mudanRecord, zoneDepartment]) {
      assert.equal(canReadRecord(db, user, record), true, `${user.username} ${JSON.stringify(record)}`);
    }
  }
});

test("canReadRecord: a manager reads their area and below", () => {
  for (const record of [cityCommerce, cityFinance, caoxianRecord, mudanRecord, zoneDepartment]) {
    assert.equal(canReadRecord(db, manager, record), true, JSON.stringify(record));
  }
  assert.equal(canReadRecord(db, caoxianManager, caoxianRecord), true);
  assert.equal(canReadRecord(db, caoxianManager, { departmentId: cityFinance.departmentId, areaId: caoxian.id }), true);
  assert.equal(canReadRecord(db, caoxianManager, mudanRecord), false);
  assert.equal(canReadRecord(db, caoxianManager, cityCommerce), false);
  assert.equal(canReadRecord(db, caoxianManager, zoneDepartment), false);
});

test("@security canReadRecord: staff read only their own department in their own area", () => {
  assert.equal(canReadRecord(db, staff, cityCommerce), true);
  assert.equal(canReadRecord(db, staff, cityFinance), false);
  assert.equal(canReadRecord(db, staff, caoxianRecord), false);
  // Same department id, another area: still not theirs.
  assert.equal(canReadRecord(db, staff, zoneDepartment), false);
  assert.equal(canReadRecord(db, caoxianStaff, caoxianRecord), true);
  assert.equal(canReadRecord(db, caoxianStaff, mudanRecord), false);
  assert.equal(canReadRecord(db, mudanStaff, caoxianRecord), false);
});

test("@security canEditRecord: only staff, only their own department and area", () => {
  assert.equal(canEditRecord(staff, cityCommerce), true);
  assert.equal(canEditRecord(caoxianStaff, caoxianRecord), true);
  assert.equal(canEditRecord(staff, cityFinance), false);
  assert.equal(canEditRecord(staff, caoxianRecord), false);
  assert.equal(canEditRecord(staff, zoneDepartment), false);
  assert.equal(canEditRecord(caoxianStaff, mudanRecord), false);
  // Managers check, admins administer, auditors read: none of them edits records.
  for (const user of [manager, caoxianManager, admin, auditor]) {
    assert.equal(canEditRecord(user, recordOf(user)), false, user.username);
    assert.equal(canEditRecord(user, cityCommerce), false, user.username);
  }
});

test("@security canDecideRecord: managers of the area or above, never their own submission", () => {
  const by = (user: User) => user.id;
  assert.equal(canDecideRecord(db, manager, { ...cityCommerce, submittedBy: by(staff) }), true);
  assert.equal(canDecideRecord(db, manager, { ...caoxianRecord, submittedBy: by(caoxianStaff) }), true);
  assert.equal(canDecideRecord(db, manager, { ...mudanRecord, submittedBy: by(mudanStaff) }), true);
  assert.equal(canDecideRecord(db, manager, { ...cityCommerce, submittedBy: by(manager) }), false);

  assert.equal(canDecideRecord(db, caoxianManager, { ...caoxianRecord, submittedBy: by(caoxianStaff) }), true);
  assert.equal(canDecideRecord(db, caoxianManager, { ...caoxianRecord, submittedBy: by(caoxianManager) }), false);
  assert.equal(canDecideRecord(db, caoxianManager, { ...mudanRecord, submittedBy: by(mudanStaff) }), false);
  assert.equal(canDecideRecord(db, caoxianManager, { ...cityCommerce, submittedBy: by(staff) }), false);

  for (const user of [admin, auditor, staff, caoxianStaff]) {
    assert.equal(canDecideRecord(db, user, { ...recordOf(user), submittedBy: by(mudanStaff) }), false, user.username);
    assert.equal(canDecideRecord(db, user, { ...caoxianRecord, submittedBy: by(caoxianManager) }), false, user.username);
  }
});

