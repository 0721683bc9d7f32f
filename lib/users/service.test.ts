import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { departments, type User } from "@/db/schema";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { appError, zodKeys } from "@/lib/testing/assert";
import {
  changeOwnPasswordSchema,
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  updateUserSchema,
  type UpdateUserInput,
} from "./schema";
import {
  createUser,
  endSessions,
  findUserByUsername,
  getUser,
  listUsers,
  setDisabled,
  setPasswordHash,
  updateUser,
  withoutSecret,
} from "./service";

const db: Db = await seededTestDb();
const staff = demoUser(db, "staff");
const caoxianStaff = demoUser(db, "caoxian.staff");
const auditor = demoUser(db, "auditor");

const newUser = (over: Partial<Parameters<typeof createUser>[1]> = {}) =>
  writeTransaction(
    (tx) =>
      createUser(tx, {
        username: "new.user",
        displayName: "New User",
        passwordHash: "$2b$10$notarealhash",
        role: "staff",
        departmentId: staff.departmentId,
        areaId: staff.areaId,
        ...over,
      }),
    db,
  );

const asUpdate = (u: User, over: Partial<UpdateUserInput> = {}): UpdateUserInput => ({
  id: u.id,
  displayName: u.displayName,
  role: u.role,
  departmentId: u.departmentId,
  areaId: u.areaId,
  ...over,
});
const update = (input: UpdateUserInput) => writeTransaction((tx) => updateUser(tx, input), db);
const version = (id: number) => getUser(db, id)!.sessionVersion;

// ── schemas ──────────────────────────────────────────────────────────────────

const validCreate = { username: "li.si", password: "long-enough-pw", displayName: "李四", role: "staff", departmentId: "1", areaId: "1" };

test("createUserSchema: username format, password length, known role", () => {
  assert.equal(createUserSchema.parse({ ...validCreate, username: "  li.si  " }).username, "li.si");
  for (const username of ["ab", "x".repeat(33), "li si", "李四", "li@si", "li/si"]) {
    assert.deepEqual(zodKeys(createUserSchema.safeParse({ ...validCreate, username })), { username: ["usernameFormat"] }, username);
  }
  assert.deepEqual(zodKeys(createUserSchema.safeParse({ ...validCreate, password: "short" })), { password: ["passwordTooShort"] });
  assert.deepEqual(zodKeys(createUserSchema.safeParse({ ...validCreate, role: "root" })), { role: ["required"] });
  assert.deepEqual(zodKeys(createUserSchema.safeParse({ ...validCreate, departmentId: "" })), { departmentId: ["required"] });
});

test("@security extra fields (role, approvedBy, createdBy…) are dropped by schemas that do not declare them", () => {
  const sneaky = { approvedBy: 1, createdBy: 1, sessionVersion: 99, disabled: "on", passwordHash: "x", id: "1" };
  const created = createUserSchema.parse({ ...validCreate, ...sneaky });
  for (const key of Object.keys(sneaky)) assert.ok(!(key in created), `createUserSchema kept ${key}`);

  const { id: _id, ...notId } = sneaky;
  void _id;
  const updated = updateUserSchema.parse({ id: "5", displayName: "x", role: "staff", departmentId: "1", areaId: "1", ...notId });
  assert.deepEqual(Object.keys(updated).sort(), ["areaId", "departmentId", "displayName", "id", "role"]);
  assert.equal(updated.id, 5);
  assert.ok(!("approvedBy" in updated));

  const own = changeOwnPasswordSchema.parse({
    currentPassword: "old-password-1",
    newPassword: "new-password-1",
    confirmPassword: "new-password-1",
    role: "admin",
    id: "1",
    username: "admin",
  });
  assert.deepEqual(Object.keys(own).sort(), ["confirmPassword", "currentPassword", "newPassword"]);

  assert.deepEqual(Object.keys(resetPasswordSchema.parse({ id: "2", password: "long-enough-pw", role: "admin" })).sort(), ["id", "password"]);
  assert.deepEqual(setDisabledSchema.parse({ id: "2", role: "admin" }), { id: 2, disabled: false });
});

test("changeOwnPasswordSchema: confirmation must match and the password must change", () => {
  assert.deepEqual(
    zodKeys(changeOwnPasswordSchema.safeParse({ currentPassword: "old-password-1", newPassword: "new-password-1", confirmPassword: "new-password-2" })),
    { confirmPassword: ["passwordMismatch"] },
  );
  assert.deepEqual(
    zodKeys(changeOwnPasswordSchema.safeParse({ currentPassword: "same-password-1", newPassword: "same-password-1", confirmPassword: "same-password-1" })),
    { newPassword: ["passwordUnchanged"] },
  );
});

// ── service ──────────────────────────────────────────────────────────────────

test("createUser refuses a duplicate username, whatever its case", () => {
  for (const username of ["staff", "STAFF", "Staff", " staff "]) {
    assert.throws(() => newUser({ username }), appError("CONFLICT", "usernameTaken", "username"), username);
  }
  // The database index agrees, for writes that bypass the service.
  assert.throws(
    () =>
      db.$client
        .prepare("insert into users (username, display_name, password_hash, role, department_id, area_id) values ('StAfF', 'x', 'x', 'staff', ?, ?)")
        .run(staff.departmentId, staff.areaId),
    /UNIQUE constraint failed: index 'users_username_unique'/,
  );
});

