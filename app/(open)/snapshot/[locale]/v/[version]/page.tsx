import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { resolveLocale } from "@/lib/i18n/locale";
import { formatGrowth, formatIndicatorPeriod, formatRank } from "@/lib/indicators/format";
import { formatTenths } from "@/lib/numbers/percent";
import { headlineAmount, tableAmount } from "@/lib/public/format";
import { getPublicSummary } from "@/lib/public/home";
import { publicHref } from "@/lib/public/routes";
import type { IndicatorHeadline, PublicEvent, PublicSummary } from "@/lib/public/summary";
import { MEASURES } from "@/lib/registry/measures";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { MonthlyChart } from "../../../../_components/monthly-chart";
import { PublicHeader } from "../../../../_components/public-header";
import styles from "./page.module.css";

// Rendered once per data version and language (lib/public/routes.ts), then served from the cache:
// nothing here may read cookies, headers or the session.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams() {
  return [];
}

type Params = { params: Promise<{ locale: string; version: string }> };

const cityName = (summary: PublicSummary, locale: Locale) => summary.headline.city?.name ?? (locale === "en" ? "the city" : "本市");

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const locale = resolveLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "public.summary" });
  const city = cityName(getPublicSummary(locale), locale);
  const title = t("metaTitle", { city });
  const description = t("metaDescription", { city });
  // The visitor's address, not the snapshot's: relative, so it holds on any host.
  const url = publicHref("", locale);
  return {
    title,
    description,
    alternates: { canonical: url, languages: { "zh-CN": publicHref("", "zh-CN"), en: publicHref("", "en") } },
    openGraph: { title, description, type: "website", locale: locale === "en" ? "en_US" : "zh_CN", url },
  };
}

const UNIT_DIVISOR: Record<Locale, bigint> = { "zh-CN": 1_000_000n, en: 100_000_000n };

