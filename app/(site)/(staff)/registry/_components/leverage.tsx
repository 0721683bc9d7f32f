// Leverage on the campaign, batch and merchant pages: headline figures in 万元, tables in 元,
// gross leverage as 1 : N beside the mechanical floor, budget use against the cap. Server
// components; the pages read the rows through lib/leverage and pass them in.
import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import type { LeverageRow } from "@/lib/leverage/breakdown";
import type { BatchLeverage, CampaignLeverage } from "@/lib/leverage/queries";
import { formatWanYuan, formatYuan } from "@/lib/money/fen";
import { formatTenths } from "@/lib/numbers/percent";
import { recordPath } from "@/lib/registry/types";
import { formatLeverageFloor } from "@/lib/vouchers/floor";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { formatTerms } from "@/lib/vouchers/terms";
import own from "./leverage.module.css";
import styles from "./progress.module.css";

type Translator = Awaited<ReturnType<typeof getTranslations<"leverage">>>;

const COUNT = new Intl.NumberFormat("en-US");
const EMPTY = <span className="muted">—</span>;

const ratio = (row: LeverageRow) => formatLeverage(row.grossFen, row.subsidyFen);
const percent = (t: Translator, tenths: number | null) => (tenths === null ? "—" : t("percent", { percent: formatTenths(tenths) }));

function budgetState(row: LeverageRow): "ok" | "warn" | "over" {
  if (!row.budget) return "ok";
  return row.budget.overCap ? "over" : row.budget.warn ? "warn" : "ok";
}

/** The figures of one campaign or batch as headline facts, money in 万元. */
function Headline({ row, t, testId }: { row: LeverageRow; t: Translator; testId: string }) {
  const wan = (fen: number) => t("wanYuan", { amount: formatWanYuan(fen) });
  const state = budgetState(row);
  const budget = row.budget;
  return (
    <dl className={`facts ${own.headline}`} data-testid={testId}>
      <dt>{t("subsidy")}</dt>
      <dd data-testid="headline-subsidy">{wan(row.subsidyFen)}</dd>
      <dt>{t("gross")}</dt>
      <dd data-testid="headline-gross">{wan(row.grossFen)}</dd>
      <dt>{t("copay")}</dt>
      <dd>{wan(row.copayFen)}</dd>
      <dt>{t("leverage")}</dt>
      <dd data-testid="headline-leverage">{ratio(row) ?? EMPTY}</dd>
      <dt>{t("redemptions")}</dt>
      <dd>{t("redemptionsValue", { count: COUNT.format(row.redemptions), merchants: COUNT.format(row.merchants) })}</dd>
      {row.issued !== null && (
        <>
          <dt>{t("issue")}</dt>
          <dd>
            {t("issueValue", {
              issued: COUNT.format(row.issued),
              claimed: row.claimed === null ? t("claimedUnknown") : t("claimedCount", { count: COUNT.format(row.claimed) }),
            })}
          </dd>
          <dt>{t("rates")}</dt>
          <dd>{t("ratesValue", { claimed: percent(t, row.redemptionRate?.ofClaimed ?? null), issued: percent(t, row.redemptionRate?.ofIssued ?? null) })}</dd>
        </>
      )}
      {budget && (
        <>
          <dt>{t("budget")}</dt>
          <dd data-testid="budget-use" data-state={state}>
            <div className={styles.barRow}>
              <span>
                {budget.budgetUsedTenths === null
                  ? t("budgetNoCap", { used: wan(row.subsidyFen) })
                  : t("budgetValue", { used: wan(row.subsidyFen), cap: wan(budget.budgetCapFen), percent: formatTenths(budget.budgetUsedTenths) })}
              </span>
              {budget.budgetUsedTenths !== null && (
                <progress
                  className={`${styles.bar} ${state === "over" ? styles.bad : state === "warn" ? styles.warn : styles.ok}`}
                  value={Math.min(1000, budget.budgetUsedTenths) / 10}
                  max={100}
                  aria-label={t("budgetBar")}
                />
              )}
              <span className={`badge ${state === "over" ? "bad" : state === "warn" ? "warn" : "ok"}`}>
                {t(state === "over" ? "budgetOver" : state === "warn" ? "budgetWarn" : "budgetOk")}
              </span>
            </div>
          </dd>
        </>
      )}
    </dl>
  );
}

/** Warnings above the figures: the budget at 90 % or past the cap, and imports that passed it. */
function BudgetNotices({ row, t }: { row: LeverageRow; t: Translator }) {
  const state = budgetState(row);
  return (
    <>
      {state === "over" && (
        <p className="notice bad" role="status" data-testid="budget-notice">
          {t("budgetOverNotice")}
        </p>
      )}
      {state === "warn" && (
        <p className="notice warn" role="status" data-testid="budget-notice">
          {t("budgetWarnNotice")}
        </p>
      )}
      {(row.overCapImports ?? 0) > 0 && (
        <p className="notice bad" role="status" data-testid="over-cap-imports">
          {t("overCapImports", { count: row.overCapImports ?? 0 })}
        </p>
      )}
    </>
  );
}

