import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, writeTransactionWhenFree, type Tx } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { authConfig } from "./config";
import { verifyPassword } from "./password";
import { clearLoginFailures, lockedUntil, recordLoginFailure, throttleKeys, throttlePolicy } from "./throttle";
import { clientIp } from "./request-info";

/** Too many failures: the same answer whether or not the user exists. */
export class LoginThrottled extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export async function authorizeCredentials(raw: unknown, ip: string | null) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new CredentialsSignin();
  const { username, password } = parsed.data;
  const db = getDb();
  const now = Date.now();
  const policy = throttlePolicy();
  const keys = throttleKeys(username, ip);
  const attempted = { id: null, name: username.slice(0, 64) };

  const lockKeys = [keys.user, ...(keys.ip ? [keys.ip] : [])];
  const auditThrottled = (tx: Tx) =>
    appendAudit(tx, { actor: attempted, action: "login", entity: "session", outcome: "denied", detail: "throttled", ip });

  if (lockedUntil(db, lockKeys, now) !== null) {
    await writeTransactionWhenFree(auditThrottled);
    throw new LoginThrottled();
  }

  const user = db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .get();
  const passwordOk = await verifyPassword(password, user?.passwordHash);

  // The lock is checked again in the transaction that records the outcome: attempts sent at
  // the same moment all passed the first check while their passwords were being compared,
  // and together they must not get more answers than the limit allows.
  const outcome = await writeTransactionWhenFree((tx) => {
    if (lockedUntil(tx, lockKeys, Date.now()) !== null) {
      auditThrottled(tx);
      return "throttled" as const;
    }
    if (!user || !passwordOk || user.disabled) {
      recordLoginFailure(tx, keys, now, policy);
      appendAudit(tx, {
        actor: { id: user?.id ?? null, name: attempted.name },
        action: "login",
        entity: "session",
        outcome: "failure",
        // Kept for the auditor only; the login page says the same thing in every case.
        detail: !user ? "unknown user" : user.disabled ? "user disabled" : "wrong password",
        ip,
      });
      return "failure" as const;
    }
    clearLoginFailures(tx, keys.user);
    tx.update(users).set({ lastLoginAt: new Date(now) }).where(eq(users.id, user.id)).run();
    appendAudit(tx, {
      actor: { id: user.id, name: user.username },
      action: "login",
      entity: "session",
      entityId: user.id,
      outcome: "success",
      ip,
    });
    return "success" as const;
  });
  if (outcome === "throttled") throw new LoginThrottled();
  if (outcome === "failure" || !user) throw new CredentialsSignin();
  return { id: String(user.id), name: user.displayName, sessionVersion: user.sessionVersion };
}

export const { auth, signIn, signOut, handlers } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      authorize: (credentials, request) => authorizeCredentials(credentials, clientIp(request.headers)),
    }),
  ],
});
