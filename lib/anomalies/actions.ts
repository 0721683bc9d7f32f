"use server";
// A manager's review of a flag, the re-run of the checks, and the thresholds: each through the
// guard (session, role, zod, one transaction with its audit row holding before and after). The
// checks themselves run in a job process (lib/anomalies/check-jobs.ts), never in this request.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction, type Change } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { optionalId, requiredId, requiredText } from "@/lib/validation";
import { canEditSettings } from "./queries";
import { startJobProcess } from "@/lib/jobs/service";
import { queueRecheck, saveSettingsAndQueueChecks, type QueuedCheck } from "./check-requests";
import { decideFlag, excludeFlag, restoreFlag } from "./review";
import { DEFAULT_SETTINGS, type AnomalySettings } from "./rules";
import { PERCENT_SETTINGS, SETTING_KEYS } from "./settings";

const REVIEW_PATH = "/reports/anomalies";

function revalidateFlag(flagId: number) {
  revalidatePath(REVIEW_PATH);
  revalidatePath(`${REVIEW_PATH}/${flagId}`);
  // The batch and campaign pages show the exclusion and read the kept totals.
  revalidatePath("/registry", "layout");
}

export const decideFlagAction = guardedAction({
  name: "anomaly.decide",
  entity: "anomaly_flag",
  access: ["manager"],
  schema: z.object({ flagId: requiredId, decision: z.enum(["explained", "confirmed"], { error: "required" }), note: requiredText(1000) }),
  run: ({ input, user }) => {
    const change = decideFlag(getDb(), user!, input);
    return { entityId: input.flagId, before: change.before, after: { ...change.after, batchId: change.flag.batchId, rule: change.flag.rule }, message: input.decision };
  },
  after: (_change, input) => revalidateFlag(input.flagId),
});

export const excludeFlagAction = guardedAction({
  name: "anomaly.exclude",
  entity: "anomaly_flag",
  access: ["manager"],
  schema: z.object({ flagId: requiredId }),
  run: ({ input, user }) => {
    const change = excludeFlag(getDb(), user!, input.flagId);
    return { entityId: input.flagId, before: { excluded: false, batchTotals: change.before }, after: { excluded: true, rows: change.rows, batchTotals: change.after }, message: "excluded" };
  },
  after: (_change, input) => revalidateFlag(input.flagId),
});

export const restoreFlagAction = guardedAction({
  name: "anomaly.restore",
  entity: "anomaly_flag",
  access: ["manager"],
  schema: z.object({ flagId: requiredId }),
  run: ({ input, user }) => {
    const change = restoreFlag(getDb(), user!, input.flagId);
    return { entityId: input.flagId, before: { excluded: true, batchTotals: change.before }, after: { excluded: false, rows: change.rows, batchTotals: change.after }, message: "restored" };
  },
  after: (_change, input) => revalidateFlag(input.flagId),
});

/** After commit: the queued check job's process starts (unless the same checks were already waiting). */
function startQueuedCheck(data: QueuedCheck | undefined) {
  if (data?.queued) startJobProcess(getDb(), data.jobId);
  revalidatePath(REVIEW_PATH);
}

/** Queues the checks over one batch, or every approved batch of the manager's area, under the current thresholds. */
export const rerunChecksAction = guardedAction({
  name: "anomaly.recheck",
  entity: "batch",
  access: ["manager"],
  schema: z.object({ batchId: optionalId }),
  run: ({ input, user }): Change<QueuedCheck> => {
    const { batches, ...check } = queueRecheck(getDb(), user!, input.batchId ?? undefined);
    return { entityId: input.batchId ?? null, after: { batches, jobId: check.jobId }, message: "queued", data: check };
  },
  after: (change) => startQueuedCheck(change.data),
});

/** A threshold as typed: a count or minutes (whole, at least 1), or a percentage (0 < p ≤ 100) kept as a share. */
const settingField = (key: keyof AnomalySettings) =>
  PERCENT_SETTINGS.has(key)
    ? z.coerce.number({ error: "required" }).gt(0, { error: "anomalySettingRange" }).lte(100, { error: "anomalySettingRange" }).transform((p) => Math.round(p * 10) / 1000)
    : z.coerce.number({ error: "required" }).int({ error: "wholeNumber" }).min(1, { error: "anomalySettingRange" }).max(100_000, { error: "anomalySettingRange" });

const settingsSchema = z.object(Object.fromEntries(SETTING_KEYS.map((k) => [k, settingField(k)])) as Record<keyof AnomalySettings, ReturnType<typeof settingField>>);

/** Admins and managers of the city set the thresholds; the checks of every batch under them are queued. */
export const saveSettingsAction = guardedAction({
  name: "anomaly.settings",
  entity: "anomaly_settings",
  access: ["manager", "admin"],
  schema: settingsSchema,
  run: ({ input, user }): Change<QueuedCheck> => {
    if (!canEditSettings(user!)) throw new AppError("FORBIDDEN", "FORBIDDEN");
    const change = saveSettingsAndQueueChecks(getDb(), user!, { ...DEFAULT_SETTINGS, ...(input as AnomalySettings) });
    if (!change.check) return { entityId: null, before: change.before, after: change.after, message: "unchanged" };
    return { entityId: null, before: change.before, after: { ...change.after, checkJobId: change.check.jobId }, message: "saved", data: change.check };
  },
  after: (change) => startQueuedCheck(change.data),
});
