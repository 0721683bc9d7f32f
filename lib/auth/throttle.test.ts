import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { loginThrottle } from "@/db/schema";
import { testDb } from "@/lib/testing/db";
import {
  clearLoginFailures,
  lockedUntil,
  recordLoginFailure,
  throttleKeys,
  throttlePolicy,
  type ThrottlePolicy,
} from "./throttle";

const POLICY: ThrottlePolicy = { userMaxFailures: 5, ipMaxFailures: 8, windowMs: 60_000, lockMs: 300_000 };
const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);

// Next declares NODE_ENV required on ProcessEnv; the policy reads only the LOGIN_* variables.
const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

function fail(db: Db, username: string, ip: string | null, now: number, policy = POLICY) {
  writeTransaction((tx) => recordLoginFailure(tx, throttleKeys(username, ip), now, policy), db);
}

function locked(db: Db, username: string, ip: string | null, now: number): number | null {
  const keys = throttleKeys(username, ip);
  return lockedUntil(db, [keys.user, ...(keys.ip ? [keys.ip] : [])], now);
}

function failures(db: Db, key: string): number | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get()?.failures;
}

test("the policy defaults to 5 per user, 50 per address, 15-minute window and lock", () => {
  assert.deepEqual(throttlePolicy(env({})), { userMaxFailures: 5, ipMaxFailures: 50, windowMs: 900_000, lockMs: 900_000 });
  assert.deepEqual(
    throttlePolicy(env({ LOGIN_MAX_FAILURES: "3", LOGIN_MAX_FAILURES_PER_IP: "20", LOGIN_WINDOW_SECONDS: "60", LOGIN_LOCK_SECONDS: "120" })),
    { userMaxFailures: 3, ipMaxFailures: 20, windowMs: 60_000, lockMs: 120_000 },
  );
  // Nonsense in the environment never switches throttling off.
  for (const bad of ["0", "-1", "abc", "", "Infinity"]) {
    assert.equal(throttlePolicy(env({ LOGIN_MAX_FAILURES: bad })).userMaxFailures, 5, JSON.stringify(bad));
  }
});

test("keys: the username is trimmed and case-folded; no address, no address key", () => {
  assert.deepEqual(throttleKeys("  Admin ", "203.0.113.5"), { user: "user:admin", ip: "ip:203.0.113.5" });
  assert.deepEqual(throttleKeys("admin", null), { user: "user:admin", ip: null });
});

test("@security after N failures within the window the user key is locked for lockMs", () => {
  const db = testDb();
  for (let i = 0; i < POLICY.userMaxFailures - 1; i++) {
    fail(db, "staff", null, T0 + i * 1000);
    assert.equal(locked(db, "staff", null, T0 + i * 1000), null, `not locked after ${i + 1} failures`);
  }
  const lastFailure = T0 + 10_000;
  fail(db, "staff", null, lastFailure);
  assert.equal(locked(db, "staff", null, lastFailure), lastFailure + POLICY.lockMs);
  // The same user under another spelling is the same key.
  assert.equal(locked(db, " STAFF ", null, lastFailure + 1), lastFailure + POLICY.lockMs);
  // Another user is not affected.
  assert.equal(locked(db, "manager", null, lastFailure), null);
});

test("a lock expires after lockMs", () => {
  const db = testDb();
  for (let i = 0; i < POLICY.userMaxFailures; i++) fail(db, "staff", null, T0);
  assert.equal(locked(db, "staff", null, T0 + POLICY.lockMs - 1), T0 + POLICY.lockMs);
  assert.equal(locked(db, "staff", null, T0 + POLICY.lockMs), null);
  assert.equal(locked(db, "staff", null, T0 + POLICY.lockMs + 60_000), null);
});

test("failures spread beyond the window never lock: a fresh window resets the count", () => {
  const db = testDb();
  let now = T0;
  for (let i = 0; i < 3 * POLICY.userMaxFailures; i++) {
    fail(db, "staff", null, now);
    assert.equal(locked(db, "staff", null, now), null, `failure ${i + 1}`);
    // Every other failure lands just past the window of the first in the run.
    now += i % 2 === 0 ? POLICY.windowMs / 2 : POLICY.windowMs / 2 + 1;
  }
  const db2 = testDb();
  for (let i = 0; i < POLICY.userMaxFailures - 1; i++) fail(db2, "staff", null, T0);
  assert.equal(failures(db2, "user:staff"), POLICY.userMaxFailures - 1);
  fail(db2, "staff", null, T0 + POLICY.windowMs + 1);
  assert.equal(failures(db2, "user:staff"), 1);
  assert.equal(locked(db2, "staff", null, T0 + POLICY.windowMs + 1), null);
});

test("@security the address key has its own limit, across usernames", () => {
  const db = testDb();
  const ip = "198.51.100.7";
  for (let i = 0; i < POLICY.ipMaxFailures - 1; i++) fail(db, `user${i}`, ip, T0);
  assert.equal(locked(db, "someone-new", ip, T0), null);
  assert.equal(failures(db, `ip:${ip}`), POLICY.ipMaxFailures - 1);
  fail(db, "yet-another", ip, T0);
  // Every username is refused from that address, even one that never failed…
  assert.equal(locked(db, "someone-new", ip, T0), T0 + POLICY.lockMs);
  // …but not from another address, and no single user key reached its own limit.
  assert.equal(locked(db, "someone-new", "198.51.100.8", T0), null);
  assert.equal(lockedUntil(db, ["user:user0", "user:yet-another"], T0), null);
});

test("the user limit is independent of the address", () => {
  const db = testDb();
  for (let i = 0; i < POLICY.userMaxFailures; i++) fail(db, "staff", `203.0.113.${i}`, T0);
  assert.equal(locked(db, "staff", "203.0.113.200", T0), T0 + POLICY.lockMs);
  assert.equal(lockedUntil(db, ["ip:203.0.113.0"], T0), null);
});

test("clearLoginFailures clears the user key (and only it)", () => {
  const db = testDb();
  const ip = "192.0.2.44";
  for (let i = 0; i < POLICY.userMaxFailures; i++) fail(db, "staff", ip, T0);
  assert.notEqual(locked(db, "staff", null, T0), null);
  writeTransaction((tx) => clearLoginFailures(tx, throttleKeys("staff", ip).user), db);
  assert.equal(locked(db, "staff", null, T0), null);
  assert.equal(failures(db, "user:staff"), undefined);
  assert.equal(failures(db, `ip:${ip}`), POLICY.userMaxFailures);
  // Counting starts again from zero.
  fail(db, "staff", null, T0 + 1);
  assert.equal(failures(db, "user:staff"), 1);
  assert.equal(locked(db, "staff", null, T0 + 1), null);
});
