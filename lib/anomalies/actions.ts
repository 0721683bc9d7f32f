"use server";
// A manager's review of a flag, the re-run of the checks, and the thresholds: each through the
// guard (session, role, zod, one transaction with its audit row holding before and after). The
// checks themselves run in a job process (lib/anomalies/check-jobs.ts), never in this request.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction, type Change } from "@/lib/auth/guard";
import { managesArea } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { optionalId, requiredId, requiredText } from "@/lib/validation";
import { canEditSettings } from "./queries";
import { startJobProcess } from "@/lib/jobs/service";
import { queueAnomalyCheck } from "./check-jobs";
import { decideFlag, excludeFlag, restoreFlag } from "./review";
import { DEFAULT_SETTINGS, type AnomalySettings } from "./rules";
import { PERCENT_SETTINGS, SETTING_KEYS, loadAnomalySettings, saveAnomalySettings } from "./settings";

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

interface QueuedCheck {
  jobId: number;
  queued: boolean;
}

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
  run: ({ input, user, tx }) => {
    const db = getDb();
    const batches = db.$client.prepare(`select id, area_id as areaId from batches where status = 'approved' and (? is null or id = ?) order by id`).all(input.batchId ?? null, input.batchId ?? null) as Array<{ id: number; areaId: number }>;
    const mine = batches.filter((b) => managesArea(db, user!, b.areaId));
    if (input.batchId && mine.length === 0) throw new AppError("NOT_FOUND", "notFound");
    const check = queueAnomalyCheck(tx, { batchIds: mine.map((b) => b.id), settings: loadAnomalySettings(tx).settings, actor: { id: user!.id, name: user!.username }, ip: null });
    return { entityId: input.batchId ?? null, after: { batches: mine.length, jobId: check.jobId }, message: "queued", data: check };
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
  run: ({ input, user, tx }): Change<QueuedCheck> => {
    if (!canEditSettings(user!)) throw new AppError("FORBIDDEN", "FORBIDDEN");
    const next = { ...DEFAULT_SETTINGS, ...(input as AnomalySettings) };
    const change = saveAnomalySettings(tx, next, user!.id);
    if (!change.changed) return { entityId: null, before: change.before, after: change.after, message: "unchanged" };
    const ids = getDb().$client.prepare(`select id from batches where status = 'approved' order by id`).pluck().all() as number[];
    const check = queueAnomalyCheck(tx, { batchIds: ids, settings: next, actor: { id: user!.id, name: user!.username }, ip: null });
    return { entityId: null, before: change.before, after: { ...change.after, checkJobId: check.jobId }, message: "saved", data: check };
  },
  after: (change) => startQueuedCheck(change.data),
});
