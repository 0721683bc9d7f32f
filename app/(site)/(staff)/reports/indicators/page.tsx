import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { getCityAreaId, getIndicatorAreas, getLatestIndicatorPeriod } from "@/lib/indicators/queries";
import { recordPath } from "@/lib/registry/types";
import { RetailIndicatorsPanel } from "../_components/retail-indicators";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

/** Anything invalid in the query string is ignored (the defaults apply). */
const querySchema = z.object({
  area: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
});

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export default async function RetailIndicatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const [t, tc, locale, query] = await Promise.all([
    getTranslations("indicators"),
    getTranslations("common"),
    getLocale().then(resolveLocale),
    searchParams.then((p) => querySchema.parse(p)),
  ]);
  const areas = getIndicatorAreas(locale);
  // A county's staff start at their county; everyone else at the city.
  const fallbackArea = areas.some((a) => a.id === user.areaId) ? user.areaId : getCityAreaId();
  const areaId = query.area && areas.some((a) => a.id === query.area) ? query.area : fallbackArea;
  const latest = areaId === undefined ? undefined : getLatestIndicatorPeriod(areaId);
  const year = query.year ?? latest?.year ?? new Date().getFullYear();
  const month = query.month ?? (query.year === undefined || query.year === latest?.year ? (latest?.month ?? 12) : 12);
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link href={recordPath("indicator")} className="button secondary" data-testid="indicators-registry-link">
          {t("registryLink")}
        </Link>
      </div>
      <p className="muted">{t("intro")}</p>
      <section className="panel" aria-label={tc("filter")}>
        <form method="get" className="filters" data-testid="indicator-filters">
          <div className="field">
            <label htmlFor="indicator-area">{t("filterArea")}</label>
            <select id="indicator-area" name="area" defaultValue={areaId === undefined ? "" : String(areaId)}>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="indicator-year">{t("filterYear")}</label>
            <input id="indicator-year" type="text" name="year" inputMode="numeric" pattern="\d{4}" maxLength={4} defaultValue={String(year)} />
          </div>
          <div className="field">
            <label htmlFor="indicator-month">{t("filterMonth")}</label>
            <select id="indicator-month" name="month" defaultValue={String(month)}>
              {MONTHS.map((m) => (
                <option key={m} value={m}>
                  {locale === "en" ? new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" }) : `${m}月`}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-buttons">
            <button type="submit" className="button">
              {t("show")}
            </button>
          </div>
        </form>
      </section>
      {areaId !== undefined && <RetailIndicatorsPanel areaId={areaId} year={year} month={month} locale={locale} />}
    </>
  );
}
