import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedRoute } from "@/lib/auth/guard";
import { importIntoBatch } from "@/lib/imports/service";
import { sameOrigin } from "@/lib/registry/csv-upload";
import { parseRouteId } from "@/lib/validation";

const FORMATS = new Set(["wechat", "alipay", "csv", "auto"]);

// A channel statement for one batch. The body is the file itself (not multipart), read as a
// stream with a limit of its own: server actions cap bodies at 1 MB and a bill can be 200 MB.
export const POST = guardedRoute(
  { name: "statement.import", entity: "batch", access: ["staff"] },
  async (request, { user, actor, ip }, ctx: { params: Promise<{ id: string }> }) => {
    if (!sameOrigin(request)) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const batchId = parseRouteId((await ctx.params).id);
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "auto";
    if (batchId === null || !FORMATS.has(format)) return Response.json({ error: "INVALID" }, { status: 400 });
    const fileName = (url.searchParams.get("name") ?? "statement").slice(0, 200);
    const t = await getTranslations("imports");
    const outcome = await importIntoBatch(user!, batchId, request.body, { format: format as "auto", fileName, actor, ip });
    if (!outcome.ok) {
      return Response.json(
        {
          error: "INVALID",
          message: t("refused", { count: outcome.counts.rejected || outcome.problems.length }),
          problems: outcome.problems.map((p) => ({ ...p, reason: t.has(`reasons.${p.reason}`) ? t(`reasons.${p.reason}`) : p.reason })),
          counts: outcome.counts,
        },
        { status: 422 },
      );
    }
    revalidatePath(`/registry/batches/${batchId}`);
    return Response.json({ importId: outcome.importId, alreadyImported: outcome.alreadyImported, overCap: outcome.overCap, counts: outcome.counts });
  },
);
