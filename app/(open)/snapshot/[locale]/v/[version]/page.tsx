import { getTranslations, setRequestLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { getPublicAreas } from "@/lib/public/home";
import { PublicHeader } from "../../../../_components/public-header";

// Rendered once per data version and language (lib/public/routes.ts), then served from the cache.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams() {
  return [];
}

export default async function PublicHome({ params }: { params: Promise<{ locale: string; version: string }> }) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const [t, tLevels] = await Promise.all([getTranslations({ locale, namespace: "home" }), getTranslations({ locale, namespace: "areaLevels" })]);
  const areas = getPublicAreas();
  const name = (a: { nameZh: string; nameEn: string }) => (locale === "en" ? a.nameEn : a.nameZh);
  const city = areas.find((a) => a.level === "city");
  const counties = areas.filter((a) => a.level !== "city");
  return (
    <>
      <PublicHeader page="" locale={locale} />
      <main id="main">
        <section className="hero">
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </section>
        <div className="grid">
          <section className="panel" aria-labelledby="what">
            <h2 id="what">{t("whatTitle")}</h2>
            <ul>
              <li>{t("whatPolicies")}</li>
              <li>{t("whatActions")}</li>
              <li>{t("whatPackages")}</li>
              <li>{t("whatVouchers")}</li>
            </ul>
          </section>
          <section className="panel" aria-labelledby="leverage">
            <h2 id="leverage">{t("leverageTitle")}</h2>
            <p>{t("leverageBody")}</p>
          </section>
        </div>
        <section className="panel" aria-labelledby="areas">
          <h2 id="areas">{t("areasTitle")}</h2>
          {areas.length === 0 ? (
            <p className="muted">{t("areasEmpty")}</p>
          ) : (
            <>
              {city && (
                <p>
                  <strong>{name(city)}</strong> <span className="mono">{city.code}</span> · {t("countiesCount", { count: counties.filter((a) => a.level === "county").length })}
                </p>
              )}
              <ul className="plain" data-testid="public-areas" style={{ columns: "14rem" }}>
                {counties.map((a) => (
                  <li key={a.id}>
                    {name(a)} <span className="muted mono">{a.code ?? tLevels(a.level)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
    </>
  );
}
