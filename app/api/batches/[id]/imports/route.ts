import { guardedRoute } from "@/lib/auth/guard";
import { receiveStatement } from "@/lib/imports/service";
import { sameOrigin } from "@/lib/registry/csv-upload";
import { admitStatementBody, refuseOverUploadRate } from "@/lib/security/upload-guard";
import { parseRouteId } from "@/lib/validation";

const FORMATS = new Set(["wechat", "alipay", "csv", "auto"]);

// A channel statement for one batch. The body is the file itself (not multipart), read as a
// stream with a limit of its own: server actions cap bodies at 1 MB and a bill can be 200 MB.
// The import runs in a process of its own; the answer names the job to poll
// (GET /api/imports/jobs/[id]).
export const POST = guardedRoute(
  { name: "statement.import", entity: "batch", access: ["staff"] },
  async (request, { user, actor, ip }, ctx: { params: Promise<{ id: string }> }) => {
    if (!sameOrigin(request)) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const batchId = parseRouteId((await ctx.params).id);
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "auto";
    if (batchId === null || !FORMATS.has(format)) return Response.json({ error: "INVALID" }, { status: 400 });
    const overRate = await refuseOverUploadRate(user!.id, ip);
    if (overRate) return overRate;
    const admitted = await admitStatementBody(request);
    if (!admitted.ok) return admitted.response;
    const fileName = (url.searchParams.get("name") ?? "statement").slice(0, 200);
    const { jobId } = await receiveStatement(user!, batchId, admitted.body, { format: format as "auto", fileName, actor, ip });
    return Response.json({ jobId }, { status: 202 });
  },
);
