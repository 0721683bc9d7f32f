// Pieces every report page shares: the heading with period and area, the drill-down path, the
// export links of a table, and the labels saying which leverage figure is which.
import Link from "next/link";
import { exportHref } from "@/lib/reports/export-tables";
import { periodWithDays } from "@/lib/reports/period-text";
import { areaName, drillPath, type ReportPage } from "@/lib/reports/queries";
import { reportSearch, type SearchChange } from "@/lib/reports/report";
import type { ReportsT } from "@/lib/reports/tables";
import styles from "./reports.module.css";

export function ReportHeading({ page, title }: { page: ReportPage; title: string }) {
  const { query, locale } = page;
  return (
    <div className="page-head">
      <h1>{title}</h1>
      <span className="muted" data-testid="report-period">
        {periodWithDays(query.period, locale)} · {reportAreaText(page)}
      </span>
    </div>
  );
}

/** The area a report covers: the chosen one, else the reader's scope (a manager's own area, staff's department, the city). */
export function reportAreaText(page: ReportPage): string {
  const { t, query, locale, user } = page;
  if (query.areaId !== undefined) return areaName(query.areaId, locale) ?? "";
  if (user.role === "staff") return t("scopeOwn");
  if (user.role === "manager") return areaName(user.areaId, locale) ?? "";
  return t("scopeCity");
}

/** Where a breakdown's row of this dimension leads (as tables.ts drills): the level below, given what is chosen already. */
const BREAKDOWN_OF = { area: "areas", sector: "sectors", channel: "channels", merchant: "merchants" } as const;

export function DrillPath({ page, extra }: { page: ReportPage; extra?: Array<{ label: string; href?: string }> }) {
  const { t, query } = page;
  const steps = drillPath(page);
  const q = (path: string, change: SearchChange) => `${path}?${reportSearch(query, change)}`;
  const clear = { action: undefined, campaign: undefined, batch: undefined };
  const links: Array<{ label: string; href?: string }> = [{ label: t("overviewLink"), href: q("/reports", { ...clear, sector: undefined, channel: undefined, merchant: undefined }) }];
  // A breakdown row followed down (county, sector, channel, merchant): its breakdown, then the row.
  const rows = steps.filter((s) => s.level in BREAKDOWN_OF);
  for (const s of rows) {
    const level = s.level as keyof typeof BREAKDOWN_OF;
    const param = { [level]: s.id ?? "none" };
    links.push({ label: t(`tables.${BREAKDOWN_OF[level]}`), href: q(`/reports/${BREAKDOWN_OF[level]}`, { ...clear, [level]: undefined }) });
    links.push({ label: s.name, href: q(level === "sector" || level === "area" ? "/reports/campaigns" : "/reports/batches", { ...clear, ...param }) });
  }
  if (rows.length === 0 && steps.length > 0) links.push({ label: t("tables.actions"), href: q("/reports/actions", clear) });
  for (const s of steps) {
    if (s.level === "action") links.push({ label: s.name, href: q("/reports/campaigns", { ...clear, action: s.id ?? undefined }) });
    if (s.level === "campaign") links.push({ label: s.name, href: q("/reports/batches", { ...clear, action: query.actionId, campaign: s.id ?? undefined }) });
    if (s.level === "batch") links.push({ label: s.name, href: q("/reports/imports", { ...clear, action: query.actionId, campaign: query.campaignId, batch: s.id ?? undefined }) });
  }
  const all = [...links, ...(extra ?? [])];
  return (
    <nav aria-label={t("drillPath")} className={styles.crumbs} data-testid="drill-path">
      {all.map((l, i) => (
        <span key={i}>
          {i > 0 && " › "}
          {l.href && i < all.length - 1 ? <Link href={l.href}>{l.label}</Link> : <span aria-current={i === all.length - 1 ? "page" : undefined}>{l.label}</span>}
        </span>
      ))}
    </nav>
  );
}

/** The download links of one table, with the page's own search parameters. */
export function downloadsOf(page: ReportPage, table: string, extra: Record<string, string | number> = {}) {
  return tableDownloads(page.t, table, page.search, extra);
}

/** The download links of a table of any page: `t` the reports' translator, `search` that page's own parameters. */
export function tableDownloads(t: ReportsT, table: string, search: string, extra: Record<string, string | number> = {}) {
  return {
    csv: exportHref(table, search, "csv", extra),
    xlsx: exportHref(table, search, "xlsx", extra),
    label: t("export"),
    csvLabel: t("exportCsv"),
    xlsxLabel: t("exportXlsx"),
  };
}

/** Which leverage is which: gross, co-payment, the batch's floor, and the incremental estimate. */
export function LeverageKinds({ page }: { page: ReportPage }) {
  const { t } = page;
  return (
    <dl className={styles.labels} data-testid="leverage-kinds">
      {(["gross", "copay", "floor", "incremental"] as const).map((k) => (
        <div key={k}>
          <dt>{t(`kinds.${k}`)}</dt>
          <dd>{t(`kindsHelp.${k}`)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where the incremental estimate goes: IncrementalEstimatePanel (another part of issue 5) is placed here. */
export function IncrementalEstimateSlot({ page, children }: { page: ReportPage; children?: React.ReactNode }) {
  return (
    <section className={styles.slot} aria-labelledby="incremental-estimate" data-testid="incremental-estimate-slot">
      <h2 id="incremental-estimate">{page.t("incrementalTitle")}</h2>
      {children ?? <p className="muted">{page.t("incrementalPending")}</p>}
    </section>
  );
}
