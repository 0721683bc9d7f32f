import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { listInboxEntries } from "@/lib/workflow/queries";
import { DecisionForms } from "./decision-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

export default async function InboxPage() {
  const user = await requirePageUser(["manager"]);
  const [t, tc, locale] = await Promise.all([getTranslations("inbox"), getTranslations("common"), getLocale()]);
  const entries = listInboxEntries({ manager: user });
  // Record types register their names under inbox.types as they arrive; until then the code shows.
  const typeName = (type: string) => (t.has(`types.${type}`) ? t(`types.${type}`) : type);
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        {entries.length > 0 && <span className="muted">{tc("totalRows", { count: entries.length })}</span>}
      </div>
      <p className="muted">{t("intro")}</p>
      {entries.length === 0 ? (
        <section className="panel empty-state" data-testid="inbox-empty" aria-labelledby="inbox-empty-title">
          <div className="empty-icon" aria-hidden="true">✓</div>
          <h2 id="inbox-empty-title">{t("emptyTitle")}</h2>
          <p>{t("empty")}</p>
          <p className="muted">{t("emptyHelp")}</p>
          <Link href="/dashboard" className="button secondary">
            {t("backToDashboard")}
          </Link>
        </section>
      ) : (
        <div className="table-wrap">
          <table data-testid="inbox-table">
            <caption>{t("caption", { count: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("type")}</th>
                <th scope="col">{t("recordTitle")}</th>
                <th scope="col">{t("area")}</th>
                <th scope="col">{t("submittedBy")}</th>
                <th scope="col">{t("submittedAt")}</th>
                <th scope="col">{tc("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="inbox-row">
                  <td>{typeName(entry.entityType)}</td>
                  <td>{entry.title}</td>
                  <td className="nowrap">{locale === "en" ? entry.areaNameEn : entry.areaNameZh}</td>
                  <td>{entry.submitterName}</td>
                  <td className="nowrap">{formatShanghai(entry.submittedAt)}</td>
                  <td>
                    <DecisionForms revisionId={entry.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
