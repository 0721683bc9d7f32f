// The public page's tables: counties, the monthly trend (chart and table), e-commerce carriers,
// events and the "1+N" policy documents. Every chart has its table.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { formatCount, monthLabel, tableAmount } from "@/lib/public/format";
import type { PublicEvent, PublicSummary } from "@/lib/public/summary";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { MonthlyChart } from "../../../../../_components/monthly-chart";
import styles from "../page.module.css";

const UNIT_DIVISOR: Record<Locale, bigint> = { "zh-CN": 1_000_000n, en: 100_000_000n };

export async function TableSections({ summary, locale }: { summary: PublicSummary; locale: Locale }) {
  const [t, tEnums] = await Promise.all([getTranslations({ locale, namespace: "public.summary" }), getTranslations({ locale, namespace: "registry.enums" })]);
  const number = formatCount;
  const trendPoints = summary.trend.map((m) => ({ label: monthLabel(m.month, false, locale), title: monthLabel(m.month, true, locale), fen: m.grossFen }));
  return (
    <>
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
                      <th scope="row">{monthLabel(m.month, true, locale)}</th>
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
    </>
  );
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

