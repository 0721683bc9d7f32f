// Users: creation, role and scope, passwords, disabling. Every change that alters what a
// user may do bumps their session version, which ends their open sessions at once.
import { asc, eq, sql } from "drizzle-orm";
import { areas, departments, users, type User } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError, fieldError } from "@/lib/errors";
import type { CreateUserInput, UpdateUserInput } from "./schema";

/** A user row without its password hash: what may leave this module. */
export type PublicUser = Omit<User, "passwordHash">;

export function withoutSecret(user: User): PublicUser {
  const { passwordHash: _omit, ...rest } = user;
  void _omit;
  return rest;
}

export function getUser(db: Db | Tx, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByUsername(db: Db | Tx, name: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, name.trim().toLowerCase()))
    .get();
}

export interface UserListRow extends PublicUser {
  departmentNameZh: string;
  departmentNameEn: string;
  areaNameZh: string;
  areaNameEn: string;
}

export function listUsers(db: Db | Tx): UserListRow[] {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      areaId: users.areaId,
      locale: users.locale,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      departmentNameZh: departments.nameZh,
      departmentNameEn: departments.nameEn,
      areaNameZh: areas.nameZh,
      areaNameEn: areas.nameEn,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .innerJoin(areas, eq(areas.id, users.areaId))
    .orderBy(asc(users.username))
    .all();
}

/** A department works in one area: a user's area must be their department's. */
function checkPlacement(tx: Tx, departmentId: number, areaId: number): void {
  const department = tx.select().from(departments).where(eq(departments.id, departmentId)).get();
  if (!department) throw fieldError("departmentId", "notFound");
  if (!department.active) throw fieldError("departmentId", "departmentInactive");
  if (department.areaId !== areaId) throw fieldError("areaId", "areaNotDepartments");
}

export function createUser(tx: Tx, input: Omit<CreateUserInput, "password"> & { passwordHash: string }): User {
  if (findUserByUsername(tx, input.username)) throw fieldError("username", "usernameTaken", "CONFLICT");
  checkPlacement(tx, input.departmentId, input.areaId);
  return tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      passwordHash: input.passwordHash,
      role: input.role,
      departmentId: input.departmentId,
      areaId: input.areaId,
    })
    .returning()
    .get();
}

function requireUser(tx: Tx, id: number): User {
  const user = getUser(tx, id);
  if (!user) throw new AppError("NOT_FOUND", "notFound");
  return user;
}

export function updateUser(tx: Tx, input: UpdateUserInput): { before: User; after: User } {
  const before = requireUser(tx, input.id);
  checkPlacement(tx, input.departmentId, input.areaId);
  const scopeChanged =
    before.role !== input.role || before.departmentId !== input.departmentId || before.areaId !== input.areaId;
  const after = tx
    .update(users)
    .set({
      displayName: input.displayName,
      role: input.role,
      departmentId: input.departmentId,
      areaId: input.areaId,
      sessionVersion: scopeChanged ? before.sessionVersion + 1 : before.sessionVersion,
      updatedAt: new Date(),
    })
    .where(eq(users.id, input.id))
    .returning()
    .get();
  return { before, after };
}

export function setPasswordHash(tx: Tx, id: number, passwordHash: string): { before: User; after: User } {
  const before = requireUser(tx, id);
  const after = tx
    .update(users)
    .set({ passwordHash, sessionVersion: before.sessionVersion + 1, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
    .get();
  return { before, after };
}

export function setDisabled(tx: Tx, id: number, disabled: boolean): { before: User; after: User } {
  const before = requireUser(tx, id);
  const after = tx
    .update(users)
    .set({ disabled, sessionVersion: before.sessionVersion + 1, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
    .get();
  return { before, after };
}

/** Ends every open session of the user (logout). */
export function endSessions(tx: Tx, id: number): void {
  tx.update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .run();
}

export function setLocale(tx: Tx, id: number, locale: User["locale"]): void {
  tx.update(users).set({ locale }).where(eq(users.id, id)).run();
}
