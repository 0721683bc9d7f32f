import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { guardedRoute } from "@/lib/auth/guard";
import { resolveLocale } from "@/lib/i18n/locale";
import { csvTypeOfRoute, importForStaff, localiseProblems, type SegmentParams } from "@/lib/registry/csv-route";
import { MAX_UPLOAD_MB, readCsvUpload, sameOrigin } from "@/lib/registry/csv-upload";
import { refuseOverUploadRate } from "@/lib/security/upload-guard";
import { recordPath } from "@/lib/registry/types";

/** The most problems one answer lists; the count says how many there were. */
const MAX_LISTED_PROBLEMS = 500;

// A CSV file of packages, events or carriers: all lines are created or changed and submitted
// for review in one transaction, or none is and every problem is answered with its line.
export const POST = guardedRoute(
  { name: "record.import", entity: "record", access: ["staff"] },
  async (request, { user, actor, ip }, ctx: SegmentParams) => {
    if (!sameOrigin(request)) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const type = await csvTypeOfRoute(ctx);
    if (type instanceof Response) return type;
    const t = await getTranslations("csv");

    const overRate = await refuseOverUploadRate(user!.id, ip);
    if (overRate) return overRate;
    const upload = await readCsvUpload(request);
    if (!upload.ok) return Response.json({ error: "INVALID", message: t(upload.reason, { maxMb: MAX_UPLOAD_MB }) }, { status: 400 });

    const locale = resolveLocale(await getLocale());
    const result = await importForStaff(type, user!, upload.text, { locale, actor, ip, fileName: upload.name });
    if (result.errors.length > 0) {
      const errors = await localiseProblems(result.errors.slice(0, MAX_LISTED_PROBLEMS));
      return Response.json(
        { error: "INVALID", message: t("failed", { count: result.errors.length }), errors, total: result.errors.length },
        { status: 422 },
      );
    }
    revalidatePath(recordPath(type));
    revalidatePath("/inbox");
    const { created, updated, unchanged, submitted } = result;
    return Response.json({ created, updated, unchanged, submitted, message: t("done", { created, updated, unchanged, submitted }) });
  },
);
