"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guard";
import { requiredId, requiredText } from "@/lib/validation";
import { voidImportForManager } from "./service";

export const voidImportAction = guardedAction({
  name: "statement.void",
  entity: "statement_import",
  access: ["manager"],
  schema: z.object({ importId: requiredId, batchId: requiredId, reason: requiredText(500) }),
  // Runs inside the guard's transaction (a nested one becomes a savepoint), audited with what it removed.
  run: ({ input, user }) => {
    const removed = voidImportForManager(user!, input.importId, input.reason, { id: user!.id, name: user!.username }, null);
    return { entityId: input.importId, before: removed.before, after: { status: "voided", reason: input.reason, ...removed }, message: "voided" };
  },
  after: (_change, input) => revalidatePath(`/registry/batches/${input.batchId}`),
});
