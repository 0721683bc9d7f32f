// Where the anomaly checks stand for the reader's batches: queued or running (the page follows
// them and is drawn again when they end), or when they last finished.
import { getTranslations } from "next-intl/server";
import type { ChecksState } from "@/lib/anomalies/queries";
import { formatShanghai } from "@/lib/datetime";
import { CheckJobsWatch } from "./check-jobs-watch";

export async function ChecksStatus({ checks }: { checks: ChecksState }) {
  const t = await getTranslations("anomalies");
  const running = checks.jobs.some((j) => j.status === "running");
  const state = checks.jobs.length > 0 ? (running ? "running" : "queued") : checks.lastFailed ? "failed" : "idle";
  const last = checks.lastCheckedAt ? t("checks.last", { at: formatShanghai(checks.lastCheckedAt) }) : t("checks.never");
  return (
    <p className={`notice ${state === "failed" ? "warn" : "info"}`} role="status" data-testid="checks-status" data-state={state}>
      {state === "running" && `${t("checks.running", { count: checks.jobs.length })} `}
      {state === "queued" && `${t("checks.queued", { count: checks.jobs.length })} `}
      {state === "failed" && `${t("checks.failed")} `}
      {last}
      <CheckJobsWatch jobIds={checks.jobs.map((j) => j.id)} />
    </p>
  );
}
