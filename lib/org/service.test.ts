import { test } from "node:test";
import assert from "node:assert/strict";
import { writeTransaction, type Db } from "@/db/client";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea } from "@/lib/testing/demo";
import { appError, zodKeys } from "@/lib/testing/assert";
import { areaSchema, areaUpdateSchema, departmentSchema, type AreaInput } from "./schema";
import { createArea, createDepartment, getArea, listAreas, listDepartments, updateArea, updateDepartment } from "./service";

const db: Db = await seededTestDb();
const city = demoArea(db, "Heze City");
const caoxian = demoArea(db, "Cao County");
const mudan = demoArea(db, "Mudan District");
const zone = demoArea(db, "Heze High-tech Industrial Development Zone");

const county = (over: Partial<AreaInput> = {}): AreaInput => ({
  code: "371799",
  nameZh: "测试县",
  nameEn: "Test County",
  level: "county",
  parentId: city.id,
  ...over,
});

const create = (input: AreaInput) => writeTransaction((tx) => createArea(tx, input), db);
const update = (id: number, input: AreaInput) => writeTransaction((tx) => updateArea(tx, id, input), db);
const asInput = (a: typeof city): AreaInput => ({ code: a.code ?? undefined, nameZh: a.nameZh, nameEn: a.nameEn, level: a.level, parentId: a.parentId ?? undefined });

// ── schemas ──────────────────────────────────────────────────────────────────

test("areaSchema accepts a six-digit code, trims it, and turns blanks into nothing", () => {
  assert.deepEqual(areaSchema.parse({ code: " 371700 ", nameZh: " 菏泽市 ", nameEn: "Heze", level: "city", parentId: "" }), {
    code: "371700",
    nameZh: "菏泽市",
    nameEn: "Heze",
    level: "city",
    parentId: undefined,
  });
  const zoneInput = areaSchema.parse({ code: "  ", nameZh: "区", nameEn: "Zone", level: "zone", parentId: "3" });
  assert.equal(zoneInput.code, undefined);
  assert.equal(zoneInput.parentId, 3);
});

test("areaSchema refuses codes that are not six ASCII digits", () => {
  for (const code of ["37170", "3717000", "37170a", "３７１７００", "371 00", "-37170", "3717.0", "0x1717", "371700\n1"]) {
    assert.deepEqual(zodKeys(areaSchema.safeParse({ code, nameZh: "x", nameEn: "x", level: "county", parentId: "1" })), { code: ["areaCodeFormat"] }, JSON.stringify(code));
  }
});

test("areaSchema refuses a missing name, an unknown level and a bad parent id", () => {
  assert.deepEqual(zodKeys(areaSchema.safeParse({ code: "371799", nameZh: "  ", nameEn: "x", level: "county" })), { nameZh: ["required"] });
  assert.deepEqual(zodKeys(areaSchema.safeParse({ code: "371799", nameZh: "x".repeat(61), nameEn: "x", level: "county" })), { nameZh: ["tooLong"] });
  assert.deepEqual(zodKeys(areaSchema.safeParse({ code: "371799", nameZh: "x", nameEn: "x", level: "province" })), { level: ["required"] });
  for (const parentId of ["abc", "-1", "0", "1.5"]) {
    assert.equal(areaSchema.safeParse({ code: "371799", nameZh: "x", nameEn: "x", level: "county", parentId }).success, false, parentId);
  }
});

test("area and department schemas drop fields they do not declare", () => {
  const area = areaSchema.parse({ code: "371799", nameZh: "x", nameEn: "x", level: "county", parentId: "1", id: "9", createdBy: "1", approvedBy: "1" });
  assert.deepEqual(Object.keys(area).sort(), ["code", "level", "nameEn", "nameZh", "parentId"]);
  const updateInput = areaUpdateSchema.parse({ id: "4", code: "371799", nameZh: "x", nameEn: "x", level: "county", parentId: "1", role: "admin" });
  assert.ok(!("role" in updateInput));
  const dept = departmentSchema.parse({ nameZh: "x", nameEn: "x", areaId: "1", active: "on", id: "3", createdBy: "2" });
  assert.deepEqual(dept, { nameZh: "x", nameEn: "x", areaId: 1, active: true });
  assert.equal(departmentSchema.parse({ nameZh: "x", nameEn: "x", areaId: "1" }).active, false);
});

