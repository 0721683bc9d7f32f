// Failed-login throttling, kept in the database so every server process shares it.
import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export interface ThrottlePolicy {
  /** Failures of one username within the window that lock it. */
  userMaxFailures: number;
  /** Failures from one address within the window that lock it. */
  ipMaxFailures: number;
  windowMs: number;
  lockMs: number;
}

export function throttlePolicy(env: NodeJS.ProcessEnv = process.env): ThrottlePolicy {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    userMaxFailures: num("LOGIN_MAX_FAILURES", 5),
    ipMaxFailures: num("LOGIN_MAX_FAILURES_PER_IP", 50),
    windowMs: num("LOGIN_WINDOW_SECONDS", 15 * 60) * 1000,
    lockMs: num("LOGIN_LOCK_SECONDS", 15 * 60) * 1000,
  };
}

export function throttleKeys(username: string, ip: string | null): { user: string; ip: string | null } {
  return { user: `user:${username.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/** The moment the lock ends, if any of the keys is locked now. */
export function lockedUntil(db: Db | Tx, keys: string[], now: number): number | null {
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
  let until: number | null = null;
  for (const row of rows) {
    const t = row.lockedUntil?.getTime() ?? 0;
    if (t > now && (until === null || t > until)) until = t;
  }
  return until;
}

export function recordLoginFailure(
  tx: Tx,
  keys: { user: string; ip: string | null },
  now: number,
  policy: ThrottlePolicy,
): void {
  const entries: Array<[string, number]> = [[keys.user, policy.userMaxFailures]];
  if (keys.ip) entries.push([keys.ip, policy.ipMaxFailures]);
  for (const [key, max] of entries) {
    const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
    const fresh = !row || now - row.windowStartedAt.getTime() > policy.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const windowStartedAt = new Date(fresh ? now : row.windowStartedAt.getTime());
    const locked = failures >= max ? new Date(now + policy.lockMs) : (row?.lockedUntil ?? null);
    tx.insert(loginThrottle)
      .values({ key, failures, windowStartedAt, lockedUntil: locked })
      .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, windowStartedAt, lockedUntil: locked } })
      .run();
  }
}

export function clearLoginFailures(tx: Tx, userKey: string): void {
  tx.delete(loginThrottle).where(eq(loginThrottle.key, userKey)).run();
}
