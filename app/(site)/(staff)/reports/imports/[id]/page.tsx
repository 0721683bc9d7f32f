import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/app/_components/pager";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { formatYuan } from "@/lib/money/fen";
import { IMPORT_ROWS_PER_PAGE, readableImport } from "@/lib/reports/imports";
import { loadReport, type SearchParams } from "@/lib/reports/queries";
import { REPORT_ROLES, reportSearch } from "@/lib/reports/report";
import { importRowsTable } from "@/lib/reports/tables";
import { DrillPath, ReportHeading, downloadsOf } from "../../_components/report-parts";
import { ReportTableView } from "../../_components/report-table";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("importTitle", { id: (await params).id }) };
}

/** An import's rows, a hundred a page, with its reconciliation counts; 404 outside the reader's scope. */
export default async function ImportRowsReport({ params, searchParams }: Params) {
  const user = await requirePageUser(REPORT_ROLES);
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const importId = /^\d+$/.test(id) ? Number(id) : NaN;
  const page = await loadReport(user, search);
  const found = Number.isSafeInteger(importId) ? readableImport(page.db, user, importId) : null;
  if (!found) notFound();
  const { statement, batch } = found;
  const { t, locale } = page;
  // The drill path of this import: its batch, campaign and action, whatever the link said.
  const drill = { ...page, query: { ...page.query, actionId: batch.actionId, campaignId: batch.campaignId, batchId: batch.id } };
  const requested = Number(Array.isArray(search.page) ? search.page[0] : search.page);
  const table = importRowsTable(page, statement.id, 1);
  const pages = Math.max(1, Math.ceil(table.total / IMPORT_ROWS_PER_PAGE));
  const current = Number.isInteger(requested) && requested >= 1 && requested <= pages ? requested : 1;
  const shown = current === 1 ? table : importRowsTable(page, statement.id, current);
  const href = (p: number) => `/reports/imports/${statement.id}?${reportSearch(drill.query)}&page=${p}`;
  const counts = ["rowsRead", "inserted", "duplicates", "refunds", "revoked", "nonVoucher", "rejected"] as const;
  return (
    <>
      <ReportHeading page={page} title={t("importTitle", { id: statement.id })} />
      <DrillPath page={drill} extra={[{ label: t("importTitle", { id: statement.id }) }]} />
      <section className="panel" aria-labelledby="import-facts">
        <h2 id="import-facts">{t("reconciliation")}</h2>
        <dl className="facts" data-testid="import-facts">
          <dt>{t("columns.fileName")}</dt>
          <dd className="mono">{statement.fileName}</dd>
          <dt>{t("columns.importedAt")}</dt>
          <dd>{`${formatShanghai(statement.importedAt)} · ${statement.importedByName}`}</dd>
          <dt>{t("columns.status")}</dt>
          <dd>{t(statement.status === "voided" ? "importVoided" : statement.overCap ? "importOverCap" : "importActive")}</dd>
          {counts.map((k) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>{t(`columns.${k}`)}</dt>
              <dd className="num" data-testid={`import-${k}`}>
                {statement[k]}
              </dd>
            </div>
          ))}
          <dt>{t("reconciles")}</dt>
          <dd data-testid="import-reconciles">
            {t("reconcilesValue", { read: statement.rowsRead, sum: counts.slice(1).reduce((n, k) => n + statement[k], 0) })}
          </dd>
          <dt>{t("columns.subsidy")}</dt>
          <dd>{`${formatYuan(statement.subsidyFen)} ${t("units.yuan")}`}</dd>
          <dt>{t("columns.gross")}</dt>
          <dd>{`${formatYuan(statement.grossFen)} ${t("units.yuan")}`}</dd>
        </dl>
        <p className="hint muted">{t("payerNote")}</p>
      </section>
      <section className="panel" aria-labelledby="import-rows">
        <h2 id="import-rows">{t("importRows")}</h2>
        <ReportTableView table={shown} locale={locale} downloads={downloadsOf(page, "import-rows", { import: statement.id })} />
        <Pager
          label={t("pagination")}
          status={t("pageOf", { page: current, pages })}
          previous={{ label: t("previousPage"), href: current > 1 ? href(current - 1) : null }}
          next={{ label: t("nextPage"), href: current < pages ? href(current + 1) : null }}
        />
      </section>
    </>
  );
}
