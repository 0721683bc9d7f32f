// The period and area of a report: presets as links (1–N月, quarters, halves, months of a year),
// any two days by a plain GET form, and the area (city or a county the reader may see); the
// drill-down so far (a sector, channel or merchant row followed, an action, campaign, batch)
// as named filters, each removable.
import Link from "next/link";
import type { Locale } from "@/db/schema";
import { lastDayOfMonth, type Period } from "@/lib/reports/period";
import { periodText } from "@/lib/reports/period-text";
import type { AreaOption, DrillStep } from "@/lib/reports/queries";
import { reportSearch, type ReportQuery, type SearchChange } from "@/lib/reports/report";
import type { ReportsT } from "@/lib/reports/tables";
import styles from "./reports.module.css";

const pad = (n: number) => String(n).padStart(2, "0");
const months = (year: number, first: number, last: number): Period => ({ from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, last) });

/** What removing a filter takes with it: a campaign goes with its action, a batch with its campaign. */
const REMOVES: Record<DrillStep["level"], SearchChange> = {
  area: { area: undefined },
  sector: { sector: undefined },
  channel: { channel: undefined },
  merchant: { merchant: undefined },
  action: { action: undefined, campaign: undefined, batch: undefined },
  campaign: { campaign: undefined, batch: undefined },
  batch: { batch: undefined },
};

export function ReportFilters({ path, query, areas, steps: drill = [], locale, t }: { path: string; query: ReportQuery; areas: AreaOption[]; steps?: DrillStep[]; locale: Locale; t: ReportsT }) {
  // The county is chosen (and removed) with the area field below.
  const steps = drill.filter((s) => s.level !== "area");
  const year = Number(query.period.from.slice(0, 4));
  const link = (p: Period, label: string) => {
    const current = p.from === query.period.from && p.to === query.period.to;
    return (
      <Link key={`${p.from}${p.to}`} href={`${path}?${reportSearch(query, { from: p.from, to: p.to })}`} aria-current={current ? "true" : undefined} data-testid={`preset-${p.from}-${p.to}`}>
        {label}
      </Link>
    );
  };
  const groups: Array<{ label: string; periods: Array<[Period, string]> }> = [
    { label: t("presetsCumulative"), periods: Array.from({ length: 11 }, (_, i) => [months(year, 1, i + 2), locale === "en" ? `Jan–${periodText(months(year, i + 2, i + 2), "en").split(" ")[0]}` : `1–${i + 2}月`]) },
    {
      label: t("presetsQuarters"),
      periods: [
        ...[1, 2, 3, 4].map((q) => [months(year, q * 3 - 2, q * 3), periodText(months(year, q * 3 - 2, q * 3), locale).replace(`${year}`, "").replace("年", "").trim()] as [Period, string]),
        [months(year, 1, 6), locale === "en" ? "H1" : "上半年"],
        [months(year, 7, 12), locale === "en" ? "H2" : "下半年"],
        [months(year, 1, 12), locale === "en" ? "Year" : "全年"],
      ],
    },
    { label: t("presetsMonths"), periods: Array.from({ length: 12 }, (_, i) => [months(year, i + 1, i + 1), locale === "en" ? periodText(months(year, i + 1, i + 1), "en").split(" ")[0]! : `${i + 1}月`]) },
  ];
  return (
    <section className="panel" aria-labelledby="report-period" data-testid="report-filters">
      <h2 id="report-period" className="visually-hidden">
        {t("filters")}
      </h2>
      <div className={styles.presets}>
        <strong>{t("year")}</strong>
        {link(months(year - 1, 1, 12), String(year - 1))}
        <span aria-current="true">{year}</span>
        {link(months(year + 1, 1, 12), String(year + 1))}
      </div>
      {groups.map((g) => (
        <div key={g.label} className={styles.presets}>
          <strong>{g.label}</strong>
          {g.periods.map(([p, label]) => link(p, label))}
        </div>
      ))}
      {steps.length > 0 && (
        <ul className={styles.chips} aria-label={t("activeFilters")} data-testid="report-drill-filters">
          {steps.map((s) => (
            <li key={s.level} data-testid={`filter-${s.level}`}>
              {`${t(`columns.${s.level}`)}${locale === "en" ? ": " : "："}`}
              {s.level === "merchant" && typeof s.id === "number" ? <Link href={`/merchants/${s.id}`}>{s.name}</Link> : <strong>{s.name}</strong>}{" "}
              <Link href={`${path}?${reportSearch(query, REMOVES[s.level])}`} aria-label={t("removeFilter", { name: s.name })} data-testid={`remove-filter-${s.level}`}>
                ×
              </Link>
            </li>
          ))}
        </ul>
      )}
      <form method="get" action={path} className="filters" data-testid="report-period-form">
        <label>
          {t("from")}
          <input type="date" name="from" defaultValue={query.period.from} required />
        </label>
        <label>
          {t("to")}
          <input type="date" name="to" defaultValue={query.period.to} required />
        </label>
        {areas.length > 0 && (
          <label>
            {t("area")}
            <select name="area" defaultValue={query.areaId ?? ""} data-testid="report-area">
              <option value="">{t("areaAll")}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {query.actionId !== undefined && <input type="hidden" name="action" value={query.actionId} />}
        {query.campaignId !== undefined && <input type="hidden" name="campaign" value={query.campaignId} />}
        {query.batchId !== undefined && <input type="hidden" name="batch" value={query.batchId} />}
        {query.sectorId !== undefined && <input type="hidden" name="sector" value={query.sectorId ?? "none"} />}
        {query.channel !== undefined && <input type="hidden" name="channel" value={query.channel} />}
        {query.merchantId !== undefined && <input type="hidden" name="merchant" value={query.merchantId} />}
        {query.grain === "week" && <input type="hidden" name="grain" value="week" />}
        <div className="filter-buttons">
          <button type="submit">{t("apply")}</button>
        </div>
      </form>
    </section>
  );
}
