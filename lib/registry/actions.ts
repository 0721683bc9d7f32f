"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/guard";
import { resolveLocale } from "@/lib/i18n/locale";
import { optionalId, requiredId } from "@/lib/validation";
import { parseRecordValues } from "./parse";
import { saveRecord, submitRecord } from "./records";
import { recordSpec } from "./specs";
import { RECORD_TYPES, recordPath, type RawValues } from "./types";

const STAFF = ["staff"] as const;

export const saveRecordAction = guardedAction({
  name: "record.save",
  entity: "record",
  access: STAFF,
  schema: z.looseObject({ type: z.enum(RECORD_TYPES), id: optionalId }),
  prepare: async (values) => parseRecordValues(values.type, values as unknown as RawValues, resolveLocale(await getLocale())),
  run: ({ tx, user, input, prepared }) => {
    const saved = saveRecord(tx, recordSpec(input.type), user!, input.id, prepared);
    return { entity: input.type, entityId: saved.id, before: saved.before, after: saved.after, message: "saved" };
  },
  after: (change, input) => {
    revalidatePath(recordPath(input.type));
    redirect(`${recordPath(input.type, Number(change.entityId))}?saved=1`);
  },
});

export const submitRecordAction = guardedAction({
  name: "record.submit",
  entity: "record",
  access: STAFF,
  schema: z.object({ type: z.enum(RECORD_TYPES), id: requiredId }),
  run: ({ tx, user, input }) => {
    const revision = submitRecord(tx, recordSpec(input.type), user!, input.id);
    return { entity: input.type, entityId: input.id, after: { revisionId: revision.id, status: revision.status }, message: "submitted" };
  },
  after: (_change, input) => {
    revalidatePath(recordPath(input.type, input.id));
    revalidatePath("/inbox");
  },
});
