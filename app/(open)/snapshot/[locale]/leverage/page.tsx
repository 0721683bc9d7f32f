import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { PublicHeader } from "../../../_components/public-header";

// What "1 : N" does and does not mean. It holds no figures of the ledger, so it is built once.
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: "public.leverage" });
  return { title: t("title"), description: t("intro") };
}

const KINDS = ["gross", "copay", "floor", "incremental"] as const;
const STUDIES = ["hangzhou", "shaoxing", "jd", "hongKong", "taiwan", "japan"] as const;

export default async function LeverageNote({ params }: { params: Promise<{ locale: string }> }) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "public.leverage" });
  return (
    <>
      <PublicHeader page="leverage" locale={locale} />
      <main id="main">
        <section className="hero">
          <h1>{t("title")}</h1>
          <p className="lead">{t("intro")}</p>
        </section>
        <section className="panel" aria-labelledby="kinds">
          <h2 id="kinds">{t("kindsTitle")}</h2>
          <dl data-testid="leverage-kinds">
            {KINDS.map((k) => (
              <div key={k}>
                <dt>
                  <strong>{t(`kinds.${k}.name`)}</strong>
                </dt>
                <dd>{t(`kinds.${k}.body`)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="grid">
          <section className="panel" aria-labelledby="means">
            <h2 id="means">{t("meansTitle")}</h2>
            <p>{t("means")}</p>
          </section>
          <section className="panel" aria-labelledby="not-means">
            <h2 id="not-means">{t("notMeansTitle")}</h2>
            <p>{t("notMeans")}</p>
          </section>
        </div>
        <section className="panel" aria-labelledby="research">
          <h2 id="research">{t("researchTitle")}</h2>
          <ul>
            {STUDIES.map((s) => (
              <li key={s}>{t(`studies.${s}`)}</li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
