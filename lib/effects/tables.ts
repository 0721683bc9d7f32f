import "server-only";
// The effects page's list of baseline uploads as a report table (lib/exports/table.ts), built by
// one function the page renders and the export route writes.
import { formatShanghai } from "@/lib/datetime";
import { count, text, type ReportTable } from "@/lib/exports/table";
import type { PageTableContext } from "@/lib/reports/tables";
import { listBaselineUploads, type BaselineUploadRow } from "./queries";

/** The latest baseline uploads (every reader of the page sees the list), newest first. */
export function baselineUploadsTable(ctx: PageTableContext, uploads: BaselineUploadRow[] = listBaselineUploads(ctx.locale, ctx.db)): ReportTable & { uploads: BaselineUploadRow[] } {
  const { t } = ctx;
  const columns = ["fileName", "rows", "area", "by", "at", "status", "sha256"] as const;
  return {
    id: "baseline-uploads",
    title: t("upload.listTitle"),
    caption: t("upload.listCaption"),
    columns: columns.map((key) => ({ key, label: t(`upload.${key}`), unit: key === "rows" ? "count" : "text" })),
    rows: uploads.map((u) => [
      text(u.fileName),
      count(u.rows),
      text(u.area),
      text(u.uploadedByName),
      text(formatShanghai(u.uploadedAt)),
      text(t(`upload.statuses.${u.status}`)),
      // The hash's first twelve digits tell files apart; the whole hash is in the audit log.
      text(`${u.fileSha256.slice(0, 12)}…`),
    ]),
    uploads,
  };
}
