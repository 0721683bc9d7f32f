import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedRoute } from "@/lib/auth/guard";
import { jobOutcome } from "@/lib/imports/jobs";
import { getImportJobForUser } from "@/lib/imports/service";
import { claimRevalidation } from "@/lib/jobs/service";
import { parseRouteId } from "@/lib/validation";

const NO_STORE = { "cache-control": "no-store" };

// An import job, polled by the upload form: its progress, then the same reconciliation or
// line-numbered refusal the import gives. Any role that may read the job's batch may ask.
export const GET = guardedRoute(
  { name: "statement.import.job", entity: "import_job", access: ["staff", "manager", "auditor", "admin"] },
  async (_request, { user }, ctx: { params: Promise<{ id: string }> }) => {
    const jobId = parseRouteId((await ctx.params).id);
    if (jobId === null) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    const job = getImportJobForUser(user!, jobId);
    if (job.status === "queued" || job.status === "running") {
      return Response.json({ jobId, status: job.status, bytes: job.bytes, bytesRead: job.bytesRead }, { headers: NO_STORE });
    }
    const outcome = jobOutcome(job);
    if (job.status === "done" && outcome?.ok) {
      // The import process cannot reach this server's cache: the first poll that sees it done does.
      if (await claimRevalidation(jobId)) revalidatePath(`/registry/batches/${job.batchId}`);
      const { importId, alreadyImported, overCap, counts } = outcome;
      return Response.json({ jobId, status: job.status, importId, alreadyImported, overCap, counts }, { headers: NO_STORE });
    }
    const t = await getTranslations("imports");
    if (outcome && !outcome.ok) {
      return Response.json(
        {
          jobId,
          status: "failed",
          error: "INVALID",
          message: t("refused", { count: outcome.counts.rejected || outcome.problems.length }),
          problems: outcome.problems.map((p) => ({ ...p, reason: t.has(`reasons.${p.reason}`) ? t(`reasons.${p.reason}`) : p.reason })),
          counts: outcome.counts,
        },
        { headers: NO_STORE },
      );
    }
    const errors = await getTranslations("errors");
    const key = job.error ?? "ERROR";
    return Response.json({ jobId, status: "failed", error: key, message: errors.has(key) ? errors(key) : t("failed") }, { headers: NO_STORE });
  },
);
