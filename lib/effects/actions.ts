"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import { requiredId } from "@/lib/validation";
import { voidBaselineUpload } from "./baseline";

// A manager of the upload's area (or above) voids a baseline file: its rows stop counting in the estimates.
export const voidBaselineUploadAction = guardedAction({
  name: "baseline.void",
  entity: "baseline_upload",
  access: ["manager"],
  schema: z.object({ uploadId: requiredId }),
  // Runs inside the guard's transaction (the nested one becomes a savepoint).
  run: ({ input, user }) => {
    const after = voidBaselineUpload(getDb(), { uploadId: input.uploadId, user: user!, actor: { id: user!.id, name: user!.username } });
    return { entityId: input.uploadId, before: { status: "active" }, after: { status: after.status }, message: "voided" };
  },
  after: () => revalidatePath("/reports/effects"),
});
