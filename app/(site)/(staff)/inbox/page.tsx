import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RecordValues } from "@/app/(site)/(staff)/registry/_components/record-values";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { resolveLocale } from "@/lib/i18n/locale";
import { getRegistryOptions, parsePayload } from "@/lib/registry/queries";
import { RECORD_TYPES, recordPath, type RecordType } from "@/lib/registry/types";
import { listInboxEntries } from "@/lib/workflow/queries";
import { DecisionForms } from "./decision-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

const registryType = (type: string): RecordType | undefined => RECORD_TYPES.find((t) => t === type);

export default async function InboxPage() {
  const user = await requirePageUser(["manager"]);
  const [t, tc, tr, locale] = await Promise.all([
    getTranslations("inbox"),
    getTranslations("common"),
    getTranslations("registry"),
    getLocale().then(resolveLocale),
  ]);
  const entries = listInboxEntries({ manager: user });
  const options = entries.length > 0 ? await getRegistryOptions(locale) : undefined;
  // Registry types are named in the registry's messages; any other type shows its code.
  const typeName = (type: string) => {
    const registry = registryType(type);
    return registry ? tr(`types.${registry}`) : type;
  };
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
              {entries.map((entry) => {
                const type = registryType(entry.entityType);
                return (
                  <tr key={entry.id} data-testid="inbox-row">
                    <td className="nowrap">{typeName(entry.entityType)}</td>
                    <td>
                      {type && entry.entityId !== null ? <Link href={recordPath(type, entry.entityId)}>{entry.title}</Link> : entry.title}
                      {type && options && (
                        <details className="inbox-values" data-testid="inbox-values">
                          <summary>{tr("submittedValues")}</summary>
                          <RecordValues type={type} raw={parsePayload(entry.payload)} options={options} />
                        </details>
                      )}
                    </td>
                    <td className="nowrap">{locale === "en" ? entry.areaNameEn : entry.areaNameZh}</td>
                    <td>{entry.submitterName}</td>
                    <td className="nowrap">{formatShanghai(entry.submittedAt)}</td>
                    <td>
                      <DecisionForms revisionId={entry.id} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
