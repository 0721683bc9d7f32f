import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { voidBaselineUploadAction } from "@/lib/effects/actions";
import { BASELINE_COLUMNS } from "@/lib/effects/baseline-csv";
import { estimateChoices, listEstimateCampaigns } from "@/lib/effects/queries";
import { baselineUploadsTable } from "@/lib/effects/tables";
import { resolveLocale } from "@/lib/i18n/locale";
import { MAX_UPLOAD_MB } from "@/lib/registry/csv-upload";
import { loadPageTables } from "@/lib/reports/queries";
import { tableDownloads } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";
import { BaselineUpload } from "./baseline-upload";
import { IncrementalEstimatePanel } from "./incremental-estimate-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("effects"))("title") };
}

const id = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()).catch(undefined);
const querySchema = z.object({ campaign: id, sector: id, area: id });

// Managers, auditors and admins; staff see the campaigns of their own department and area.
export default async function EffectsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(["manager", "auditor", "admin", "staff"]);
  const [t, locale, query, tables] = await Promise.all([getTranslations("effects"), getLocale().then(resolveLocale), searchParams.then((p) => querySchema.parse(p)), loadPageTables(user, "effects")]);
  const campaigns = listEstimateCampaigns(user);
  const chosen = campaigns.find((c) => c.id === query.campaign) ?? campaigns[0];
  const choices = estimateChoices(locale);
  const uploads = baselineUploadsTable(tables);
  const canUpload = user.role === "staff" || user.role === "manager";
  // The action checks each upload's area; the button is offered to managers.
  const canVoid = user.role === "manager";

  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
      </div>
      <p className="muted">{t("intro")}</p>

      {campaigns.length === 0 ? (
        <p className="notice">{t("noCampaigns")}</p>
      ) : (
        <section className="panel" aria-labelledby="effects-choose">
          <h2 id="effects-choose">{t("choose.title")}</h2>
          <form method="get" action="/reports/effects" className="filters" data-testid="effects-filters">
            <div className="field wide">
              <label htmlFor="effects-campaign">{t("choose.campaign")}</label>
              <select id="effects-campaign" name="campaign" defaultValue={chosen?.id}>
                {campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}（{c.code}，{c.startsOn} – {c.endsOn}）
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="effects-sector">{t("choose.sector")}</label>
              <select id="effects-sector" name="sector" defaultValue={query.sector ?? ""}>
                <option value="">{t("choose.allSectors")}</option>
                {choices.sectors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="effects-area">{t("choose.area")}</label>
              <select id="effects-area" name="area" defaultValue={query.area ?? ""}>
                <option value="">{t("choose.allAreas")}</option>
                {choices.areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-buttons">
              <button type="submit" className="button">
                {t("choose.show")}
              </button>
            </div>
          </form>
        </section>
      )}

      {chosen && <IncrementalEstimatePanel campaignId={chosen.id} locale={locale} sectorId={query.sector} areaId={query.area} showMethodLink={false} />}

      <section className="panel" aria-labelledby="method" data-testid="method-note">
        <h2 id="method">{t("note.title")}</h2>
        <p>{t("note.gross")}</p>
        <p>{t("note.floor")}</p>
        <p>{t("note.research")}</p>
        <ul>
          <li>{t("note.hangzhou")}</li>
          <li>{t("note.shaoxing")}</li>
          <li>{t("note.jd")}</li>
          <li>{t("note.hongkong")}</li>
        </ul>
        <p>{t("note.ours")}</p>
      </section>

      <section className="panel" aria-labelledby="baseline" data-testid="baseline-panel">
        <h2 id="baseline">{t("upload.title")}</h2>
        <p>{t("upload.intro")}</p>
        <div className="table-wrap">
          <table data-testid="baseline-format">
            <caption>{t("upload.format", { maxMb: MAX_UPLOAD_MB })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("upload.column")}</th>
                <th scope="col">{t("upload.required")}</th>
                <th scope="col">{t("upload.description")}</th>
              </tr>
            </thead>
            <tbody>
              {BASELINE_COLUMNS.map((c) => (
                <tr key={c.name}>
                  <th scope="row" className="nowrap">
                    {c.zh}（{c.name}）
                  </th>
                  <td>{c.required ? t("upload.yes") : t("upload.no")}</td>
                  <td>{t(`upload.descriptions.${c.name}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="button-row">
          <a className="button secondary" href="/api/effects/baseline/template" download data-testid="baseline-template">
            {t("upload.template")}
          </a>
        </div>
        {canUpload && <BaselineUpload />}

        <h3>{t("upload.listTitle")}</h3>
        {uploads.rows.length === 0 ? (
          <p className="muted">{t("upload.noUploads")}</p>
        ) : (
          <ReportTableView
            table={uploads}
            locale={locale}
            downloads={tableDownloads(tables.reportsT, uploads.id, "")}
            actions={
              canVoid
                ? {
                    label: t("upload.actions"),
                    row: (i) => {
                      const u = uploads.uploads[i]!;
                      return (
                        u.status === "active" && (
                          <ActionForm
                            action={voidBaselineUploadAction}
                            hidden={{ uploadId: u.id }}
                            fields={[]}
                            submitLabel={t("upload.void")}
                            pendingLabel={t("upload.voiding")}
                            messages={{ voided: t("upload.voided") }}
                            tone="danger"
                            testId={`void-baseline-${u.id}`}
                          />
                        )
                      );
                    },
                  }
                : undefined
            }
          />
        )}
      </section>
    </>
  );
}