/** The money columns every breakdown shares: redeemed, S, G, G − S, 1 : N. */
function MoneyCells({ row }: { row: LeverageRow }) {
  return (
    <>
      <td className="num">{COUNT.format(row.redemptions)}</td>
      <td className="num">{formatYuan(row.subsidyFen)}</td>
      <td className="num">{formatYuan(row.grossFen)}</td>
      <td className="num">{formatYuan(row.copayFen)}</td>
      <td className="num nowrap" data-testid="row-leverage">
        {ratio(row) ?? EMPTY}
      </td>
    </>
  );
}

const MONEY_HEADERS = ["redeemed", "subsidy", "gross", "copay", "leverage"] as const;

function sumOf(rows: LeverageRow[]): LeverageRow {
  const redemptions = rows.reduce((n, r) => n + r.redemptions, 0);
  const subsidyFen = rows.reduce((n, r) => n + r.subsidyFen, 0);
  const grossFen = rows.reduce((n, r) => n + r.grossFen, 0);
  return { ...rows[0]!, redemptions, subsidyFen, grossFen, copayFen: grossFen - subsidyFen };
}

/** One breakdown as a table: a row header per group, the money columns, and a total (or the whole) at the foot. */
function BreakdownTable({
  rows,
  caption,
  keyHeader,
  renderKey,
  t,
  testId,
  foot,
}: {
  rows: LeverageRow[];
  caption: string;
  keyHeader: string;
  renderKey: (row: LeverageRow) => ReactNode;
  t: Translator;
  testId: string;
  /** The row at the foot: the whole of which these rows are (a part); their sum when omitted. */
  foot?: { label: string; row: LeverageRow }[];
}) {
  const footRows = foot ?? (rows.length > 1 ? [{ label: t("total"), row: sumOf(rows) }] : []);
  return (
    <div className="table-wrap">
      <table className={own.figures} data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            {MONEY_HEADERS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`columns.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`${testId}-row`}>
              <th scope="row">{renderKey(row)}</th>
              <MoneyCells row={row} />
            </tr>
          ))}
        </tbody>
        {footRows.length > 0 && (
          <tfoot>
            {footRows.map((f) => (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                <MoneyCells row={f.row} />
              </tr>
            ))}
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** The campaign page: its figures, budget use against the cap, and a row per batch. */
export async function CampaignLeveragePanel({ leverage }: { leverage: CampaignLeverage }) {
  const [t, tr, locale] = await Promise.all([getTranslations("leverage"), getTranslations("registry"), getLocale().then(resolveLocale)]);
  const { campaign, batches } = leverage;
  return (
    <section className="panel" aria-labelledby="campaign-leverage" data-testid="campaign-leverage">
      <h2 id="campaign-leverage">{t("campaignTitle")}</h2>
      {campaign && <BudgetNotices row={campaign} t={t} />}
      {campaign && <Headline row={campaign} t={t} testId="campaign-figures" />}
      <h3>{t("batches")}</h3>
      {batches.length === 0 ? (
        <p className="muted" data-testid="campaign-no-batches">
          {t("noBatches")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className={own.figures} data-testid="campaign-batches">
            <caption>{t("batchesCaption")}</caption>
            <thead>
              <tr>
                {(["batch", "channel", "terms", "floor", "actual", "issued", "claimed", "redeemed", "rateClaimed", "rateIssued", "subsidy", "gross", "copay"] as const).map((k, i) => (
                  <th key={k} scope="col" className={i >= 5 ? "num" : undefined}>
                    {t(`columns.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {batches.map((row) => {
                const terms = row.batch!;
                return (
                  <tr key={row.key} data-testid="campaign-batch-row" data-batch={terms.code}>
                    <th scope="row" className="nowrap">
                      <Link href={recordPath("batch", row.id!)}>{terms.code}</Link>
                    </th>
                    <td className="nowrap">{tr(`enums.channel.${terms.channel}`)}</td>
                    <td className="nowrap">{formatTerms(terms, locale)}</td>
                    <td className="nowrap" data-testid="row-floor">
                      {formatLeverageFloor(terms) ?? EMPTY}
                    </td>
                    <td className="nowrap" data-testid="row-leverage">
                      {ratio(row) ?? EMPTY}
                    </td>
                    <td className="num">{row.issued === null ? EMPTY : COUNT.format(row.issued)}</td>
                    <td className="num">{row.claimed === null ? EMPTY : COUNT.format(row.claimed)}</td>
                    <td className="num" data-testid="row-redeemed">
                      {COUNT.format(row.redemptions)}
                    </td>
                    <td className="num">{percent(t, row.redemptionRate?.ofClaimed ?? null)}</td>
                    <td className="num">{percent(t, row.redemptionRate?.ofIssued ?? null)}</td>
                    <td className="num" data-testid="row-subsidy">
                      {formatYuan(row.subsidyFen)}
                    </td>
                    <td className="num" data-testid="row-gross">
                      {formatYuan(row.grossFen)}
                    </td>
                    <td className="num">{formatYuan(row.copayFen)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint muted">{t("method")}</p>
    </section>
  );
}

/** The batch page: its redemptions by day, by merchant (the largest, linked), by sector and by the merchants' county. */
export async function BatchLeveragePanel({ leverage }: { leverage: BatchLeverage }) {
  const t = await getTranslations("leverage");
  const { batch, campaign, byDay, topMerchants, bySector, byArea } = leverage;
  // The cap is the campaign's: its warnings show on each of its batches too.
  const notices = campaign && <BudgetNotices row={campaign} t={t} />;
  if (!batch || batch.redemptions === 0) {
    return (
      <section className="panel" aria-labelledby="batch-leverage" data-testid="batch-leverage">
        <h2 id="batch-leverage">{t("batchTitle")}</h2>
        {notices}
        <p className="muted">{t("noData")}</p>
      </section>
    );
  }
  const shownMerchants = topMerchants.filter((r) => r.redemptions > 0 || r.grossFen > 0);
  const others = batch.merchants - shownMerchants.filter((r) => r.redemptions > 0).length;
  const merchantFoot =
    others > 0 && shownMerchants.length > 0
      ? [
          { label: t("otherMerchants", { count: others }), row: { ...batch, ...minus(batch, sumOf(shownMerchants)) } },
          { label: t("total"), row: batch },
        ]
      : [{ label: t("total"), row: batch }];
  return (
    <section className="panel" aria-labelledby="batch-leverage" data-testid="batch-leverage">
      <h2 id="batch-leverage">{t("batchTitle")}</h2>
      {notices}
      <Headline row={batch} t={t} testId="batch-figures" />
      <h3>{t("byDay")}</h3>
      <BreakdownTable rows={byDay} caption={t("byDayCaption")} keyHeader={t("columns.day")} renderKey={(r) => r.key} t={t} testId="batch-by-day" foot={[{ label: t("total"), row: batch }]} />
      <h3>{t("byMerchant")}</h3>
      <BreakdownTable
        rows={shownMerchants}
        caption={t("byMerchantCaption", { shown: shownMerchants.length, count: batch.merchants })}
        keyHeader={t("columns.merchant")}
        renderKey={(r) => <Link href={`/merchants/${r.id}`}>{r.label}</Link>}
        t={t}
        testId="batch-by-merchant"
        foot={merchantFoot}
      />
      <h3>{t("bySector")}</h3>
      <BreakdownTable
        rows={bySector}
        caption={t("bySectorCaption")}
        keyHeader={t("columns.sector")}
        renderKey={(r) => (r.id === null ? <span className="muted">{t("unassignedSector")}</span> : r.label)}
        t={t}
        testId="batch-by-sector"
        foot={[{ label: t("total"), row: batch }]}
      />
      <h3>{t("byArea")}</h3>
      <BreakdownTable
        rows={byArea}
        caption={t("byAreaCaption")}
        keyHeader={t("columns.area")}
        renderKey={(r) => (r.id === null ? <span className="muted">{t("unassignedArea")}</span> : r.label)}
        t={t}
        testId="batch-by-area"
        foot={[{ label: t("total"), row: batch }]}
      />
      <p className="hint muted">{t("method")}</p>
    </section>
  );
}

/** The whole less a part, in integers: what the merchants not listed account for. */
function minus(whole: LeverageRow, part: LeverageRow): Pick<LeverageRow, "redemptions" | "subsidyFen" | "grossFen" | "copayFen"> {
  const subsidyFen = whole.subsidyFen - part.subsidyFen;
  const grossFen = whole.grossFen - part.grossFen;
  return { redemptions: whole.redemptions - part.redemptions, subsidyFen, grossFen, copayFen: grossFen - subsidyFen };
}

/** The merchant page: its redemptions per batch, with the batch's campaign. */
export async function MerchantLeveragePanel({ rows }: { rows: LeverageRow[] }) {
  const t = await getTranslations("leverage");
  return (
    <section className="panel" aria-labelledby="merchant-leverage" data-testid="merchant-leverage">
      <h2 id="merchant-leverage">{t("merchantTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("merchantNone")}</p>
      ) : (
        <>
          <BreakdownTable
            rows={rows}
            caption={t("merchantCaption")}
            keyHeader={`${t("columns.campaign")} / ${t("columns.batch")}`}
            renderKey={(r) => (
              <>
                <Link href={recordPath("campaign", r.batch!.campaignId)}>{r.batch!.campaignName}</Link>
                {" / "}
                <Link href={recordPath("batch", r.id!)}>{r.label}</Link>
              </>
            )}
            t={t}
            testId="merchant-by-batch"
          />
          <p className="hint muted">{t("method")}</p>
        </>
      )}
    </section>
  );
}
