import { test } from "node:test";
import assert from "node:assert/strict";
import { count } from "drizzle-orm";
import { areas, auditLog, departments, users } from "../schema";
import { verifyAuditChain } from "@/lib/audit/log";
import { verifyPassword } from "@/lib/auth/password";
import { areaSchema, departmentSchema } from "@/lib/org/schema";
import { createUserSchema } from "@/lib/users/schema";
import { testDb } from "@/lib/testing/db";
import { DEMO_PASSWORD, DEMO_USERS, MORE_DEMO_USERS, isEmpty, seedDemo } from "./demo";

const db = testDb();
assert.equal(isEmpty(db), true);
const counts = await seedDemo(db);

const n = (table: typeof areas | typeof departments | typeof users | typeof auditLog) => db.select({ n: count() }).from(table).get()!.n;

interface AuditRow {
  action: string;
  entity: string;
  entity_id: string;
  actor_id: number | null;
  actor_name: string;
  outcome: string;
  after: string;
}
const audit = () => db.$client.prepare("select * from audit_log order by id").all() as AuditRow[];

// The registry the seed also writes is tested in ./registry.test.ts.
test("seeding an empty database yields 12 areas, 15 departments and 16 users", () => {
  assert.deepEqual({ ...counts, registry: undefined, vouchers: undefined }, { areas: 12, departments: 15, users: 16, registry: undefined, vouchers: undefined });
  assert.equal(n(areas), 12);
  assert.equal(n(departments), 15);
  assert.equal(n(users), 16);
  assert.equal(isEmpty(db), false);
  const levels = db.select({ level: areas.level }).from(areas).all().map((a) => a.level);
  assert.deepEqual(
    { city: levels.filter((l) => l === "city").length, county: levels.filter((l) => l === "county").length, zone: levels.filter((l) => l === "zone").length },
    { city: 1, county: 9, zone: 2 },
  );
});

test("the demo users have the expected roles, all enabled, with the demo password", async () => {
  const rows = db.select().from(users).all();
  const roles = Object.fromEntries(rows.map((u) => [u.username, u.role]));
  assert.deepEqual(roles, {
    admin: "admin",
    manager: "manager",
    staff: "staff",
    auditor: "auditor",
    "caoxian.manager": "manager",
    "caoxian.staff": "staff",
    "mudan.staff": "staff",
    // One staff account per county/district bureau, and the staff of two action-leading departments.
    "dingtao.staff": "staff",
    "shanxian.staff": "staff",
    "chengwu.staff": "staff",
    "juye.staff": "staff",
    "yuncheng.staff": "staff",
    "juancheng.staff": "staff",
    "dongming.staff": "staff",
    "tourism.staff": "staff",
    "civil.staff": "staff",
  });
  assert.deepEqual(Object.keys(roles).sort(), [...DEMO_USERS, ...MORE_DEMO_USERS].map((u) => u.username).sort());
  for (const u of rows) {
    assert.equal(u.disabled, false, u.username);
    assert.equal(u.sessionVersion, 1, u.username);
  }
  assert.equal(await verifyPassword(DEMO_PASSWORD, rows[0]!.passwordHash), true);
  assert.equal(await verifyPassword("not-the-password", rows[0]!.passwordHash), false);
});

test("every user sits in an area that is their department's", () => {
  const deptArea = new Map(db.select().from(departments).all().map((d) => [d.id, d.areaId]));
  for (const u of db.select().from(users).all()) assert.equal(deptArea.get(u.departmentId), u.areaId, u.username);
});

test("every county/district bureau has a staff account of its own", () => {
  const countyAreas = db.select().from(areas).all().filter((a) => a.level === "county");
  const staffAreas = new Set(db.select().from(users).all().filter((u) => u.role === "staff").map((u) => u.areaId));
  for (const a of countyAreas) assert.ok(staffAreas.has(a.id), a.nameZh);
});

