import "server-only";
// The review pages' tables as report tables (lib/exports/table.ts): the flag list and a flag's
// rows, each built by one function the page renders and the export route writes (payers masked
// in both, as listFlagRows returns them).
import { formatShanghai } from "@/lib/datetime";
import { count, money, NONE, text, type Column, type ReportTable } from "@/lib/exports/table";
import type { PageTableContext } from "@/lib/reports/tables";
import { flagDetail, flagSubject } from "./flag-text";
import { listFlagRows, listFlags, maskPayer, type FlagList, type FlagQuery, type FlagRow } from "./queries";

/** The review list's search parameters (filters, no page): its links and its export's. */
export function flagSearch(query: FlagQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.rule) params.set("rule", query.rule);
  if (query.status) params.set("status", query.status);
  if (query.batchId) params.set("batch", String(query.batchId));
  if (query.campaignId) params.set("campaign", String(query.campaignId));
  return params;
}

// The anomalies' column headers carry their unit already ("补贴（元）").
const column = (t: PageTableContext["t"], group: "columns" | "rowColumns", key: string, unit: Column["unit"]): Column => ({ key, label: t(`${group}.${key}`), unit });

function statusText(t: PageTableContext["t"], f: FlagRow): string {
  return [t(`statuses.${f.status}`), ...(f.excluded ? [t("statuses.excluded")] : []), ...(f.stale ? [t("statuses.stale")] : [])].join(" · ");
}

/** The flags of the query in the reader's scope: a page of them for the page, every one (`page` null) for the export. */
export function flagListTable(ctx: PageTableContext, query: FlagQuery, page: number | null): ReportTable & { list: FlagList } {
  const { t } = ctx;
  const list = listFlags(ctx.user, page === null ? { ...query, page: 1 } : { ...query, page }, ctx.db, page === null ? null : undefined);
  return {
    id: "anomaly-flags",
    title: t("title"),
    caption: t("caption", { count: list.total }),
    columns: [
      column(t, "columns", "flag", "text"),
      column(t, "columns", "batch", "text"),
      column(t, "columns", "campaign", "text"),
      column(t, "columns", "subject", "text"),
      column(t, "columns", "detail", "text"),
      column(t, "columns", "rows", "count"),
      column(t, "columns", "subsidy", "yuan"),
      column(t, "columns", "gross", "yuan"),
      column(t, "columns", "status", "text"),
    ],
    rows: list.rows.map((f) => [
      text(`#${f.id} ${t(`rules.${f.rule}`)}`, `/reports/anomalies/${f.id}`),
      text(f.batchCode),
      text(f.campaignName),
      text(flagSubject(t, f, maskPayer(f.subject))),
      text(flagDetail(t, f)),
      count(f.rowCount),
      money(f.subsidyFen),
      money(f.grossFen),
      text(statusText(t, f)),
    ]),
    list,
  };
}

/** A flag's rows (the flag already found in the reader's scope): a page of them, or every one (`page` null). */
export function flagRowsTable(ctx: PageTableContext, flag: Pick<FlagRow, "id" | "rule">, page: number | null): ReportTable & { total: number; page: number; pages: number } {
  const { t } = ctx;
  const rows = listFlagRows(flag.id, page ?? 1, ctx.db, page === null ? null : undefined);
  return {
    id: "anomaly-rows",
    title: t("flagTitle", { id: flag.id, rule: t(`rules.${flag.rule}`) }),
    caption: t("rowsCaption", { count: rows.total }),
    columns: [
      column(t, "rowColumns", "orderId", "text"),
      column(t, "rowColumns", "time", "text"),
      column(t, "rowColumns", "merchant", "text"),
      column(t, "rowColumns", "payer", "text"),
      column(t, "rowColumns", "order", "yuan"),
      column(t, "rowColumns", "voucher", "yuan"),
      column(t, "rowColumns", "refund", "yuan"),
      column(t, "rowColumns", "excluded", "text"),
    ],
    rows: rows.rows.map((r) => [
      text(r.orderId),
      text(formatShanghai(r.occurredAt)),
      text(r.merchantName),
      text(r.payer),
      money(r.orderFen),
      money(r.voucherFen),
      r.refundFen ? money(r.refundFen) : NONE,
      r.excluded ? text(t("rowExcluded")) : NONE,
    ]),
    total: rows.total,
    page: rows.page,
    pages: rows.pages,
  };
}
