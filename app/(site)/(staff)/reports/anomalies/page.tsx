import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { ExclusionNotice } from "@/app/_components/exclusion-notice";
import { Pager } from "@/app/_components/pager";
import { rerunChecksAction } from "@/lib/anomalies/actions";
import { ANOMALY_RULES, ANOMALY_STATUSES, checksState, flagFilterOptions, getExcludedFigures, parseFlagQuery, type FlagQuery } from "@/lib/anomalies/queries";
import { flagListTable, flagSearch } from "@/lib/anomalies/tables";
import { requirePageUser } from "@/lib/auth/session";
import { loadPageTables } from "@/lib/reports/queries";
import { tableDownloads } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";
import { ChecksStatus } from "./checks-status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("anomalies"))("title") };
}

const PATH = "/reports/anomalies";

function search(query: FlagQuery, page?: number): string {
  const params = flagSearch(query);
  if (page && page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `${PATH}?${s}` : PATH;
}

// Managers (their area and below) decide; auditors and admins read everything; staff read the flags of their own batches.
export default async function AnomaliesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(["manager", "auditor", "admin", "staff"]);
  const [t, tc, query, tables] = await Promise.all([getTranslations("anomalies"), getTranslations("common"), searchParams.then(parseFlagQuery), loadPageTables(user, "anomalies")]);
  const table = flagListTable(tables, query, query.page);
  const { list } = table;
  const options = flagFilterOptions(user);
  const checks = checksState(user);
  const excluded = getExcludedFigures(user, { batchId: query.batchId, campaignId: query.campaignId });
  const filtered = Boolean(query.rule || query.status || query.batchId || query.campaignId);
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link href={`${PATH}/settings`} className="button secondary" data-testid="anomaly-settings-link">
          {t("settingsLink")}
        </Link>
      </div>
      <p className="muted">{t("intro")}</p>
      <p data-testid="anomaly-counts">{t("counts", list.counts)}</p>
      <ExclusionNotice figures={excluded} href={`${PATH}?status=excluded`} />
      <ChecksStatus checks={checks} />
      {checks.outdated.length > 0 && (
        <p className="notice info" role="status" data-testid="checks-outdated">
          {t("outdated", { codes: checks.outdated.map((b) => b.code).join("、") })}
        </p>
      )}
      {checks.checkable > 0 && (
        <section className="panel" aria-label={t("rerun")}>
          <p className="muted">{t("rerunHelp")}</p>
          <ActionForm action={rerunChecksAction} fields={[]} submitLabel={t("rerun")} pendingLabel={t("rerunning")} successMessage={t("rechecked")} tone="secondary" testId="rerun-checks" />
        </section>
      )}
      <section className="panel" aria-label={tc("filter")}>
        <form method="get" action={PATH} className="filters" data-testid="anomaly-filters">
          <div className="field">
            <label htmlFor="flag-rule">{t("filterRule")}</label>
            <select id="flag-rule" name="rule" defaultValue={query.rule ?? ""}>
              <option value="">{tc("all")}</option>
              {ANOMALY_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`rules.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flag-status">{t("filterStatus")}</label>
            <select id="flag-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{tc("all")}</option>
              {[...ANOMALY_STATUSES, "excluded" as const, "stale" as const].map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flag-campaign">{t("filterCampaign")}</label>
            <select id="flag-campaign" name="campaign" defaultValue={query.campaignId ? String(query.campaignId) : ""}>
              <option value="">{tc("all")}</option>
              {options.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flag-batch">{t("filterBatch")}</label>
            <select id="flag-batch" name="batch" defaultValue={query.batchId ? String(query.batchId) : ""}>
              <option value="">{tc("all")}</option>
              {options.batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.code}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-buttons">
            <button type="submit" className="button">
              {tc("search")}
            </button>
            <Link href={PATH} className="button secondary">
              {tc("reset")}
            </Link>
          </div>
        </form>
      </section>
      {list.rows.length === 0 ? (
        <p className="notice info" role="status" data-testid="flags-empty">
          {filtered ? t("empty") : t("emptyNone")}
        </p>
      ) : (
        <>
          <ReportTableView table={table} locale={tables.locale} downloads={tableDownloads(tables.reportsT, table.id, flagSearch(query).toString())} />
          <Pager
            label={tc("pagination")}
            status={tc("pageOf", { page: list.page, pages: list.pages })}
            previous={{ label: tc("previous"), href: list.page > 1 ? search(query, list.page - 1) : null }}
            next={{ label: tc("next"), href: list.page < list.pages ? search(query, list.page + 1) : null }}
          />
        </>
      )}
    </>
  );
}
