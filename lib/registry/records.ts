// Registry records through the workflow. A record's row is created with its first draft;
// until its first approval the row carries the draft itself. Once approved, the row keeps
// the approved values and a change waits in a revision until it is approved in turn.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { revisions, type Revision } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { canEditRecord, type ScopedUser } from "@/lib/auth/scope";
import { createDraft, submitRevision, updateDraft } from "@/lib/workflow/revisions";
import type { AnyRecordSpec } from "./specs";
import type { RawValues, RecordRow } from "./types";

/** Form plumbing (id, type, Next's own keys) is not part of a record's values. */
export function recordPayload(raw: RawValues): RawValues {
  const payload: RawValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "id" || key === "type" || key.startsWith("$")) continue;
    payload[key] = value;
  }
  return payload;
}

export function loadRecord(tx: Tx, spec: AnyRecordSpec, id: number): RecordRow & Record<string, unknown> {
  const table = spec.table;
  const row = tx.select().from(table).where(eq(table.id, id)).get() as (RecordRow & Record<string, unknown>) | undefined;
  if (!row) throw new AppError("NOT_FOUND", "notFound");
  return row;
}

/** The revision of a record still open (draft or submitted), if any. */
export function openRevision(tx: Tx, spec: AnyRecordSpec, id: number): Revision | undefined {
  return tx
    .select()
    .from(revisions)
    .where(and(eq(revisions.entityType, spec.type), eq(revisions.entityId, id), inArray(revisions.status, ["draft", "submitted"])))
    .orderBy(desc(revisions.id))
    .limit(1)
    .get();
}

export interface SavedRecord {
  id: number;
  revisionId: number;
  before: unknown;
  after: unknown;
}

/**
 * Creates a record (as a draft of the user's department and area) or saves a change to one
 * the user may edit. An approved record's row is not touched: the change waits in a draft revision.
 */
export function saveRecord(
  tx: Tx,
  spec: AnyRecordSpec,
  user: ScopedUser,
  id: number | undefined,
  { raw, input }: { raw: RawValues; input: Record<string, unknown> },
): SavedRecord {
  const place = id === undefined ? { departmentId: user.departmentId, areaId: user.areaId } : loadRecord(tx, spec, id);
  spec.checkReferences(tx, input, id, { departmentId: place.departmentId, areaId: place.areaId });
  // The revision keeps the values as entered: approval parses them again with the same rules.
  const payload = recordPayload(raw);
  const title = spec.title(input, tx);
  const columns = spec.toColumns(input);
  const now = new Date();

  if (id === undefined) {
    const scope = { departmentId: user.departmentId, areaId: user.areaId };
    if (!canEditRecord(user, scope)) throw new AppError("FORBIDDEN", "FORBIDDEN");
    const table = spec.table;
    const row = tx
      .insert(table)
      .values({ ...columns, ...scope, status: "draft", createdBy: user.id } as never)
      .returning()
      .get() as RecordRow;
    const revision = createDraft(tx, { entityType: spec.type, entityId: row.id, title, ...scope, payload, createdBy: user.id });
    return { id: row.id, revisionId: revision.id, before: null, after: columns };
  }

  const row = loadRecord(tx, spec, id);
  if (!canEditRecord(user, row)) throw new AppError("FORBIDDEN", "FORBIDDEN");
  const open = openRevision(tx, spec, id);
  if (open?.status === "submitted") throw new AppError("CONFLICT", "recordAwaitingReview");

  if (row.status !== "approved") {
    // Never approved: the row is the draft.
    const table = spec.table;
    tx.update(table)
      .set({ ...columns, status: "draft", updatedAt: now } as never)
      .where(eq(table.id, id))
      .run();
  }
  const revision = open
    ? updateDraft(tx, open.id, { title, payload })
    : createDraft(tx, { entityType: spec.type, entityId: id, title, departmentId: row.departmentId, areaId: row.areaId, payload, createdBy: user.id });
  return { id, revisionId: revision.id, before: row, after: columns };
}

/** Sends the record's open draft for review. */
export function submitRecord(tx: Tx, spec: AnyRecordSpec, user: ScopedUser, id: number): Revision {
  const row = loadRecord(tx, spec, id);
  if (!canEditRecord(user, row)) throw new AppError("FORBIDDEN", "FORBIDDEN");
  const open = openRevision(tx, spec, id);
  if (!open || open.status !== "draft") throw new AppError("CONFLICT", "workflow.notDraft");
  const revision = submitRevision(tx, open.id, user.id);
  if (row.status !== "approved") {
    const table = spec.table;
    tx.update(table)
      .set({ status: "submitted", updatedAt: new Date() } as never)
      .where(eq(table.id, id))
      .run();
  }
  return revision;
}

/** Approval: the revision's values become the record's. Called inside the approval transaction. */
export function applyApprovedRevision(tx: Tx, spec: AnyRecordSpec, revision: Revision): number {
  if (revision.entityId === null) throw new AppError("CONFLICT", "workflow.notFound");
  const input = spec.schema.parse(JSON.parse(revision.payload) as unknown);
  spec.checkReferences(tx, input, revision.entityId, { departmentId: revision.departmentId, areaId: revision.areaId });
  const now = new Date();
  const table = spec.table;
  tx.update(table)
    .set({ ...spec.toColumns(input), status: "approved", approvedAt: now, updatedAt: now } as never)
    .where(eq(table.id, revision.entityId))
    .run();
  return revision.entityId;
}

/** Return: a record never approved goes back to its author as returned; an approved one keeps its values. */
export function markReturned(tx: Tx, spec: AnyRecordSpec, revision: Revision): void {
  if (revision.entityId === null) return;
  const table = spec.table;
  tx.update(table)
    .set({ status: "returned", updatedAt: new Date() } as never)
    .where(and(eq(table.id, revision.entityId), eq(table.status, "submitted")))
    .run();
}
