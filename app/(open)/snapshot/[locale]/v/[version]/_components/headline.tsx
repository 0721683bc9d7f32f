// The public page's headline figures: published retail statistics, the vouchers' gross figures
// with the gross leverage labelled and explained, the incremental estimates beside it, and counts.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { formatGrowth, formatIndicatorPeriod, formatRank } from "@/lib/indicators/format";
import { formatCount, headlineAmount } from "@/lib/public/format";
import { publicHref } from "@/lib/public/routes";
import type { IndicatorHeadline, PublicSummary } from "@/lib/public/summary";
import styles from "../page.module.css";

export async function HeadlineSection({ summary, locale }: { summary: PublicSummary; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "public.summary" });
  const en = locale === "en";
  const number = formatCount;
  const money = (fen: number) => {
    const { amount, unit } = headlineAmount(fen, locale);
    return t(`units.${unit}`, { amount });
  };
  const { headline } = summary;
  const { vouchers } = headline;
  return (
    <section aria-labelledby="headline" data-testid="public-headline">
      <h2 id="headline">{t("headlineTitle")}</h2>
      <dl className={styles.figures}>
        {headline.retailSales && <IndicatorFigure figure={headline.retailSales} label={t("retailSales")} testId="headline-retail-sales" />}
        {headline.onlineRetailSales && <IndicatorFigure figure={headline.onlineRetailSales} label={t("onlineRetailSales")} testId="headline-online-retail-sales" />}
        <div className={styles.figure}>
          <dt>{t("vouchersIssued")}</dt>
          <dd className={styles.value} data-testid="headline-issued" data-fen={vouchers.issuedFaceFen}>
            {money(vouchers.issuedFaceFen)}
          </dd>
          <dd className={styles.note}>{t("vouchersIssuedValue", { count: number(vouchers.issuedVouchers), batches: number(vouchers.batches) })}</dd>
        </div>
        <div className={styles.figure}>
          <dt>{t("subsidy")}</dt>
          <dd className={styles.value} data-testid="headline-subsidy" data-fen={vouchers.subsidyFen}>
            {money(vouchers.subsidyFen)}
          </dd>
          <dd className={styles.note}>
            {t("subsidyValue", { count: number(vouchers.redeemedVouchers) })}
            {vouchers.from && vouchers.to && (
              <>
                <br />
                {t("voucherPeriod", { from: vouchers.from, to: vouchers.to })}
              </>
            )}
          </dd>
        </div>
        <div className={`${styles.figure} ${styles.gross}`}>
          <dt>{t("gross")}</dt>
          <dd className={styles.value} data-testid="headline-gross" data-fen={vouchers.grossFen}>
            {money(vouchers.grossFen)}
          </dd>
          <dd className={styles.note}>{t("grossValue")}</dd>
        </div>
        <div className={`${styles.figure} ${styles.leverage}`}>
          <dt>{t("leverage")}</dt>
          <dd className={styles.value} data-testid="headline-leverage">
            {vouchers.grossLeverage ?? "—"}
          </dd>
          <dd className={styles.note}>{t("leverageValue")}</dd>
          <dd className={styles.explain}>
            {t("leverageExplain")} <a href={publicHref("leverage", locale)}>{t("leverageLink")}</a>
          </dd>
        </div>
        <div className={styles.figure}>
          <dt>{t("packages")}</dt>
          <dd className={styles.value} data-testid="headline-packages" data-count={headline.packages}>
            {number(headline.packages)}
          </dd>
          <dd className={styles.note}>{t("packagesValue")}</dd>
        </div>
        <div className={styles.figure}>
          <dt>{t("events")}</dt>
          <dd className={styles.value} data-testid="headline-events" data-count={headline.events}>
            {number(headline.events)}
          </dd>
          <dd className={styles.note}>{t("eventsValue", { large: number(headline.largeEvents) })}</dd>
        </div>
      </dl>
      <div className={styles.incremental} data-testid="headline-incremental">
        <h3>{t("incrementalTitle")}</h3>
        {headline.incremental.length === 0 ? (
          <p className="muted">{t("incrementalNone")}</p>
        ) : (
          <ul>
            {headline.incremental.map((e) => (
              <li key={e.campaignCode}>
                {t("incrementalItem", {
                  campaign: e.campaignName,
                  sectors: e.sectors.join(en ? ", " : "、"),
                  amount: money(e.incrementalFen),
                  low: money(e.incrementalLowFen),
                  high: money(e.incrementalHighFen),
                  gross: money(e.grossFen),
                  subsidy: money(e.subsidyFen),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );

  function IndicatorFigure({ figure, label, testId }: { figure: IndicatorHeadline; label: string; testId: string }) {
    const growth = figure.yoyTenths === null ? null : formatGrowth(figure.yoyTenths);
    const rank = figure.rank !== null && figure.rankOf !== null ? formatRank(figure.rank, figure.rankOf) : null;
    return (
      <div className={styles.figure}>
        <dt>
          {label}
          <span className={styles.period}>{formatIndicatorPeriod("cumulative", figure.month, locale, figure.year)}</span>
        </dt>
        <dd className={styles.value} data-testid={testId} data-fen={figure.valueFen}>
          {money(figure.valueFen)}
        </dd>
        {growth && (
          <dd className={styles.note} data-testid={`${testId}-growth`}>
            {rank ? t("growthRank", { growth, rank }) : t("growthOnly", { growth })}
          </dd>
        )}
        <dd className={styles.source}>
          {t("source", { source: figure.source })}
          {figure.demo && <span className="badge warn">{t("demoFigure")}</span>}
        </dd>
      </div>
    );
  }
}
