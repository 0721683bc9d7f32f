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

type Translate = (key: string) => string;

/** Redemptions, subsidy, gross spending and gross leverage per row: the counties' table and the trend's. */
function FiguresTable({ id, caption, firstColumn, rows, locale, t }: { id?: string; caption: string; firstColumn: string; rows: Array<{ key: string; label: string; redemptions: number; subsidyFen: number; grossFen: number }>; locale: Locale; t: Translate }) {
  return (
    <div className="table-wrap">
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {(["redemptions", "subsidyWan", "grossWan", "leverageCol"] as const).map((key) => (
              <th key={key} scope="col" className="num">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatCount(r.redemptions)}</td>
              <td className="num">{tableAmount(r.subsidyFen, locale)}</td>
              <td className="num">{tableAmount(r.grossFen, locale)}</td>
              <td className="num nowrap">{formatLeverage(r.grossFen, r.subsidyFen) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function TableSections({ summary, locale }: { summary: PublicSummary; locale: Locale }) {
  const [t, tEnums] = await Promise.all([getTranslations({ locale, namespace: "public.summary" }), getTranslations({ locale, namespace: "registry.enums" })]);
  const trendPoints = summary.trend.map((m) => ({ label: monthLabel(m.month, false, locale), title: monthLabel(m.month, true, locale), fen: m.grossFen }));
  return (
    <>
      <section aria-labelledby="counties" data-testid="public-counties">
        <h2 id="counties">{t("countiesTitle")}</h2>
        {summary.counties.length === 0 ? (
          <p className="muted">{t("noVouchers")}</p>
        ) : (
          <FiguresTable
            caption={t("countiesCaption")}
            firstColumn={t("county")}
            rows={summary.counties.map((c) => ({ key: c.code ?? c.name, label: c.name, ...c }))}
            locale={locale}
            t={t}
          />
        )}
      </section>

      <section aria-labelledby="trend" data-testid="public-trend">
        <h2 id="trend">{t("trendTitle")}</h2>
        {summary.trend.length === 0 ? (
          <p className="muted">{t("noVouchers")}</p>
        ) : (
          <>
            <div data-testid="public-trend-chart">
              {/* Drawn at two widths (phone, desktop); the stylesheet shows one. */}
              {[
                { width: 360, size: styles.narrow },
                { width: 720, size: styles.wide },
              ].map(({ width, size }) => (
                <MonthlyChart
                  key={width}
                  className={`${styles.chart} ${size}`}
                  width={width}
                  points={trendPoints}
                  title={t("trendChart")}
                  unit={t("wanYuanUnit")}
                  unitDivisor={UNIT_DIVISOR[locale]}
                  tableId="trend-table"
                />
              ))}
            </div>
            <FiguresTable
              id="trend-table"
              caption={t("trendCaption")}
              firstColumn={t("month")}
              rows={summary.trend.map((m) => ({ key: m.month, label: monthLabel(m.month, true, locale), ...m }))}
              locale={locale}
              t={t}
            />
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

