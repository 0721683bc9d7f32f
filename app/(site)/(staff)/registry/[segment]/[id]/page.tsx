import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { ExclusionNotice } from "@/app/_components/exclusion-notice";
import { getExcludedFigures } from "@/lib/anomalies/queries";
import { canEditRecord } from "@/lib/auth/scope";

import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { resolveLocale } from "@/lib/i18n/locale";
import { submitRecordAction } from "@/lib/registry/actions";
import { getReadableRecord, getRegistryOptions, managesArea, recordHeading } from "@/lib/registry/queries";
import { recordPath, recordTypeOfSegment } from "@/lib/registry/types";
import { parseRouteId } from "@/lib/validation";
import { StatusBadges } from "../../_components/list-columns";
import { RecordHistory } from "../../_components/record-history";
import { ActionProgressPanel } from "../../_components/action-progress";
import { BatchImports } from "../../_components/batch-imports";
import { BatchLeveragePanel, CampaignLeveragePanel } from "../../_components/leverage";
import { RecordValues, type Fact } from "../../_components/record-values";
import type { Translate } from "../../_components/translate";
import type { Locale } from "@/db/schema";
import { formatLeverageFloor } from "@/lib/vouchers/floor";
import { formatTerms } from "@/lib/vouchers/terms";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { formatYuan } from "@/lib/money/fen";
import { getBatchRedemptionFigures } from "@/lib/imports/queries";
import { getBatchLeverage, getCampaignLeverage } from "@/lib/leverage/queries";
import type { BatchTotals } from "@/lib/imports/totals";

/** A batch's terms as people say them, its mechanical leverage floor and (once imported) its actual leverage. */
function batchFacts(row: Record<string, unknown>, locale: Locale, t: Translate, figures: BatchTotals): Fact[] {
  const terms = { faceValueFen: Number(row.faceValueFen), thresholdFen: Number(row.thresholdFen) };
  const floor = formatLeverageFloor(terms);
  return [
    { label: t("voucherTerms"), value: <span data-testid="batch-terms">{formatTerms(terms, locale)}</span> },
    {
      label: t("leverageFloor"),
      value: (
        <>
          <span data-testid="leverage-floor">{floor ?? "—"}</span>
          <span className="hint muted" style={{ display: "block" }}>{t("leverageFloorHint")}</span>
        </>
      ),
    },
    // Gross leverage G/S from the kept totals of imported statements; no figure before there is data.
    {
      label: t("leverageActual"),
      value:
        figures.subsidyFen > 0 ? (
          <span data-testid="leverage-actual">
            {formatLeverage(figures.grossFen, figures.subsidyFen)}{" "}
            <span className="muted">
              {t("leverageActualDetail", { subsidy: formatYuan(figures.subsidyFen), gross: formatYuan(figures.grossFen), redemptions: figures.redemptions })}
            </span>
          </span>
        ) : (
          <span className="muted" data-testid="leverage-actual">— {t("leverageActualPending")}</span>
        ),
    },
  ];
}

interface Props {
  params: Promise<{ segment: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const type = recordTypeOfSegment((await params).segment);
  return { title: type ? (await getTranslations("registry"))(`types.${type}`) : undefined };
}

export default async function RecordPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const { segment, id: idParam } = await params;
  const type = recordTypeOfSegment(segment);
  const id = parseRouteId(idParam);
  if (!type || id === null) notFound();
  const [t, tw, locale, query] = await Promise.all([
    getTranslations("registry"),
    getTranslations("workflow"),
    getLocale().then(resolveLocale),
    searchParams,
  ]);
  // Outside the reader's scope a record does not exist for them.
  const record = getReadableRecord(user, type, id, locale);
  if (!record) notFound();
  const options = await getRegistryOptions(locale);
  const { row, history } = record;
  const open = record.open?.revision;
  const latest = history[0]?.revision;
  const editable = canEditRecord(user, row);
  const approved = row.status === "approved";
  const figures = type === "batch" ? getBatchRedemptionFigures(row.id) : null;
  return (
    <>
      <p>
        <Link href={recordPath(type)}>{t("backToList", { list: t(`lists.${type}`) })}</Link>
      </p>
      <div className="page-head">
        <h1>
          {recordHeading(type, row, locale)}{" "}
          <StatusBadges status={row.status} openChange={open?.status} t={t} tw={tw} />
        </h1>
        {editable && open?.status !== "submitted" && (
          <Link href={`${recordPath(type, id)}/edit`} className="button secondary" data-testid="edit-record">
            {t("edit")}
          </Link>
        )}
      </div>
      {query.saved === "1" && open?.status === "draft" && (
        <p className="notice ok" role="status" data-testid="record-saved">
          {t("savedDraft")}
        </p>
      )}
      {open?.status === "submitted" && (
        <p className="notice info" role="status" data-testid="record-awaiting">
          {approved ? t("changeAwaitingReview") : t("awaitingReview")}
        </p>
      )}
      {open?.status === "draft" && approved && query.saved !== "1" && <p className="notice info">{t("changeDraft")}</p>}
      {latest?.status === "returned" && latest.decisionComment && (
        <p className="notice bad" role="status" data-testid="record-returned">
          {t("returnedNotice", { comment: latest.decisionComment })}
        </p>
      )}
      {editable && open?.status === "draft" && (
        <section className="panel" aria-label={t("submit")}>
          <p className="muted">{t("submitHelp")}</p>
          <ActionForm
            action={submitRecordAction}
            hidden={{ type, id }}
            fields={[]}
            submitLabel={t("submit")}
            pendingLabel={t("submitting")}
            testId="submit-record-form"
          />
        </section>
      )}
      {/* Figures on this page leave out rows excluded after review: say so, with the way to the review. */}
      {(type === "campaign" || type === "batch") && approved && (
        <ExclusionNotice
          figures={getExcludedFigures(user, type === "batch" ? { batchId: row.id } : { campaignId: row.id })}
          href={`/reports/anomalies?${type === "batch" ? "batch" : "campaign"}=${row.id}&status=excluded`}
        />
      )}
      <section className="panel" aria-labelledby="record-values">
        <h2 id="record-values">{t("values")}</h2>
        <RecordValues
          type={type}
          raw={record.raw}
          options={options}
          testId="record-values"
          before={[
            { label: t(`departmentOf.${type}`), value: record.departmentName },
            { label: t("area"), value: record.areaName },
          ]}
          after={[
            ...(figures ? batchFacts(row, locale, t, figures) : []),
            { label: t("status"), value: tw(row.status) },
            ...(row.approvedAt ? [{ label: t("approvedAt"), value: formatShanghai(row.approvedAt) }] : []),
            { label: t("updatedAt"), value: formatShanghai(row.updatedAt) },
          ]}
        />
      </section>
      {type === "action" && row.status === "approved" && <ActionProgressPanel actionId={row.id} />}
      {type === "campaign" && approved && <CampaignLeveragePanel leverage={getCampaignLeverage(row.id, locale)} />}
      {figures && approved && (
        <BatchImports batchId={row.id} figures={figures} user={user} canImport={editable} canVoid={user.role === "manager" && managesArea(user, row.areaId)} />
      )}
      {figures && approved && <BatchLeveragePanel leverage={getBatchLeverage(row.id, Number(row.campaignId), locale)} />}
      <RecordHistory type={type} history={history} options={options} />
    </>
  );
}
