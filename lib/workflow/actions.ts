"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { requiredId, requiredText } from "@/lib/validation";
import { REVISION_HANDLERS } from "./entities";
import { approveRevision, getRevision, returnRevision, WorkflowError } from "./revisions";
import type { Tx } from "@/db/client";

const MANAGER = ["manager"] as const;

function decide<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof WorkflowError) {
      const code = error.reason === "notFound" ? "NOT_FOUND" : error.reason === "commentRequired" ? "INVALID" : error.reason === "ownSubmission" || error.reason === "outOfScope" ? "FORBIDDEN" : "CONFLICT";
      throw new AppError(code, `workflow.${error.reason}`);
    }
    throw error;
  }
}

function snapshot(tx: Tx, id: number) {
  const row = getRevision(tx, id);
  return row && { status: row.status, decidedBy: row.decidedBy, entityId: row.entityId };
}

export const approveRevisionAction = guardedAction({
  name: "revision.approve",
  entity: "revision",
  access: MANAGER,
  schema: z.object({ id: requiredId }),
  run: ({ tx, input, user }) => {
    const before = snapshot(tx, input.id);
    const type = getRevision(tx, input.id)?.entityType ?? "";
    const row = decide(() => approveRevision(tx, input.id, user!, REVISION_HANDLERS[type]?.apply));
    return { entityId: row.id, before, after: snapshot(tx, row.id), message: "approved" };
  },
  after: () => revalidatePath("/inbox"),
});

export const returnRevisionAction = guardedAction({
  name: "revision.return",
  entity: "revision",
  access: MANAGER,
  schema: z.object({ id: requiredId, comment: requiredText(500) }),
  run: ({ tx, input, user }) => {
    const before = snapshot(tx, input.id);
    const row = decide(() => returnRevision(tx, input.id, user!, input.comment));
    REVISION_HANDLERS[row.entityType]?.returned(tx, row);
    return { entityId: row.id, before, after: { ...snapshot(tx, row.id), comment: input.comment }, message: "returned" };
  },
  after: () => revalidatePath("/inbox"),
});
