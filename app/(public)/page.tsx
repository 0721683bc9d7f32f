import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getPublicAreas } from "@/lib/public/home";
import { getSessionUser } from "@/lib/auth/session";

export default async function HomePage() {
  const [t, tLevels, locale, areas, user] = await Promise.all([
    getTranslations("home"),
    getTranslations("areaLevels"),
    getLocale(),
    getPublicAreas(),
    getSessionUser(),
  ]);
  const name = (a: { nameZh: string; nameEn: string }) => (locale === "en" ? a.nameEn : a.nameZh);
  const city = areas.find((a) => a.level === "city");
  const counties = areas.filter((a) => a.level !== "city");
  return (
    <>
      <section className="hero">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <Link className="button" href={user ? "/dashboard" : "/login"}>
          {user ? t("dashboardCta") : t("loginCta")}
        </Link>
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
                <strong>{name(city)}</strong> <span className="mono">{city.code}</span> ·{" "}
                {t("countiesCount", { count: counties.filter((a) => a.level === "county").length })}
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
    </>
  );
}
