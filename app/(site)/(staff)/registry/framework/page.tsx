import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Policy } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { policyOfAction, type FrameworkBranch } from "@/lib/registry/framework";
import type { ApprovedActionProgress } from "@/lib/registry/progress";
import { getFramework } from "@/lib/registry/progress-queries";
import { recordPath } from "@/lib/registry/types";
import { ActionProgressPanel, statusTone } from "../_components/action-progress";
import styles from "../_components/progress.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("framework"))("title") };
}

type Translator = Awaited<ReturnType<typeof getTranslations<"framework">>>;

function policyMeta(t: Translator, policy: Policy): string {
  return t("policyMeta", { docNumber: policy.docNumber, issuedOn: policy.issuedOn, level: t(`levels.${policy.level}`) });
}

async function ActionCards({ items, branch }: { items: ApprovedActionProgress[]; branch?: FrameworkBranch }) {
  const [t, tp, locale] = await Promise.all([getTranslations("framework"), getTranslations("progress"), getLocale().then(resolveLocale)]);
  if (items.length === 0) return <p className="muted">{t("noActions")}</p>;
  return (
    <ol className={styles.actions}>
      {items.map(({ action, leadDepartmentZh, leadDepartmentEn, progress }) => {
        const title = locale === "en" ? action.titleEn : action.titleZh;
        const policy = branch && policyOfAction(branch, action.policyId);
        const summary =
          progress.status === "notStarted"
            ? t("summaryNotStarted", { date: progress.startsOn })
            : progress.status === "noTargets"
              ? t("summaryNoTargets")
              : progress.judged === 0
                ? t("summaryAwaiting", { count: progress.awaiting })
                : `${t(progress.share.phase === "after" ? "summaryAchieved" : "summaryOnTrack", { onTrack: progress.onTrack, judged: progress.judged })}${
                    progress.awaiting > 0 ? t("summaryAlsoAwaiting", { count: progress.awaiting }) : ""
                  }`;
        return (
          <li key={action.id} className={styles.action} data-testid="framework-action" data-number={action.number}>
            <div className={styles.actionHead}>
              <span className={styles.number}>{action.number}</span>
              <div>
                <h4>
                  <Link href={recordPath("action", action.id)}>{title}</Link>
                </h4>
                <p className="muted">
                  {t("actionMeta", {
                    start: action.startsOn,
                    end: action.endsOn,
                    lead: locale === "en" ? leadDepartmentEn : leadDepartmentZh,
                  })}
                  {policy && policy.kind === "supporting" ? ` · ${t("underPolicy", { docNumber: policy.docNumber })}` : ""}
                </p>
              </div>
              <div className={styles.summary}>
                <span className={statusTone(progress.status)} data-testid="framework-action-status">
                  {tp(`status.${progress.status}`)}
                </span>
                <span data-testid="framework-action-summary">{summary}</span>
              </div>
            </div>
            <details>
              <summary>{t("showTargets")}</summary>
              <div>
                <ActionProgressPanel progress={progress} variant="embedded" headingLevel={5} />
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}

export default async function FrameworkPage() {
  await requirePageUser();
  const t = await getTranslations("framework");
  const framework = getFramework();
  const empty = framework.branches.length === 0 && framework.otherActions.length === 0;
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <span className="muted">{t("asOf", { date: framework.today })}</span>
      </div>
      <p className="muted">{t("intro")}</p>
      <p className={styles.openData}>
        {t("openData")} <a href="/api/open/actions">JSON</a> · <a href="/api/open/actions?format=csv">CSV</a>
      </p>

      {empty ? (
        <section className="panel empty-state" data-testid="framework-empty">
          <h2>{t("emptyTitle")}</h2>
          <p className="muted">{t("emptyBody")}</p>
        </section>
      ) : null}

      {framework.branches.map((branch) => (
        <section key={branch.master.id} className="panel" aria-labelledby={`policy-${branch.master.id}`} data-testid="framework-branch">
          <div className="stat-label">{t("master")}</div>
          <h2 id={`policy-${branch.master.id}`}>{branch.master.title}</h2>
          <p className={styles.policyMeta}>{policyMeta(t, branch.master)}</p>

          <h3>{t("supportingTitle", { count: branch.supporting.length })}</h3>
          {branch.supporting.length === 0 ? (
            <p className="muted">{t("noSupporting")}</p>
          ) : (
            <ul className={styles.supporting} data-testid="framework-supporting">
              {branch.supporting.map((policy) => (
                <li key={policy.id}>
                  <strong>{policy.title}</strong> <span className="muted">{policyMeta(t, policy)}</span>
                </li>
              ))}
            </ul>
          )}

          <h3>{t("actionsTitle", { count: branch.actions.length })}</h3>
          <ActionCards items={branch.actions} branch={branch} />
        </section>
      ))}

      {framework.otherActions.length > 0 ? (
        <section className="panel" aria-labelledby="other-actions" data-testid="framework-other">
          <h2 id="other-actions">{t("otherActions")}</h2>
          <p className="muted">{t("otherActionsHelp")}</p>
          <ActionCards items={framework.otherActions} />
        </section>
      ) : null}
    </>
  );
}
