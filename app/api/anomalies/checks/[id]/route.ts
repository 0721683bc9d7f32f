import { revalidatePath } from "next/cache";
import { getCheckJobForUser } from "@/lib/anomalies/queries";
import { guardedRoute } from "@/lib/auth/guard";
import { claimRevalidation } from "@/lib/jobs/service";
import { parseRouteId } from "@/lib/validation";

const NO_STORE = { "cache-control": "no-store" };

// An anomaly-check job, polled by the review page while the checks run in their own process.
// Any role that may see one of the job's batches may ask; others get 404.
export const GET = guardedRoute(
  { name: "anomaly.check.job", entity: "job", access: ["staff", "manager", "auditor", "admin"] },
  async (_request, { user }, ctx: { params: Promise<{ id: string }> }) => {
    const jobId = parseRouteId((await ctx.params).id);
    if (jobId === null) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    const job = getCheckJobForUser(user!, jobId);
    // The job process cannot reach this server's cache: the first poll that sees it done does.
    if (job.status === "done" && (await claimRevalidation(jobId))) revalidatePath("/reports/anomalies", "layout");
    return Response.json({ jobId, status: job.status, finishedAt: job.finishedAt?.toISOString() ?? null }, { headers: NO_STORE });
  },
);
