import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedRoute } from "@/lib/auth/guard";
import { BASELINE_UPLOAD_ROLES } from "@/lib/effects/baseline";
import { saveBaselineUpload } from "@/lib/effects/queries";
import { MAX_UPLOAD_MB, readCsvUpload, sameOrigin } from "@/lib/registry/csv-upload";
import { refuseOverUploadRate } from "@/lib/security/upload-guard";

/** The most problems one answer lists; the count says how many there were. */
const MAX_LISTED_PROBLEMS = 500;

// A baseline sales file (the comparison group of the incremental estimate): every line is
// saved in one transaction, or none is and every problem is answered with its line and column.
export const POST = guardedRoute(
  { name: "baseline.upload", entity: "baseline_upload", access: BASELINE_UPLOAD_ROLES },
  async (request, { user, actor, ip }) => {
    if (!sameOrigin(request)) return Response.json({ error: "FORBIDDEN" }, { status: 403 });
    const [t, tc] = await Promise.all([getTranslations("effects.upload"), getTranslations("csv")]);
    const overRate = await refuseOverUploadRate(user!.id, ip);
    if (overRate) return overRate;
    const upload = await readCsvUpload(request);
    if (!upload.ok) return Response.json({ error: "INVALID", message: tc(upload.reason, { maxMb: MAX_UPLOAD_MB }) }, { status: 400 });

    const outcome = await saveBaselineUpload({ text: upload.text, fileName: upload.name || "baseline.csv", fileBytes: upload.bytes, user: user!, actor, ip });
    if (!outcome.ok) {
      const errors = outcome.problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
        line: p.line,
        column: p.column ? t(`columns.${p.column}`) : null,
        message: t(`problems.${p.key}`, { value: p.value ?? "" }),
      }));
      return Response.json({ error: "INVALID", message: t("failed", { count: outcome.problems.length }), errors, total: outcome.problems.length }, { status: 422 });
    }
    revalidatePath("/reports/effects");
    return Response.json({
      uploadId: outcome.uploadId,
      rows: outcome.rows,
      alreadyUploaded: outcome.alreadyUploaded,
      message: outcome.alreadyUploaded ? t("already", { rows: outcome.rows }) : t("done", { rows: outcome.rows }),
    });
  },
);
