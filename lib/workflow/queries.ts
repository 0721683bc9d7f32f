import "server-only";
// The manager's inbox as the page shows it: each submission with its area and submitter.
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { areas, revisions, users } from "@/db/schema";
import type { ScopedUser } from "@/lib/auth/scope";
import { inboxCondition } from "./revisions";

export interface InboxEntry {
  id: number;
  entityType: string;
  /** The record the submission creates or changes (null only for a type without its own row). */
  entityId: number | null;
  title: string;
  /** The submitted values as JSON: what the manager approves. */
  payload: string;
  areaNameZh: string;
  areaNameEn: string;
  submitterName: string;
  submittedAt: Date | null;
}

/** Submissions awaiting this manager, oldest first (the order they should be handled in). */
export function listInboxEntries({ manager, db = getDb() }: { manager: ScopedUser; db?: Db }): InboxEntry[] {
  return db
    .select({
      id: revisions.id,
      entityType: revisions.entityType,
      entityId: revisions.entityId,
      title: revisions.title,
      payload: revisions.payload,
      areaNameZh: areas.nameZh,
      areaNameEn: areas.nameEn,
      submitterName: users.displayName,
      submittedAt: revisions.submittedAt,
    })
    .from(revisions)
    .innerJoin(users, eq(users.id, revisions.submittedBy))
    .innerJoin(areas, eq(areas.id, revisions.areaId))
    .where(inboxCondition(db, manager))
    .orderBy(revisions.submittedAt, revisions.id)
    .all();
}
