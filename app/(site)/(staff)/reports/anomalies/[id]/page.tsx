import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { Pager } from "@/app/_components/pager";
import { decideFlagAction, excludeFlagAction, restoreFlagAction } from "@/lib/anomalies/actions";
import { flagDetail, flagSubject } from "@/lib/anomalies/flag-text";
import { getFlagForUser, maskPayer } from "@/lib/anomalies/queries";
import { flagRowsTable } from "@/lib/anomalies/tables";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { formatYuan } from "@/lib/money/fen";
import { loadPageTables } from "@/lib/reports/queries";
import { recordPath } from "@/lib/registry/types";
import { parseRouteId } from "@/lib/validation";
import { tableDownloads } from "../../_components/report-parts";
import { ReportTableView } from "../../_components/report-table";
import { STATUS_TONE } from "../flag-text";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await getTranslations("anomalies"))("title")} #${(await params).id}` };
}

export default async function FlagPage({ params, searchParams }: Props) {
  const user = await requirePageUser(["manager", "auditor", "admin", "staff"]);
  const id = parseRouteId((await params).id);
  if (id === null) notFound();
  const [t, tc, query, tables] = await Promise.all([getTranslations("anomalies"), getTranslations("common"), searchParams, loadPageTables(user, "anomalies")]);
  // Outside the reader's scope a flag does not exist for them.
  const view = getFlagForUser(user, id);
  if (!view) notFound();
  const { flag, canDecide } = view;
  const rows = flagRowsTable(tables, flag, Number(query.page) || 1);
  const path = `/reports/anomalies/${flag.id}`;
  const money = { rows: flag.rowCount, subsidy: formatYuan(flag.subsidyFen), gross: formatYuan(flag.grossFen) };
  return (
    <>
      <p>
        <Link href="/reports/anomalies">{t("back")}</Link>
      </p>
      <h1>
        {t("flagTitle", { id: flag.id, rule: t(`rules.${flag.rule}`) })}{" "}
        <span className="badges">
          <span className={`badge ${STATUS_TONE[flag.status]}`} data-testid="flag-status">
            {t(`statuses.${flag.status}`)}
          </span>
          {flag.excluded && (
            <span className="badge bad" data-testid="flag-excluded">
              {t("statuses.excluded")}
            </span>
          )}
          {flag.stale && <span className="badge">{t("statuses.stale")}</span>}
        </span>
      </h1>
      {flag.stale && (
        <p className="notice info" role="status">
          {t("staleNotice")}
        </p>
      )}
      <section className="panel" aria-label={t("facts.detail")}>
        <dl className="facts" data-testid="flag-facts">
          <dt>{t("facts.batch")}</dt>
          <dd>
            <Link href={recordPath("batch", flag.batchId)}>{flag.batchCode}</Link>
          </dd>
          <dt>{t("facts.campaign")}</dt>
          <dd>
            <Link href={recordPath("campaign", flag.campaignId)}>{flag.campaignName}</Link>
          </dd>
          <dt>{t("facts.subject")}</dt>
          <dd>{flag.merchantId ? <Link href={`/merchants/${flag.merchantId}`}>{flagSubject(tables.t, flag, maskPayer(flag.subject))}</Link> : flagSubject(tables.t, flag, maskPayer(flag.subject))}</dd>
          <dt>{t("facts.detail")}</dt>
          <dd data-testid="flag-detail">{flagDetail(tables.t, flag)}</dd>
          <dt>{t("facts.figures")}</dt>
          <dd data-testid="flag-figures">{t("facts.figuresValue", money)}</dd>
          {flag.status !== "open" && (
            <>
              <dt>{t("facts.decision")}</dt>
              <dd data-testid="flag-decision">{t("facts.decisionValue", { note: flag.decisionNote ?? "", name: flag.decidedByName ?? "—", at: formatShanghai(flag.decidedAt) })}</dd>
            </>
          )}
          {flag.excluded && (
            <>
              <dt>{t("facts.exclusion")}</dt>
              <dd>{t("facts.exclusionValue", { name: flag.excludedByName ?? "—", at: formatShanghai(flag.excludedAt) })}</dd>
            </>
          )}
          <dt>{t("facts.checkedAt")}</dt>
          <dd>{formatShanghai(flag.checkedAt)}</dd>
        </dl>
      </section>
      {canDecide ? (
        <>
          {!flag.excluded && (
            <section className="panel" aria-labelledby="decide-title">
              <h2 id="decide-title">{t("decideTitle")}</h2>
              <p className="muted">{t("decideHelp")}</p>
              <ActionForm
                action={decideFlagAction}
                hidden={{ flagId: flag.id }}
                fields={[
                  {
                    name: "decision",
                    label: t("decision"),
                    type: "select",
                    required: true,
                    defaultValue: flag.status === "open" ? "" : flag.status,
                    options: [
                      { value: "", label: "—" },
                      { value: "explained", label: t("statuses.explained") },
                      { value: "confirmed", label: t("statuses.confirmed") },
                    ],
                  },
                  { name: "note", label: t("note"), type: "textarea", required: true, defaultValue: flag.decisionNote ?? "" },
                ]}
                submitLabel={t("decide")}
                pendingLabel={t("deciding")}
                successMessage={t("decided")}
                testId="decide-flag"
              />
            </section>
          )}
          {flag.status === "confirmed" && (
            <section className="panel" aria-labelledby="exclude-title">
              <h2 id="exclude-title">{t("excludeTitle")}</h2>
              {flag.excluded ? (
                <>
                  <p className="muted">{t("restoreHelp")}</p>
                  <ActionForm key="restore" action={restoreFlagAction} hidden={{ flagId: flag.id }} fields={[]} submitLabel={t("restore")} pendingLabel={t("restoring")} successMessage={t("restoredMessage")} tone="secondary" testId="restore-flag" />
                </>
              ) : (
                !flag.stale && (
                  <>
                    <p className="muted">{t("excludeHelp", money)}</p>
                    <ActionForm key="exclude" action={excludeFlagAction} hidden={{ flagId: flag.id }} fields={[]} submitLabel={t("exclude")} pendingLabel={t("excluding")} successMessage={t("excludedMessage")} tone="danger" testId="exclude-flag" />
                  </>
                )
              )}
            </section>
          )}
        </>
      ) : (
        <p className="muted" data-testid="flag-read-only">
          {t("readOnly")}
        </p>
      )}
      <section aria-labelledby="rows-title">
        <h2 id="rows-title">{t("rowsTitle")}</h2>
        <ReportTableView table={rows} locale={tables.locale} downloads={tableDownloads(tables.reportsT, rows.id, "", { flag: flag.id })} />
        <Pager
          label={tc("pagination")}
          status={tc("pageOf", { page: rows.page, pages: rows.pages })}
          previous={{ label: tc("previous"), href: rows.page > 1 ? `${path}?page=${rows.page - 1}` : null }}
          next={{ label: tc("next"), href: rows.page < rows.pages ? `${path}?page=${rows.page + 1}` : null }}
        />
      </section>
    </>
  );
}
