// The overview's headline figures, each with the period before and its 环比; "no data" where
// nothing is known (never a 0 that was not counted). Money in 万元, two decimals.
import Link from "next/link";
import type { Overview, PeriodFigures } from "@/lib/reports/overview";
import { changeTenths, ratioChangeTenths } from "@/lib/reports/overview";
import { formatWanYuan } from "@/lib/money/fen";
import { formatTenths } from "@/lib/numbers/percent";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import type { ReportsT } from "@/lib/reports/tables";
import styles from "./reports.module.css";

const COUNT = new Intl.NumberFormat("en-US");

interface Figure {
  key: string;
  label: string;
  kind?: string;
  value: (f: PeriodFigures) => string | null;
  /** Where the figure breaks down (the level below). */
  href?: string;
  /** A line under the value (the budget's amounts). */
  detail?: string | null;
  /** Change in tenths of a percent, or in tenths of a percentage point when `points`. */
  change: number | null;
  points?: boolean;
}

/** The overview's figures; each links to its breakdown when `search` (the page's query) is given. */
export function FigureCards({ overview, t, search }: { overview: Overview; t: ReportsT; search?: string }) {
  const { current: c, previous: p } = overview;
  const both = c.hasData && p.hasData;
  const wan = (fen: number) => t("wanYuan", { amount: formatWanYuan(fen) });
  const rate = (f: PeriodFigures) => (f.hasData ? f.redemptionRate.ofClaimed : null);
  const budget = (f: PeriodFigures) => f.budget?.budgetUsedTenths ?? null;
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const figures: Figure[] = [
    { key: "subsidy", href: "/reports/actions", label: t("figures.subsidy"), value: (f) => (f.hasData ? wan(f.subsidyFen) : null), change: changeTenths(c.subsidyFen, p.subsidyFen, both) },
    { key: "gross", href: "/reports/actions", label: t("figures.gross"), value: (f) => (f.hasData ? wan(f.grossFen) : null), change: changeTenths(c.grossFen, p.grossFen, both) },
    { key: "copay", href: "/reports/actions", label: t("figures.copay"), value: (f) => (f.hasData ? wan(f.copayFen) : null), change: changeTenths(c.copayFen, p.copayFen, both) },
    { key: "gross-leverage", href: "/reports/batches", label: t("figures.grossLeverage"), kind: t("kinds.gross"), value: (f) => (f.hasData ? formatLeverage(f.grossFen, f.subsidyFen) : null), change: both ? ratioChangeTenths(c.grossFen, c.subsidyFen, p.grossFen, p.subsidyFen) : null },
    { key: "copay-leverage", href: "/reports/batches", label: t("figures.copayLeverage"), kind: t("kinds.copay"), value: (f) => (f.hasData ? formatLeverage(f.copayFen, f.subsidyFen) : null), change: both ? ratioChangeTenths(c.copayFen, c.subsidyFen, p.copayFen, p.subsidyFen) : null },
    { key: "redemptions", href: "/reports/trend", label: t("figures.redemptions"), value: (f) => (f.hasData ? t("ordersValue", { count: COUNT.format(f.redemptions) }) : null), change: changeTenths(c.redemptions, p.redemptions, both) },
    { key: "rate", href: "/reports/batches", label: t("figures.redemptionRate"), value: (f) => (rate(f) === null ? null : `${formatTenths(rate(f)!)}%`), change: diff(rate(c), rate(p)), points: true },
    { key: "budget", href: "/reports/campaigns", label: t("figures.budgetUsed"), value: (f) => (f.budget && f.budget.budgetUsedTenths !== null ? `${formatTenths(f.budget.budgetUsedTenths)}%` : null),
      detail: c.budget ? t("budgetValue", { used: wan(c.budget.subsidyThroughFen), cap: wan(c.budget.budgetCapFen) }) : null,
      change: diff(budget(c), budget(p)), points: true },
    { key: "packages", href: "/registry/packages", label: t("figures.packages"), value: (f) => t("countValue", { count: COUNT.format(f.packages) }), change: changeTenths(c.packages, p.packages) },
    { key: "events", href: "/registry/events", label: t("figures.events"), value: (f) => t("countValue", { count: COUNT.format(f.events) }), change: changeTenths(c.events, p.events) },
  ];
  return (
    <dl className={styles.cards} data-testid="figure-cards">
      {figures.map((fig) => {
        const now = fig.value(c);
        const before = fig.value(p);
        const sign = fig.change === null ? "" : fig.change > 0 ? "+" : "";
        const changeText = fig.change === null ? t("noChange") : fig.points ? t("points", { points: `${sign}${formatTenths(fig.change)}` }) : `${sign}${formatTenths(fig.change)}%`;
        return (
          <div key={fig.key} className={styles.card} data-testid={`figure-${fig.key}`}>
            <dt>
              {search !== undefined && fig.href ? <Link href={fig.href.startsWith("/reports") ? `${fig.href}?${search}` : fig.href}>{fig.label}</Link> : fig.label}
              {fig.kind && <span className={styles.kind}>{fig.kind}</span>}
            </dt>
            <dd className={styles.value} data-testid={`figure-${fig.key}-value`}>
              {now ?? <span className="muted">{t("noData")}</span>}
            </dd>
            {fig.detail && <dd className={styles.change}>{fig.detail}</dd>}
            <dd className={styles.change}>
              {t("previous", { value: before ?? t("noData") })} ·{" "}
              <span className={fig.change === null ? undefined : fig.change > 0 ? styles.up : fig.change < 0 ? styles.down : undefined} data-testid={`figure-${fig.key}-change`}>
                {t("changeLabel")} {changeText}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
