import "server-only";
// What pages read about users: an admin's list and record, a user's own profile. Never the password hash.
import { getDb, type Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { getArea, getDepartment } from "@/lib/org/service";
import { getUser, listUsers, withoutSecret, type PublicUser, type UserListRow } from "./service";

export function getUserList(): UserListRow[] {
  return listUsers(getDb());
}

export function getUserById(id: number): PublicUser | undefined {
  const user = getUser(getDb(), id);
  return user ? withoutSecret(user) : undefined;
}

export interface AccountProfile {
  username: string;
  displayName: string;
  role: SessionUser["role"];
  department: { nameZh: string; nameEn: string } | null;
  area: { nameZh: string; nameEn: string } | null;
}

export function getAccountProfile(user: SessionUser, db: Db = getDb()): AccountProfile {
  const department = getDepartment(db, user.departmentId);
  const area = getArea(db, user.areaId);
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    department: department ? { nameZh: department.nameZh, nameEn: department.nameEn } : null,
    area: area ? { nameZh: area.nameZh, nameEn: area.nameEn } : null,
  };
}
