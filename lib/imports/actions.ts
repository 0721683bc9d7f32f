"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { startJobProcess } from "@/lib/jobs/service";
import { requiredId, requiredText } from "@/lib/validation";
import { voidImportForManager } from "./service";

export const voidImportAction = guardedAction({
  name: "statement.void",
  entity: "statement_import",
  access: ["manager"],
  schema: z.object({ importId: requiredId, batchId: requiredId, reason: requiredText(500) }),
  // Runs inside the guard's transaction (a nested one becomes a savepoint), audited with what it
  // removed and the check job it queued; that job's process starts once the void committed.
  run: ({ input, user }) => {
    const { checkQueued, ...removed } = voidImportForManager(user!, input.importId, input.reason, { id: user!.id, name: user!.username }, null);
    return { entityId: input.importId, before: removed.before, after: { status: "voided", reason: input.reason, ...removed }, message: "voided", data: { checkJobId: removed.checkJobId, checkQueued } };
  },
  after: (change, input) => {
    if (change.data?.checkQueued) startJobProcess(getDb(), change.data.checkJobId);
    revalidatePath(`/registry/batches/${input.batchId}`);
  },
});
