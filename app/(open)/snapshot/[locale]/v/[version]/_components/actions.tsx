// The Ten Actions on the public page: each action's targets against its approved records.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { formatTenths } from "@/lib/numbers/percent";
import { formatCount, tableAmount } from "@/lib/public/format";
import type { PublicSummary } from "@/lib/public/summary";
import { MEASURES } from "@/lib/registry/measures";
import styles from "../page.module.css";

export async function ActionsSection({ summary, locale }: { summary: PublicSummary; locale: Locale }) {
  const [t, tProgress] = await Promise.all([getTranslations({ locale, namespace: "public.summary" }), getTranslations({ locale, namespace: "progress" })]);
  const en = locale === "en";
  const number = formatCount;
  return (
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
  );
}

function statusTone(status: string): string {
  if (status === "achieved" || status === "onTrack") return "ok";
  if (status === "missed" || status === "behind") return "bad";
  return "";
}

