// The approval workflow every record type shares: draft → submitted → approved | returned.
// A decided revision is final; a returned one is corrected in a new draft. The database
// refuses illegal moves (triggers) and approval by the submitter (CHECK), so these functions
// are the friendly front of rules that hold even without them.
import { and, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import { revisions, type Revision } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { areaSubtree, managesArea, type ScopedUser } from "@/lib/auth/scope";

export class WorkflowError extends Error {
  constructor(
    readonly reason: "notFound" | "notDraft" | "notSubmitted" | "ownSubmission" | "outOfScope" | "noHandler" | "commentRequired",
  ) {
    super(`workflow: ${reason}`);
  }
}

/** Writes an approved payload into the record's own table; returns the record id. */
export type ApplyRevision = (tx: Tx, revision: Revision) => number;

export interface DraftInput {
  entityType: string;
  entityId?: number | null;
  title: string;
  departmentId: number;
  areaId: number;
  payload: unknown;
  createdBy: number;
}

export function createDraft(tx: Tx, input: DraftInput): Revision {
  return tx
    .insert(revisions)
    .values({
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      title: input.title,
      departmentId: input.departmentId,
      areaId: input.areaId,
      payload: JSON.stringify(input.payload),
      createdBy: input.createdBy,
    })
    .returning()
    .get();
}

function load(tx: Tx | Db, id: number): Revision {
  const row = tx.select().from(revisions).where(eq(revisions.id, id)).get();
  if (!row) throw new WorkflowError("notFound");
  return row;
}

export function updateDraft(tx: Tx, id: number, change: { title: string; payload: unknown }): Revision {
  const row = load(tx, id);
  if (row.status !== "draft") throw new WorkflowError("notDraft");
  return tx
    .update(revisions)
    .set({ title: change.title, payload: JSON.stringify(change.payload), updatedAt: new Date() })
    .where(eq(revisions.id, id))
    .returning()
    .get();
}

export function submitRevision(tx: Tx, id: number, submitterId: number): Revision {
  const row = load(tx, id);
  if (row.status !== "draft") throw new WorkflowError("notDraft");
  const now = new Date();
  return tx
    .update(revisions)
    .set({ status: "submitted", submittedBy: submitterId, submittedAt: now, updatedAt: now })
    .where(eq(revisions.id, id))
    .returning()
    .get();
}

function checkDecider(tx: Tx, row: Revision, decider: ScopedUser): void {
  if (row.status !== "submitted") throw new WorkflowError("notSubmitted");
  if (row.submittedBy === decider.id || row.createdBy === decider.id) throw new WorkflowError("ownSubmission");
  if (!managesArea(tx, decider, row.areaId)) throw new WorkflowError("outOfScope");
}

export function approveRevision(tx: Tx, id: number, decider: ScopedUser, apply: ApplyRevision | undefined): Revision {
  const row = load(tx, id);
  checkDecider(tx, row, decider);
  if (!apply) throw new WorkflowError("noHandler");
  const entityId = apply(tx, row);
  const now = new Date();
  return tx
    .update(revisions)
    .set({ status: "approved", entityId, decidedBy: decider.id, decidedAt: now, updatedAt: now })
    .where(eq(revisions.id, id))
    .returning()
    .get();
}

export function returnRevision(tx: Tx, id: number, decider: ScopedUser, comment: string): Revision {
  const row = load(tx, id);
  checkDecider(tx, row, decider);
  if (comment.trim().length === 0) throw new WorkflowError("commentRequired");
  const now = new Date();
  return tx
    .update(revisions)
    .set({ status: "returned", decidedBy: decider.id, decidedAt: now, decisionComment: comment.trim(), updatedAt: now })
    .where(eq(revisions.id, id))
    .returning()
    .get();
}

/** What belongs in a manager's inbox: submissions of their area and below, not their own. */
export function inboxCondition(db: Db | Tx, manager: ScopedUser): SQL | undefined {
  const areaIds = areaSubtree(db, manager.areaId);
  return and(eq(revisions.status, "submitted"), inArray(revisions.areaId, areaIds), ne(revisions.submittedBy, manager.id));
}

/** A manager's inbox, oldest first. */
export function listInbox(db: Db | Tx, manager: ScopedUser): Revision[] {
  return db.select().from(revisions).where(inboxCondition(db, manager)).orderBy(revisions.submittedAt).all();
}

/** Every revision of one record, newest first: its visible history. */
export function revisionHistory(db: Db | Tx, entityType: string, entityId: number): Revision[] {
  return db
    .select()
    .from(revisions)
    .where(and(eq(revisions.entityType, entityType), eq(revisions.entityId, entityId)))
    .orderBy(desc(revisions.id))
    .all();
}

export function getRevision(db: Db | Tx, id: number): Revision | undefined {
  return db.select().from(revisions).where(eq(revisions.id, id)).get();
}