test("createUser refuses a department of another area, a missing department and an inactive one", () => {
  assert.throws(() => newUser({ departmentId: caoxianStaff.departmentId, areaId: staff.areaId }), appError("INVALID", "areaNotDepartments", "areaId"));
  assert.throws(() => newUser({ departmentId: staff.departmentId, areaId: caoxianStaff.areaId }), appError("INVALID", "areaNotDepartments", "areaId"));
  assert.throws(() => newUser({ departmentId: 999_999 }), appError("INVALID", "notFound", "departmentId"));
  const closed = writeTransaction(
    (tx) => tx.insert(departments).values({ nameZh: "撤销局", nameEn: "Closed", areaId: staff.areaId, active: false }).returning().get(),
    db,
  );
  assert.throws(() => newUser({ departmentId: closed.id }), appError("INVALID", "departmentInactive", "departmentId"));
});

test("createUser stores a new user with session version 1, enabled", () => {
  const user = newUser({ username: "Wang.Wu", departmentId: caoxianStaff.departmentId, areaId: caoxianStaff.areaId });
  assert.equal(user.sessionVersion, 1);
  assert.equal(user.disabled, false);
  assert.equal(findUserByUsername(db, " wang.wu ")?.id, user.id);
  assert.equal(findUserByUsername(db, "WANG.WU")?.id, user.id);
  assert.equal(findUserByUsername(db, "wang"), undefined);
});

test("updateUser bumps the session version on a role, department or area change", () => {
  const user = newUser({ username: "scope.change" });
  let v = user.sessionVersion;

  update(asUpdate(getUser(db, user.id)!, { role: "manager" }));
  assert.equal(version(user.id), ++v, "role change");

  update(asUpdate(getUser(db, user.id)!, { departmentId: auditor.departmentId }));
  assert.equal(version(user.id), ++v, "department change (same area)");

  update(asUpdate(getUser(db, user.id)!, { departmentId: caoxianStaff.departmentId, areaId: caoxianStaff.areaId }));
  assert.equal(version(user.id), ++v, "department and area change");
});

test("updateUser keeps the session version on a name-only change", () => {
  const user = newUser({ username: "name.change" });
  const { before, after } = update(asUpdate(user, { displayName: "A New Name" }));
  assert.equal(before.displayName, user.displayName);
  assert.equal(after.displayName, "A New Name");
  assert.equal(after.sessionVersion, user.sessionVersion);
  // Saving the form unchanged is no change either.
  update(asUpdate(getUser(db, user.id)!));
  assert.equal(version(user.id), user.sessionVersion);
});

test("updateUser refuses a placement outside the department's area and a missing user", () => {
  const user = newUser({ username: "placement" });
  assert.throws(() => update(asUpdate(user, { areaId: caoxianStaff.areaId })), appError("INVALID", "areaNotDepartments", "areaId"));
  assert.throws(() => update(asUpdate(user, { id: 999_999 })), appError("NOT_FOUND", "notFound"));
  assert.equal(version(user.id), user.sessionVersion);
});

test("@security setDisabled, setPasswordHash and endSessions bump the session version", () => {
  const user = newUser({ username: "bumps" });
  let v = user.sessionVersion;
  const disabled = writeTransaction((tx) => setDisabled(tx, user.id, true), db);
  assert.equal(disabled.after.disabled, true);
  assert.equal(disabled.after.sessionVersion, ++v);
  writeTransaction((tx) => setDisabled(tx, user.id, false), db);
  assert.equal(version(user.id), ++v);
  const pw = writeTransaction((tx) => setPasswordHash(tx, user.id, "$2b$10$another"), db);
  assert.equal(pw.after.passwordHash, "$2b$10$another");
  assert.equal(pw.after.sessionVersion, ++v);
  writeTransaction((tx) => endSessions(tx, user.id), db);
  assert.equal(version(user.id), ++v);
  assert.throws(() => writeTransaction((tx) => setDisabled(tx, 999_999, true), db), appError("NOT_FOUND", "notFound"));
  assert.throws(() => writeTransaction((tx) => setPasswordHash(tx, 999_999, "x"), db), appError("NOT_FOUND", "notFound"));
});

test("password hashes do not leave the module: withoutSecret and listUsers", () => {
  const user = getUser(db, staff.id)!;
  assert.ok(user.passwordHash.startsWith("$2"));
  assert.ok(!("passwordHash" in withoutSecret(user)));
  assert.equal(withoutSecret(user).username, "staff");
  for (const row of listUsers(db)) {
    assert.ok(!("passwordHash" in row), row.username);
    assert.ok(!JSON.stringify(row).includes("$2"), row.username);
  }
  assert.ok(listUsers(db).some((r) => r.username === "caoxian.staff" && r.areaNameEn === "Cao County"));
  assert.equal(db.select().from(departments).where(eq(departments.id, staff.departmentId)).get()?.nameEn, "Heze Municipal Bureau of Commerce");
});
