// Record scope: which records of which department and area a user may read, edit or decide.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { Role } from "@/db/schema";
import { cachedOnDataVersion } from "@/lib/data-version/cache";

export interface ScopedUser {
  id: number;
  role: Role;
  departmentId: number;
  areaId: number;
}

export interface ScopedRecord {
  departmentId: number;
  areaId: number;
}

/**
 * An area and every area below it (a city sees its counties). Cached on the data version (areas is
 * a figure table, so any change to the tree moves it): a report asks this many times per page.
 */
export function areaSubtree(db: Db | Tx, areaId: number): number[] {
  return cachedOnDataVersion(db, `subtree:${areaId}`, () =>
    db
      .all<{ id: number }>(
        sql`
    with recursive subtree(id) as (
      select ${areaId}
      union
      select a.id from areas a join subtree s on a.parent_id = s.id
    )
    select id from subtree`,
      )
      .map((r) => r.id),
  );
}

/** A manager whose area is this one or above it: the one test of a manager's reach. */
export function managesArea(db: Db | Tx, user: ScopedUser, areaId: number): boolean {
  return user.role === "manager" && areaSubtree(db, user.areaId).includes(areaId);
}

export function canReadRecord(db: Db | Tx, user: ScopedUser, record: ScopedRecord): boolean {
  switch (user.role) {
    case "auditor":
    case "admin":
      return true;
    case "manager":
      return managesArea(db, user, record.areaId);
    case "staff":
      return record.departmentId === user.departmentId && record.areaId === user.areaId;
  }
}

/** Staff register and edit the records of their own department and area. */
export function canEditRecord(user: ScopedUser, record: ScopedRecord): boolean {
  return user.role === "staff" && record.departmentId === user.departmentId && record.areaId === user.areaId;
}

/** Managers decide on submissions of their area (and below), never on their own. */
export function canDecideRecord(
  db: Db | Tx,
  user: ScopedUser,
  record: ScopedRecord & { submittedBy: number | null },
): boolean {
  return record.submittedBy !== user.id && managesArea(db, user, record.areaId);
}
