import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { formatShanghai } from "@/lib/datetime";
import { resolveLocale } from "@/lib/i18n/locale";
import { OPEN_ENDPOINT_NAMES } from "@/lib/open/endpoints";
import { COMMON_FIELDS, DOCUMENT_FIELDS, OPEN_DATA_TABLES, type FieldDoc } from "@/lib/open/fields";
import { OPEN_DATA_LICENCE } from "@/lib/open/response";
import { getOpenDataUpdatedAt } from "@/lib/public/open-data";
import { publicHref } from "@/lib/public/routes";
import { PublicHeader } from "../../../../../_components/public-header";

// The open data's documentation (it shows the update time). The same bytes go to every visitor
// (lib/public/snapshot-store.ts): no cookies, session or headers here. Rendered only when the
// proxy's snapshot store asks (once per data version and language, and again after five minutes
// while visited), never kept by Next: the store holds it, in memory and bounded, where Next's own
// cache would keep a copy on disk for every version ever shown.
export const dynamic = "force-dynamic";

const LEVERAGE_KINDS = ["gross", "copay", "floor", "incremental"] as const;
const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "public.openData" });
  return { title: t("title"), description: t("description") };
}

export default async function OpenDataPage({ params }: { params: Promise<{ locale: string; version: string }> }) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "public.openData" });
  const updatedAt = getOpenDataUpdatedAt();

  const fieldTable = (id: string, caption: string, fields: readonly FieldDoc[]) => (
    <div className="table-wrap">
      <table data-testid={`open-data-fields-${id}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("field")}</th>
            <th scope="col">{t("unitHeader")}</th>
            <th scope="col">{t("definition")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map(([name, unit, definition]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>{t(`units.${unit}`)}</td>
              <td>{t(`fields.${definition ?? name}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <>
      <PublicHeader page="open-data" locale={locale} />
      <main id="main">
        <section className="hero">
          <h1>{t("title")}</h1>
          <p className="lead">{t("intro")}</p>
          <p data-testid="open-data-updated">
            <strong>{t("updatedTitle")}</strong> ·{" "}
            {t("updated", { time: formatShanghai(updatedAt) })}
          </p>
        </section>

        <div className="grid">
          <section className="panel" aria-labelledby="licence" data-testid="open-data-licence">
            <h2 id="licence">{t("licenceTitle")}</h2>
            <p>
              <strong>{OPEN_DATA_LICENCE}</strong> · {t("licence")}
            </p>
            <p>
              <a href={LICENCE_URL} rel="license">
                {t("licenceLink")}
              </a>
            </p>
          </section>
          <section className="panel" aria-labelledby="usage">
            <h2 id="usage">{t("usageTitle")}</h2>
            <p>{t("usage")}</p>
            <h3>{t("cachingTitle")}</h3>
            <p>{t("caching")}</p>
          </section>
        </div>

        <section className="panel" aria-labelledby="endpoints">
          <h2 id="endpoints">{t("endpointsTitle")}</h2>
          <div className="table-wrap">
            <table data-testid="open-data-endpoints">
              <thead>
                <tr>
                  <th scope="col">{t("endpoint")}</th>
                  <th scope="col">{t("formats")}</th>
                  <th scope="col">{t("rows")}</th>
                </tr>
              </thead>
              <tbody>
                {OPEN_ENDPOINT_NAMES.map((name) => (
                  <tr key={name}>
                    <th scope="row">
                      <a href={`#${name}`}>{t(`endpoints.${name}.name`)}</a>
                      <br />
                      <code>GET /api/open/{name}</code>
                    </th>
                    <td>
                      <a href={`/api/open/${name}`}>JSON</a> · <a href={`/api/open/${name}?format=csv`}>CSV</a>
                    </td>
                    <td>{t(`endpoints.${name}.rows`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {fieldTable("common", t("commonTitle"), COMMON_FIELDS)}
        </section>

        {OPEN_DATA_TABLES.map((doc) => (
          <section key={doc.key} className="panel" aria-labelledby={doc.key} data-testid={`open-data-endpoint-${doc.key}`}>
            <h2 id={doc.key}>{t(`endpoints.${doc.key}.name`)}</h2>
            {doc.key !== "actionTargets" && (
              <p>
                <code>GET /api/open/{doc.key}</code> · <code>GET /api/open/{doc.key}?format=csv</code>
              </p>
            )}
            <p>{t(`endpoints.${doc.key}.body`)}</p>
            {fieldTable(doc.key, doc.list ? `${t("field")}: ${doc.list}[]` : t(`endpoints.${doc.key}.name`), [
              ...(doc.key === "actionTargets" ? [] : DOCUMENT_FIELDS[doc.key]),
              ...doc.fields,
            ])}
          </section>
        ))}

        <section className="panel" aria-labelledby="leverage-kinds" data-testid="open-data-leverage">
          <h2 id="leverage-kinds">{t("leverageTitle")}</h2>
          <ul>
            {LEVERAGE_KINDS.map((k) => (
              <li key={k}>{t(`leverageKinds.${k}`)}</li>
            ))}
          </ul>
          <p>
            {t("leverageIntro")} <a href={publicHref("leverage", locale)}>{t("leverageLink")}</a>
          </p>
        </section>
      </main>
    </>
  );
}