// ── area service ─────────────────────────────────────────────────────────────

test("createArea: a well-formed county is created under the city", () => {
  const area = create(county({ code: "371790", nameZh: "新县", nameEn: "New County" }));
  assert.equal(area.parentId, city.id);
  assert.equal(area.level, "county");
  assert.ok(listAreas(db).some((a) => a.id === area.id));
});

test("createArea refuses a duplicate code or a duplicate Chinese name", () => {
  assert.throws(() => create(county({ code: caoxian.code!, nameZh: "另一个县" })), appError("CONFLICT", "areaCodeTaken", "code"));
  assert.throws(() => create(county({ code: "371798", nameZh: caoxian.nameZh })), appError("CONFLICT", "nameTaken", "nameZh"));
  assert.throws(() => create(county({ code: undefined, nameZh: zone.nameZh, level: "zone" })), appError("CONFLICT", "nameTaken", "nameZh"));
});

test("createArea refuses a county or zone without a parent, and a parent that does not exist", () => {
  assert.throws(() => create(county({ parentId: undefined })), appError("INVALID", "parentRequired", "parentId"));
  assert.throws(() => create(county({ level: "zone", code: undefined, parentId: undefined })), appError("INVALID", "parentRequired", "parentId"));
  assert.throws(() => create(county({ parentId: 999_999 })), appError("INVALID", "notFound", "parentId"));
});

test("createArea: cities and counties need a code, zones have none", () => {
  assert.throws(() => create(county({ code: undefined })), appError("INVALID", "areaCodeRequired", "code"));
  assert.throws(() => create(county({ level: "city", parentId: undefined, code: undefined, nameZh: "某市" })), appError("INVALID", "areaCodeRequired", "code"));
  assert.throws(() => create(county({ level: "zone", code: "371797" })), appError("INVALID", "zoneHasNoCode", "code"));
});

test("a bad code that bypasses the schema is refused by the database", () => {
  for (const code of ["37170", "37170a", "３７１７００"]) {
    assert.throws(() => create(county({ code, nameZh: `坏${code}` })), /CHECK constraint failed: areas_code_format/, code);
  }
  assert.throws(
    () => db.$client.prepare("insert into areas (code, name_zh, name_en, level) values ('371721', '重复', 'dup', 'county')").run(),
    /UNIQUE constraint failed: areas.code/,
  );
  assert.throws(
    () => db.$client.prepare("insert into areas (code, name_zh, name_en, level) values ('371796', '曹县', 'dup', 'county')").run(),
    /UNIQUE constraint failed: areas.name_zh/,
  );
  assert.throws(() => db.$client.prepare("insert into areas (name_zh, name_en, level) values ('省', 'p', 'province')").run(), /CHECK constraint failed: areas_level_valid/);
  assert.throws(() => db.$client.prepare("update areas set parent_id = id where id = ?").run(caoxian.id), /CHECK constraint failed: areas_not_own_parent/);
});

test("updateArea refuses parent cycles: itself, a child, a grandchild", () => {
  assert.throws(() => update(caoxian.id, { ...asInput(caoxian), parentId: caoxian.id }), appError("INVALID", "parentCycle", "parentId"));
  assert.throws(() => update(city.id, { ...asInput(city), parentId: caoxian.id }), appError("INVALID", "parentCycle", "parentId"));
  const town = create({ code: undefined, nameZh: "曹县某园区", nameEn: "A park in Cao County", level: "zone", parentId: caoxian.id });
  assert.throws(() => update(caoxian.id, { ...asInput(caoxian), parentId: town.id }), appError("INVALID", "parentCycle", "parentId"));
  assert.throws(() => update(city.id, { ...asInput(city), parentId: town.id }), appError("INVALID", "parentCycle", "parentId"));
  // Moving a subtree elsewhere (no cycle) is fine.
  assert.equal(update(town.id, { ...asInput(town), parentId: mudan.id }).after.parentId, mudan.id);
  assert.equal(getArea(db, caoxian.id)!.parentId, city.id);
});

