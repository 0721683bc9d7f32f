// An action's targets against actuals rolled up from its approved packages, events and
// carriers: a bar per target, the status, and the counts and sums behind them. A server
// component: give it the computed progress, or an action id to load it.
import { getLocale, getTranslations } from "next-intl/server";
import type { TargetMeasure } from "@/db/schema";
import { resolveLocale, type Locale } from "@/lib/i18n/locale";
import { formatWanYuan } from "@/lib/money/fen";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { MEASURES } from "@/lib/registry/measures";
import {
  formatTenths,
  type ActionProgress,
  type ActionStatus,
  type TargetProgress,
} from "@/lib/registry/progress";
import { getActionProgress } from "@/lib/registry/progress-queries";
import styles from "./progress.module.css";

type Translator = Awaited<ReturnType<typeof getTranslations<"progress">>>;

/** The badge class of a status: good, bad, or neutral. */
export function statusTone(status: ActionStatus): string {
  switch (status) {
    case "onTrack":
    case "achieved":
      return "badge ok";
    case "behind":
    case "missed":
      return "badge bad";
    case "awaitingData":
      return "badge warn";
    default:
      return "badge";
  }
}

const COUNT = new Intl.NumberFormat("en-US");

/** A measure's value as the statistical tables write it: money in 万元 with two decimals, counts with their unit. */
export function formatMeasureValue(t: Translator, locale: Locale, measure: TargetMeasure, value: number): string {
  const info = MEASURES[measure];
  if (info.money) return t("wanYuan", { amount: formatWanYuan(value) });
  return t("count", { value: COUNT.format(value), unit: locale === "en" ? info.unitEn : info.unitZh });
}

function barTone(target: TargetProgress): string {
  if (target.status === "onTrack" || target.status === "achieved") return `${styles.bar} ${styles.ok}`;
  if (target.status === "behind" || target.status === "missed") return `${styles.bar} ${styles.bad}`;
  return styles.bar!;
}

type Props = {
  /** "panel": a panel of its own; "embedded": inside another section, no frame. */
  variant?: "panel" | "embedded";
  /** The level of its heading in the page's outline (default 2). */
  headingLevel?: 2 | 3 | 4 | 5;
} & ({ progress: ActionProgress } | { actionId: number; today?: string });

export async function ActionProgressPanel(props: Props) {
  const progress =
    "progress" in props ? props.progress : getActionProgress(props.actionId, props.today);
  if (!progress) return null;
  const [t, locale] = await Promise.all([getTranslations("progress"), getLocale().then(resolveLocale)]);
  const variant = props.variant ?? "panel";
  const Heading = `h${props.headingLevel ?? 2}` as "h2" | "h3" | "h4" | "h5";
  const { share, totals } = progress;
  const headingId = `action-progress-${progress.actionId}`;
  const value = (measure: TargetMeasure, n: number) => formatMeasureValue(t, locale, measure, n);
  const wan = (fen: number) => t("wanYuan", { amount: formatWanYuan(fen) });

  return (
    <section
      className={variant === "panel" ? "panel" : undefined}
      aria-labelledby={headingId}
      data-testid="action-progress"
      data-status={progress.status}
    >
      <div className={styles.head}>
        <Heading id={headingId}>{t("title")}</Heading>
        {variant === "panel" ? (
          // Embedded in a card that shows the status already, the badge would say it twice.
          <span className={statusTone(progress.status)} data-testid="action-status">
            {t(`status.${progress.status}`)}
          </span>
        ) : null}
      </div>

      <div className={styles.period}>
        <span className={styles.label}>{t("period", { start: progress.startsOn, end: progress.endsOn })}</span>
        <progress
          className={`${styles.bar} ${styles.time}`}
          value={share.elapsedTenths / 10}
          max={100}
          aria-label={t("timeElapsedLabel")}
        />
        <span className={styles.percent}>
          {share.phase === "before"
            ? t("phaseBefore")
            : share.phase === "after"
              ? t("phaseAfter")
              : t("timeElapsed", { percent: formatTenths(share.elapsedTenths) })}
        </span>
      </div>

      {progress.targets.length === 0 ? (
        <p className="muted" data-testid="no-targets">
          {t("noTargets")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className={styles.targets}>
            <caption>{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("measure")}</th>
                <th scope="col" className="num">
                  {t("target")}
                </th>
                <th scope="col" className="num">
                  {t("actual")}
                </th>
                <th scope="col">{t("progress")}</th>
                <th scope="col">{t("statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {progress.targets.map((target) => {
                const percentId = `${headingId}-${target.measure}`;
                const measureName = t(`measures.${target.measure}`);
                return (
                  <tr key={target.measure} data-testid={`target-${target.measure}`} data-status={target.status}>
                    <th scope="row" className={styles.measure}>
                      {measureName}
                    </th>
                    <td className="num">{value(target.measure, target.target)}</td>
                    <td className="num" data-testid="target-actual">
                      {target.actual === null ? (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className={styles.reason}>{t(`reason.${target.reason ?? "awaitingVoucherData"}`)}</span>
                        </>
                      ) : (
                        value(target.measure, target.actual)
                      )}
                    </td>
                    <td className={styles.barCell}>
                      {target.progressTenths === null ? (
                        <span className="muted">{t("noProgress")}</span>
                      ) : (
                        <div className={styles.barRow}>
                          <progress
                            className={barTone(target)}
                            value={target.barPercent}
                            max={100}
                            aria-label={t("progressOf", { measure: measureName })}
                            aria-describedby={percentId}
                          />
                          <span id={percentId} className={styles.percent} data-testid="target-percent">
                            {t("percent", { percent: formatTenths(target.progressTenths) })}
                          </span>
                        </div>
                      )}
                    </td>
                    <td>
                      <span className={statusTone(target.status)}>{t(`status.${target.status}`)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <dl className={`facts ${styles.totals}`} data-testid="action-totals">
        <dt>{t("packages")}</dt>
        <dd data-testid="total-packages">
          {t("packagesValue", { count: totals.approvedPackages, budget: wan(totals.packageBudgetFen) })}
        </dd>
        <dt>{t("events")}</dt>
        <dd data-testid="total-events">
          {t("eventsValue", { count: totals.approvedEvents, large: totals.approvedLargeEvents })}
        </dd>
        <dt>{t("eventFigures")}</dt>
        <dd>
          {t("eventFiguresValue", {
            sales: wan(totals.eventSalesFen),
            footfall: value("eventFootfall", totals.eventFootfall),
            reported: totals.eventsWithSales,
            count: totals.approvedEvents,
          })}
        </dd>
        <dt>{t("carriers")}</dt>
        <dd data-testid="total-carriers">
          {t("carriersValue", { count: totals.approvedCarriers, sales: wan(totals.carrierSalesFen), reported: totals.carriersWithSales })}
        </dd>
        <dt>{t("vouchers")}</dt>
        <dd data-testid="total-vouchers">
          {t("vouchersValue", {
            batches: COUNT.format(totals.voucherBatches),
            redemptions: COUNT.format(totals.voucherRedemptions),
            subsidy: wan(totals.voucherSubsidyFen),
            gross: wan(totals.stimulatedSpendingFen),
            leverage: formatLeverage(totals.stimulatedSpendingFen, totals.voucherSubsidyFen) ?? "—",
            merchants: COUNT.format(totals.voucherMerchants),
          })}
        </dd>
      </dl>
      <p className="hint muted">{t("statusHelp")}</p>
    </section>
  );
}
