import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { resolveLocale } from "@/lib/i18n/locale";
import { getPublicSummary } from "@/lib/public/home";
import { publicHref } from "@/lib/public/routes";
import type { PublicSummary } from "@/lib/public/summary";
import { PublicHeader } from "../../../../_components/public-header";
import { ActionsSection } from "./_components/actions";
import { HeadlineSection } from "./_components/headline";
import { TableSections } from "./_components/tables";
import styles from "./page.module.css";

// The same bytes go to every visitor (lib/public/snapshot-store.ts): nothing here may read cookies,
// headers or the session. Rendered only when the proxy's snapshot store asks (once per data version
// and language, and again after five minutes while visited), never kept by Next: the store holds
// it, in memory and bounded, where Next's own cache would keep a copy on disk for every version
// ever shown.
export const dynamic = "force-dynamic";

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

export default async function PublicHome({ params }: Params) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "public.summary" });
  const summary = getPublicSummary(locale);
  const en = locale === "en";
  const updated = new Date(summary.updatedAt).toLocaleString(en ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long", timeStyle: "short" });
  const city = cityName(summary, locale);

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

        <HeadlineSection summary={summary} locale={locale} />
        <ActionsSection summary={summary} locale={locale} />
        <TableSections summary={summary} locale={locale} />

        <section aria-labelledby="open-data" className="panel">
          <h2 id="open-data">{t("openDataTitle")}</h2>
          <p>
            {t("openDataBody")} <a href={publicHref("open-data", locale)}>{t("openDataLink")}</a>
          </p>
        </section>
      </main>
    </>
  );
}
