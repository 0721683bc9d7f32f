import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { readableBatch } from "@/lib/reports/imports";
import { loadReport, type SearchParams } from "@/lib/reports/queries";
import { REPORT_ROLES } from "@/lib/reports/report";
import { importsTable } from "@/lib/reports/tables";
import { DrillPath, ReportHeading, downloadsOf } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("tables.imports") };
}

/** A batch's statement imports (?batch=id), each leading to its rows; 404 outside the reader's scope. */
export default async function BatchImportsReport({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser(REPORT_ROLES);
  const page = await loadReport(user, await searchParams);
  const batch = page.query.batchId === undefined ? null : readableBatch(page.db, user, page.query.batchId);
  if (!batch) notFound();
  const { t, locale } = page;
  return (
    <>
      <ReportHeading page={page} title={t("importsTitle", { batch: batch.code })} />
      <DrillPath page={page} extra={[{ label: t("tables.imports") }]} />
      <section className="panel" aria-labelledby="imports">
        <h2 id="imports">{t("tables.imports")}</h2>
        <p className="muted">{t("importsIntro")}</p>
        <ReportTableView table={importsTable(page, batch)} locale={locale} downloads={downloadsOf(page, "imports")} />
      </section>
    </>
  );
}
