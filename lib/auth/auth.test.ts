// authorizeCredentials, the credentials check behind next-auth's sign-in. next-auth cannot be
// loaded under the unit runner's react-server condition: see lib/testing/plain-node.ts.
import assert from "node:assert/strict";
import { join } from "node:path";
import { openDatabase, writeTransaction, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed/demo";
import { verifyAuditChain } from "@/lib/audit/log";
import { tempDir } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { plainNodeTests, type PlainNodeCase } from "@/lib/testing/plain-node";
import { hashPassword } from "@/lib/auth/password";
import { createUser, setDisabled } from "@/lib/users/service";
import type * as AuthModule from "./auth";

const THROTTLE_ENV = ["LOGIN_MAX_FAILURES", "LOGIN_MAX_FAILURES_PER_IP", "LOGIN_WINDOW_SECONDS", "LOGIN_LOCK_SECONDS"];

interface AuditRow {
  id: number;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  outcome: string;
  detail: string | null;
  ip: string | null;
  before: string | null;
  after: string | null;
}

// Set in the child before the cases run.
let db: Db;
let auth: typeof AuthModule;
let CredentialsSignin: typeof import("next-auth").CredentialsSignin;

function lastAudit(): AuditRow {
  return db.$client.prepare("select * from audit_log order by id desc limit 1").get() as AuditRow;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  assert.fail("expected the login to be refused");
}

const login = (username: string, password: string, ip: string | null = "192.0.2.1") =>
  auth.authorizeCredentials({ username, password }, ip);

const cases: PlainNodeCase[] = [
  [
    "@security unknown user and wrong password give the same error class, code and message",
    async () => {
      const unknown = await rejection(login("nobody-here", "Wrong-password-1", "192.0.2.10"));
      const unknownRow = lastAudit();
      const wrong = await rejection(login("staff", "Wrong-password-1", "192.0.2.11"));
      const wrongRow = lastAudit();
      for (const error of [unknown, wrong]) {
        assert.ok(error instanceof CredentialsSignin, String(error));
        assert.ok(!(error instanceof auth.LoginThrottled));
      }
      assert.equal(unknown.constructor, wrong.constructor);
      assert.equal(unknown.code, "credentials");
      assert.equal(wrong.code, unknown.code);
      assert.equal(wrong.message, unknown.message);
      // The auditor sees which it was; the caller does not.
      assert.equal(unknownRow.detail, "unknown user");
      assert.equal(unknownRow.actor_id, null);
      assert.equal(wrongRow.detail, "wrong password");
      assert.equal(wrongRow.actor_id, demoUser(db, "staff").id);
    },
  ],
  [
    "malformed credentials are refused with the same answer",
    async () => {
      for (const raw of [{}, { username: "", password: "x" }, { username: "staff", password: "" }, { username: "staff", password: "x".repeat(300) }, null]) {
        const error = await rejection(auth.authorizeCredentials(raw, "192.0.2.12"));
        assert.ok(error instanceof CredentialsSignin);
        assert.equal(error.code, "credentials");
      }
    },
  ],
  [
    "a failed login writes an audit row with outcome failure",
    async () => {
      await rejection(login("auditor", "Wrong-password-2", "192.0.2.13"));
      const row = lastAudit();
      assert.equal(row.action, "login");
      assert.equal(row.entity, "session");
      assert.equal(row.outcome, "failure");
      assert.equal(row.actor_name, "auditor");
      assert.equal(row.ip, "192.0.2.13");
    },
  ],
  [
    "a successful login returns the user and writes an audit row with outcome success",
    async () => {
      const manager = demoUser(db, "manager");
      const result = await login("  Manager ", DEMO_PASSWORD, "192.0.2.14");
      assert.deepEqual(result, { id: String(manager.id), name: manager.displayName, sessionVersion: manager.sessionVersion });
      const row = lastAudit();
      assert.equal(row.action, "login");
      assert.equal(row.outcome, "success");
      assert.equal(row.actor_id, manager.id);
      assert.equal(row.entity_id, String(manager.id));
      assert.equal(row.ip, "192.0.2.14");
      assert.ok(demoUser(db, "manager").lastLoginAt instanceof Date);
    },
  ],
  [
    "@security after 5 failures the user is throttled even with the right password",
    async () => {
      for (let i = 0; i < 5; i++) {
        const error = await rejection(login("mudan.staff", `Wrong-password-${i}`, `198.51.100.${i}`));
        assert.equal(error.code, "credentials", `failure ${i + 1} is an ordinary refusal`);
      }
      for (const name of ["mudan.staff", "MUDAN.STAFF"]) {
        const error = await rejection(login(name, DEMO_PASSWORD, "198.51.100.99"));
        assert.ok(error instanceof auth.LoginThrottled, String(error));
        assert.ok(error instanceof CredentialsSignin);
        assert.equal(error.code, "throttled");
        const row = lastAudit();
        assert.equal(row.outcome, "denied");
        assert.equal(row.detail, "throttled");
      }
      // An unknown name is throttled the same way: the answer does not reveal who exists.
      for (let i = 0; i < 5; i++) await rejection(login("ghost.user", `Wrong-password-${i}`, "198.51.100.50"));
      assert.equal((await rejection(login("ghost.user", "anything-at-all", "198.51.100.51"))).code, "throttled");
    },
  ],
  [
    "fewer failures than the limit, then success, clears the count",
    async () => {
      for (let i = 0; i < 4; i++) await rejection(login("caoxian.manager", `Wrong-password-${i}`, "203.0.113.1"));
      await login("caoxian.manager", DEMO_PASSWORD, "203.0.113.1");
      const left = db.$client.prepare("select * from login_throttle where key = 'user:caoxian.manager'").get();
      assert.equal(left, undefined);
      for (let i = 0; i < 4; i++) await rejection(login("caoxian.manager", `Wrong-password-${i}`, "203.0.113.1"));
      await login("caoxian.manager", DEMO_PASSWORD, "203.0.113.1");
    },
  ],
  [
    "@security too many failures from one address throttle every username from it",
    async () => {
      process.env.LOGIN_MAX_FAILURES_PER_IP = "3";
      try {
        for (let i = 0; i < 3; i++) await rejection(login(`spray-${i}`, "Wrong-password-3", "203.0.113.66"));
        assert.equal((await rejection(login("admin", DEMO_PASSWORD, "203.0.113.66"))).code, "throttled");
        assert.equal((await login("admin", DEMO_PASSWORD, "203.0.113.67")).id, String(demoUser(db, "admin").id));
      } finally {
        delete process.env.LOGIN_MAX_FAILURES_PER_IP;
      }
    },
  ],
  [
    "@security a burst of concurrent attempts gets no more answers than the limit allows",
    async () => {
      // All of these pass the lock check before any of them has finished hashing and recorded
      // its failure; without a second check they would all get an answer.
      const place = demoUser(db, "caoxian.staff");
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      writeTransaction(
        (tx) => createUser(tx, { username: "burst.user", displayName: "Burst", role: "staff", departmentId: place.departmentId, areaId: place.areaId, passwordHash }),
        db,
      );
      const attempts = [...Array.from({ length: 12 }, (_, i) => `Wrong-password-${i}`), DEMO_PASSWORD];
      const settled = await Promise.allSettled(attempts.map((pw, i) => login("burst.user", pw, `198.18.0.${i}`)));
      const codes = settled.map((r) => (r.status === "fulfilled" ? "success" : (r.reason as { code?: string }).code));
      const answered = codes.filter((c) => c !== "throttled");
      assert.ok(codes.filter((c) => c === "credentials").length <= 5, `wrong passwords answered: ${codes.join(", ")}`);
      assert.ok(answered.length <= 6, `answers given: ${codes.join(", ")}`);
      const failures = db.$client.prepare("select count(*) as n from audit_log where actor_name = 'burst.user' and outcome = 'failure'").get() as { n: number };
      assert.ok(failures.n <= 5, `${failures.n} failures recorded`);
    },
  ],
  [
    "@security a disabled user cannot log in, and gets the ordinary answer",
    async () => {
      const user = demoUser(db, "caoxian.staff");
      assert.equal((await login("caoxian.staff", DEMO_PASSWORD, "203.0.113.2")).id, String(user.id));
      writeTransaction((tx) => setDisabled(tx, user.id, true), db);
      const error = await rejection(login("caoxian.staff", DEMO_PASSWORD, "203.0.113.2"));
      assert.ok(error instanceof CredentialsSignin);
      assert.equal(error.code, "credentials");
      assert.equal(lastAudit().outcome, "failure");
      assert.equal(lastAudit().detail, "user disabled");
      writeTransaction((tx) => setDisabled(tx, user.id, false), db);
      assert.equal((await login("caoxian.staff", DEMO_PASSWORD, "203.0.113.2")).id, String(user.id));
    },
  ],
  [
    "the audit chain stays intact and no password reaches it",
    async () => {
      assert.equal(verifyAuditChain(db).intact, true);
      const all = JSON.stringify(db.$client.prepare("select * from audit_log").all());
      for (const secret of [DEMO_PASSWORD, "Wrong-password-1", "anything-at-all"]) assert.ok(!all.includes(secret), secret);
    },
  ],
];

await plainNodeTests(import.meta.url, cases, async () => {
  const dbPath = join(tempDir("huimin-auth-"), "auth.db");
  // getDb() reads DATABASE_PATH once, on first use: set it before the module is loaded.
  process.env.DATABASE_PATH = dbPath;
  for (const name of THROTTLE_ENV) delete process.env[name];
  db = openDatabase(dbPath);
  migrateDatabase(db);
  await seedDemo(db);
  auth = await import("./auth");
  ({ CredentialsSignin } = await import("next-auth"));
});