export default async function PublicHome({ params }: Params) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const [t, tProgress, tEnums] = await Promise.all([
    getTranslations({ locale, namespace: "public.summary" }),
    getTranslations({ locale, namespace: "progress" }),
    getTranslations({ locale, namespace: "registry.enums" }),
  ]);
  const summary = getPublicSummary(locale);
  const { headline } = summary;
  const { vouchers } = headline;
  const en = locale === "en";
  const number = (n: number) => n.toLocaleString("en-US");
  const money = (fen: number) => {
    const { amount, unit } = headlineAmount(fen, locale);
    return t(`units.${unit}`, { amount });
  };
  const monthLabel = (month: string, long: boolean) => {
    const [y, m] = month.split("-").map(Number) as [number, number];
    if (!en) return long ? `${y}年${m}月` : `${m}月`;
    const name = new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "short", timeZone: "UTC" });
    return long ? `${name} ${y}` : name;
  };
  const updated = new Date(summary.updatedAt).toLocaleString(en ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long", timeStyle: "short" });
  const city = cityName(summary, locale);
  const trendPoints = summary.trend.map((m) => ({ label: monthLabel(m.month, false), title: monthLabel(m.month, true), fen: m.grossFen }));

  return (
    <>
      <PublicHeader page="" locale={locale} />
      <main id="main" className={styles.page}>
        <section className="hero">
          <h1>{t("title", { city })}</h1>
          <p className="lead">{t("lead")}</p>
          <p className="muted">
            <time dateTime={summary.updatedAt} data-testid="public-updated">
              {t("updated", { time: updated })}
            </time>
          </p>
        </section>

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
                {t("leverageExplain")} <Link href={publicHref("leverage", locale)}>{t("leverageLink")}</Link>
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

        <section aria-labelledby="actions" data-testid="public-actions">
          <h2 id="actions">{t("actionsTitle")}</h2>
          <p className="muted">{t("actionsIntro")}</p>
          {summary.actions.length === 0 ? (
            <p className="muted">{t("noActions")}</p>
          ) : (
            <ol className={styles.actions}>
              {summary.actions.map((a) => (
                <li key={a.number} className={styles.action}>
                  <h3>
                    {a.number}. {a.title}
                  </h3>
                  <p className={styles.actionMeta}>
                    <span className={`badge ${statusTone(a.status)}`}>{tProgress(`status.${a.status}`)}</span> {t("actionLead", { department: a.leadDepartment })}
                    <br />
                    {t("actionPeriod", { start: a.startsOn, end: a.endsOn })}
                  </p>
                  <ul className={styles.targets}>
                    {a.targets.map((target) => {
                      const unit = en ? MEASURES[target.measure as keyof typeof MEASURES]?.unitEn : MEASURES[target.measure as keyof typeof MEASURES]?.unitZh;
                      const bare = (v: number) => (target.money ? tableAmount(v, locale) : number(v));
                      const show = (v: number) => `${bare(v)} ${target.money ? t("wanYuanUnit") : (unit ?? "")}`.trim();
                      return (
                        <li key={target.measure}>
                          <span className={styles.targetName}>{tProgress(`measures.${target.measure}` as "measures.packages")}</span>
                          <span className={styles.targetValue}>
                            {target.actual === null ? tProgress("noProgress") : t("targetValue", { actual: bare(target.actual), target: show(target.target) })}
                            {target.progressTenths !== null && ` (${formatTenths(target.progressTenths)}%)`}
                          </span>
                          <span className={styles.bar} aria-hidden="true">
                            <span style={{ width: `${Math.min(100, (target.progressTenths ?? 0) / 10)}%` }} className={target.status === "achieved" || target.status === "onTrack" ? styles.barOk : styles.barShort} />
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section aria-labelledby="counties" data-testid="public-counties">
          <h2 id="counties">{t("countiesTitle")}</h2>
          {summary.counties.length === 0 ? (
            <p className="muted">{t("noVouchers")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t("countiesCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("county")}</th>
                    <th scope="col" className="num">
                      {t("redemptions")}
                    </th>
                    <th scope="col" className="num">
                      {t("subsidyWan")}
                    </th>
                    <th scope="col" className="num">
                      {t("grossWan")}
                    </th>
                    <th scope="col" className="num">
                      {t("leverageCol")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.counties.map((c) => (
                    <tr key={c.code ?? c.name}>
                      <th scope="row">{c.name}</th>
                      <td className="num">{number(c.redemptions)}</td>
                      <td className="num">{tableAmount(c.subsidyFen, locale)}</td>
                      <td className="num">{tableAmount(c.grossFen, locale)}</td>
                      <td className="num nowrap">{c.grossLeverage ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="trend" data-testid="public-trend">
          <h2 id="trend">{t("trendTitle")}</h2>
          {summary.trend.length === 0 ? (
            <p className="muted">{t("noVouchers")}</p>
          ) : (
            <>
              <div data-testid="public-trend-chart">
                <MonthlyChart className={`${styles.chart} ${styles.narrow}`} width={360}
                points={trendPoints}
                title={t("trendChart")}
                unit={t("wanYuanUnit")}
                unitDivisor={UNIT_DIVISOR[locale]}
                tableId="trend-table"
                />
                <MonthlyChart className={`${styles.chart} ${styles.wide}`} width={720}
                points={trendPoints}
                title={t("trendChart")}
                unit={t("wanYuanUnit")}
                unitDivisor={UNIT_DIVISOR[locale]}
                tableId="trend-table"
                />
              </div>
              <div className="table-wrap">
                <table id="trend-table">
                  <caption>{t("trendCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("month")}</th>
                      <th scope="col" className="num">
                        {t("redemptions")}
                      </th>
                      <th scope="col" className="num">
                        {t("subsidyWan")}
                      </th>
                      <th scope="col" className="num">
                        {t("grossWan")}
                      </th>
                      <th scope="col" className="num">
                        {t("leverageCol")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.trend.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthLabel(m.month, true)}</th>
                        <td className="num">{number(m.redemptions)}</td>
                        <td className="num">{tableAmount(m.subsidyFen, locale)}</td>
                        <td className="num">{tableAmount(m.grossFen, locale)}</td>
                        <td className="num nowrap">{formatLeverage(m.grossFen, m.subsidyFen) ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>

        <section aria-labelledby="carriers" data-testid="public-carriers">
          <h2 id="carriers">{t("carriersTitle")}</h2>
          {summary.carriers.total === 0 ? (
            <p className="muted">{t("noCarriers")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t("carriersCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("county")}</th>
                    {summary.carriers.kinds.map((k) => (
                      <th key={k} scope="col" className="num">
                        {tEnums(`carrierKind.${k}`)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t("total")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.carriers.rows.map((r) => (
                    <tr key={r.code ?? r.name}>
                      <th scope="row">{r.name}</th>
                      {summary.carriers.kinds.map((k) => (
                        <td key={k} className="num">
                          {r.byKind[k]}
                        </td>
                      ))}
                      <td className="num">{r.total}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("total")}</th>
                    {summary.carriers.kinds.map((k) => (
                      <td key={k} className="num">
                        {summary.carriers.byKind[k]}
                      </td>
                    ))}
                    <td className="num">{summary.carriers.total}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="events" data-testid="public-events">
          <h2 id="events">{t("eventsTitle")}</h2>
          <div className={styles.twoColumns}>
            <EventTable
              heading={t("upcomingTitle")}
              caption={t("eventsCaptionUpcoming", { date: summary.asOf })}
              empty={t("noUpcoming")}
              events={summary.events.upcoming}
              labels={{ name: t("eventName"), dates: t("eventDates"), county: t("eventCounty"), large: t("largeScale") }}
              dates={(e) => t("dates", { from: e.startsOn, to: e.endsOn })}
              testId="public-events-upcoming"
            />
            <EventTable
              heading={t("recentTitle")}
              caption={t("eventsCaptionRecent", { date: summary.asOf })}
              empty={t("noRecent")}
              events={summary.events.recent}
              labels={{ name: t("eventName"), dates: t("eventDates"), county: t("eventCounty"), large: t("largeScale") }}
              dates={(e) => t("dates", { from: e.startsOn, to: e.endsOn })}
              testId="public-events-recent"
            />
          </div>
        </section>

        <section aria-labelledby="policies" data-testid="public-policies">
          <h2 id="policies">{t("policiesTitle")}</h2>
          <p className="muted">{t("policiesIntro")}</p>
          {summary.policies.length === 0 ? (
            <p className="muted">{t("noPolicies")}</p>
          ) : (
            <ul className={styles.policies}>
              {summary.policies.map((p) => (
                <li key={`${p.docNumber}-${p.title}`} className={p.kind === "master" ? styles.master : undefined}>
                  {p.link ? (
                    <a href={p.link} rel="noopener noreferrer" lang="zh-CN">
                      {p.title}
                    </a>
                  ) : (
                    <span lang="zh-CN">{p.title}</span>
                  )}
                  <br />
                  <span className={styles.note}>
                    {t("policyMeta", {
                      docNumber: p.docNumber,
                      issuedOn: p.issuedOn,
                      area: p.area,
                      level: tEnums(`policyLevel.${p.level}`),
                      kind: tEnums(`policyKind.${p.kind}`),
                      effect: tEnums(`policyEffect.${p.effect as "in_force"}`),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="open-data" className="panel">
          <h2 id="open-data">{t("openDataTitle")}</h2>
          <p>
            {t("openDataBody")} <Link href={publicHref("open-data", locale)}>{t("openDataLink")}</Link>
          </p>
        </section>
      </main>
    </>
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

function statusTone(status: string): string {
  if (status === "achieved" || status === "onTrack") return "ok";
  if (status === "missed" || status === "behind") return "bad";
  return "";
}

function EventTable(props: {
  heading: string;
  caption: string;
  empty: string;
  events: readonly PublicEvent[];
  labels: { name: string; dates: string; county: string; large: string };
  dates: (e: PublicEvent) => string;
  testId: string;
}) {
  const { heading, caption, empty, events, labels, dates, testId } = props;
  return (
    <div data-testid={testId}>
      <h3>{heading}</h3>
      {events.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.name}</th>
                <th scope="col">{labels.dates}</th>
                <th scope="col">{labels.county}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.name}-${e.startsOn}-${i}`}>
                  <th scope="row">
                    <span lang="zh-CN">{e.name}</span> {e.largeScale && <span className="badge">{labels.large}</span>}
                  </th>
                  <td className={styles.dates}>{dates(e)}</td>
                  <td>{e.county}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
