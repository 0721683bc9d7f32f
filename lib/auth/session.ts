import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { users, type Locale, type Role } from "@/db/schema";
import { auth } from "./auth";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number;
  areaId: number;
  locale: Locale;
  sessionVersion: number;
}

/**
 * The signed-in user, read from the database on every request: a token whose session
 * version is stale (logout, disable, role or password change) counts as no session.
 * The role comes from the database, never from the token.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid || !session.sv) return null;
  const row = getDb().select().from(users).where(eq(users.id, session.uid)).get();
  if (!row || row.disabled || row.sessionVersion !== session.sv) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    departmentId: row.departmentId,
    areaId: row.areaId,
    locale: row.locale,
    sessionVersion: row.sessionVersion,
  };
});

/** For pages: no session → the login page; a role not listed → 403. */
export async function requirePageUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (roles && !roles.includes(user.role)) forbidden();
  return user;
}