test("one audit row per created area, department and user, by the system actor, and the chain intact", () => {
  // The organisation comes first, by the system actor; the registry's rows follow, by the users.
  const all = audit();
  const rows = all.slice(0, 12 + 15 + 16);
  assert.ok(all.slice(rows.length).every((r) => r.actor_id !== null), "registry rows are by the acting users");
  const by = (entity: string) => rows.filter((r) => r.entity === entity);
  assert.equal(by("area").length, 12);
  assert.equal(by("department").length, 15);
  assert.equal(by("user").length, 16);
  for (const r of rows) {
    assert.equal(r.action, `${r.entity}.create`);
    assert.equal(r.outcome, "success");
    assert.equal(r.actor_id, null);
    assert.equal(r.actor_name, "system");
  }
  // Each record is audited exactly once.
  const keys = rows.map((r) => `${r.entity}:${r.entity_id}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(
    by("user").map((r) => Number(r.entity_id)).sort((a, b) => a - b),
    db.select({ id: users.id }).from(users).all().map((u) => u.id).sort((a, b) => a - b),
  );
  assert.deepEqual(verifyAuditChain(db), { intact: true, checked: n(auditLog), brokenAtId: null, reason: null });
});

test("no password or hash reaches the audit log", () => {
  const all = JSON.stringify(audit());
  assert.ok(!all.includes(DEMO_PASSWORD));
  assert.ok(!all.includes("$2"), "a bcrypt hash is in the audit log");
  for (const r of audit().filter((r) => r.entity === "user")) assert.ok(!("passwordHash" in JSON.parse(r.after)));
});

test("seeding runs through the form schemas: the values the seed uses would be refused if bad", () => {
  assert.equal(areaSchema.safeParse({ code: "37170X", nameZh: "坏", nameEn: "Bad", level: "county", parentId: "1" }).success, false);
  assert.equal(areaSchema.safeParse({ code: "371700", nameZh: "", nameEn: "Bad", level: "city" }).success, false);
  assert.equal(departmentSchema.safeParse({ nameZh: "坏", nameEn: "Bad", areaId: "x", active: "on" }).success, false);
  assert.equal(createUserSchema.safeParse({ username: "a b", password: DEMO_PASSWORD, displayName: "x", role: "staff", departmentId: "1", areaId: "1" }).success, false);
  assert.throws(() => areaSchema.parse({ code: "37170", nameZh: "坏", nameEn: "Bad", level: "county", parentId: "1" }));
});

test("seeding parses every area, department and user through its form schema", async () => {
  // The seed calls schema.parse on the same schema objects the forms use: count the calls.
  const calls = { area: 0, department: 0, user: 0 };
  const spy = <S extends { parse: (input: unknown) => unknown }>(schema: S, key: keyof typeof calls) => {
    const original = schema.parse;
    schema.parse = ((input: unknown) => {
      calls[key]++;
      return original.call(schema, input);
    }) as S["parse"];
    return () => {
      schema.parse = original;
    };
  };
  const restore = [spy(areaSchema, "area"), spy(departmentSchema, "department"), spy(createUserSchema, "user")];
  try {
    await seedDemo(testDb(), { registry: false });
  } finally {
    for (const r of restore) r();
  }
  assert.deepEqual(calls, { area: 12, department: 15, user: 16 });
});

test("a seed value the schema refuses aborts the whole seed: nothing is written", async () => {
  const fresh = testDb();
  const original = departmentSchema.parse;
  let seen = 0;
  departmentSchema.parse = ((input: unknown) => {
    // The tenth department arrives with a bad area id, as a typo in the seed data would.
    if (++seen === 10) return original.call(departmentSchema, { ...(input as object), areaId: "not-a-number" });
    return original.call(departmentSchema, input);
  }) as typeof departmentSchema.parse;
  try {
    await assert.rejects(seedDemo(fresh), (error: Error) => error.name === "ZodError");
  } finally {
    departmentSchema.parse = original;
  }
  assert.equal(fresh.select({ n: count() }).from(areas).get()!.n, 0);
  assert.equal(fresh.select({ n: count() }).from(auditLog).get()!.n, 0);
  assert.equal(isEmpty(fresh), true);
});

test("seeding a database that already holds the demo data fails and writes nothing", async () => {
  const before = { areas: n(areas), departments: n(departments), users: n(users), audit: n(auditLog) };
  await assert.rejects(seedDemo(db), (error: Error & { code?: string }) => error.code === "CONFLICT");
  assert.deepEqual({ areas: n(areas), departments: n(departments), users: n(users), audit: n(auditLog) }, before);
  assert.equal(verifyAuditChain(db).intact, true);
});