test("areas follow the hierarchy: a county under a city, a zone under a city or county, a city under nothing", () => {
  assert.throws(() => create(county({ code: "371796", nameZh: "县下县", nameEn: "County in county", parentId: caoxian.id })), appError("INVALID", "parentLevel", "parentId"));
  const zone = create({ code: undefined, nameZh: "某功能区", nameEn: "Some zone", level: "zone", parentId: city.id });
  assert.throws(() => create({ code: undefined, nameZh: "区中区", nameEn: "Zone in zone", level: "zone", parentId: zone.id }), appError("INVALID", "parentLevel", "parentId"));
  assert.throws(() => create({ code: "371900", nameZh: "某市", nameEn: "Another city", level: "city", parentId: city.id }), appError("INVALID", "parentLevel", "parentId"));
});

test("updateArea keeps its own code and name without a clash, but not another area's", () => {
  const { before, after } = update(caoxian.id, { ...asInput(caoxian), nameEn: "Caoxian" });
  assert.equal(before.nameEn, "Cao County");
  assert.equal(after.nameEn, "Caoxian");
  assert.equal(after.code, caoxian.code);
  assert.throws(() => update(caoxian.id, { ...asInput(caoxian), code: mudan.code! }), appError("CONFLICT", "areaCodeTaken", "code"));
  assert.throws(() => update(caoxian.id, { ...asInput(caoxian), nameZh: mudan.nameZh }), appError("CONFLICT", "nameTaken", "nameZh"));
  assert.throws(() => update(999_999, asInput(caoxian)), appError("NOT_FOUND", "notFound"));
  update(caoxian.id, asInput(caoxian));
});

// ── department service ───────────────────────────────────────────────────────

test("departments: a name is unique within its area, not across areas", () => {
  const dept = writeTransaction((tx) => createDepartment(tx, { nameZh: "测试局", nameEn: "Test Bureau", areaId: caoxian.id, active: true }), db);
  assert.throws(
    () => writeTransaction((tx) => createDepartment(tx, { nameZh: "测试局", nameEn: "Other", areaId: caoxian.id, active: true }), db),
    appError("CONFLICT", "nameTaken", "nameZh"),
  );
  const elsewhere = writeTransaction((tx) => createDepartment(tx, { nameZh: "测试局", nameEn: "Test Bureau", areaId: mudan.id, active: true }), db);
  assert.notEqual(elsewhere.id, dept.id);
  assert.throws(
    () => writeTransaction((tx) => updateDepartment(tx, elsewhere.id, { nameZh: "测试局", nameEn: "Moved", areaId: caoxian.id, active: true }), db),
    appError("CONFLICT", "nameTaken", "nameZh"),
  );
  // Renaming itself in place is no clash.
  const { after } = writeTransaction((tx) => updateDepartment(tx, dept.id, { nameZh: "测试局", nameEn: "Renamed", areaId: caoxian.id, active: false }), db);
  assert.equal(after.nameEn, "Renamed");
  assert.equal(after.active, false);
  assert.throws(
    () => db.$client.prepare("insert into departments (name_zh, name_en, area_id) values ('测试局', 'dup', ?)").run(caoxian.id),
    /UNIQUE constraint failed: departments.area_id, departments.name_zh/,
  );
  assert.ok(listDepartments(db).some((d) => d.id === dept.id && d.areaNameEn === "Cao County"));
});

test("departments: the area must exist; a missing department is NOT_FOUND", () => {
  assert.throws(
    () => writeTransaction((tx) => createDepartment(tx, { nameZh: "无处局", nameEn: "Nowhere", areaId: 999_999, active: true }), db),
    appError("INVALID", "notFound", "areaId"),
  );
  assert.throws(
    () => writeTransaction((tx) => updateDepartment(tx, 999_999, { nameZh: "无处局", nameEn: "Nowhere", areaId: caoxian.id, active: true }), db),
    appError("NOT_FOUND", "notFound"),
  );
});
