import "server-only";
// The effects page's tables as report tables (lib/exports/table.ts) — a campaign's estimate in
// exact yuan with its interval, and the baseline uploads — each built by one function the page
// renders and the export route writes.
import { formatShanghai } from "@/lib/datetime";
import { count, money, NONE, ratio, text, type ReportTable } from "@/lib/exports/table";
import type { PageTableContext } from "@/lib/reports/tables";
import type { IncrementalEstimate } from "./estimate";
import { listBaselineUploads, type BaselineUploadRow } from "./queries";

/** Yuan of increment per yuan of subsidy, one decimal (a ratio, made only here at the edge). */
export function perYuan(fen: number, subsidyFen: number): string {
  return (Math.round((fen * 10) / subsidyFen) / 10).toFixed(1);
}

/** A campaign's estimate with its 95 % interval, and the subsidy and gross figures beside it; null where the data are not enough (no number is shown then). */
export function estimateTable(ctx: PageTableContext, estimate: IncrementalEstimate): ReportTable | null {
  const r = estimate.result;
  if (!r.ok) return null;
  const { t } = ctx;
  const S = estimate.subsidyFen;
  const row = (key: string, ...cells: ReportTable["rows"][number]) => [text(t(`table.rows.${key}`)), ...cells];
  return {
    id: "estimate",
    title: t("panel.titleOf", { campaign: estimate.campaign.name }),
    caption: t("table.caption", { campaign: estimate.campaign.name }),
    columns: [
      { key: "figure", label: t("table.figure"), unit: "text" },
      { key: "estimate", label: t("table.estimate"), unit: "text" },
      { key: "low", label: t("table.low"), unit: "text" },
      { key: "high", label: t("table.high"), unit: "text" },
    ],
    rows: [
      row("incremental", money(r.incrementalFen), money(r.incrementalLowFen), money(r.incrementalHighFen)),
      row("perMerchantDay", money(r.perMerchantDayFen), money(r.lowFen), money(r.highFen)),
      ...(S > 0 ? [row("perYuan", ratio(perYuan(r.incrementalFen, S)), ratio(perYuan(r.incrementalLowFen, S)), ratio(perYuan(r.incrementalHighFen, S)))] : []),
      row("subsidy", money(S), NONE, NONE),
      row("gross", money(estimate.grossFen), NONE, NONE),
    ],
  };
}

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
