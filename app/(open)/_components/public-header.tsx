// The public pages' header: the site's name, the public pages, the way in for staff, and the same
// page in the other language. Nothing here reads the session: the pages are cached for everyone.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { publicHref, type PublicPage } from "@/lib/public/routes";

const PAGES: Array<{ page: PublicPage; key: "home" | "leverage" | "openData" }> = [
  { page: "", key: "home" },
  { page: "leverage", key: "leverage" },
  { page: "open-data", key: "openData" },
];

export async function PublicHeader({ page, locale }: { page: PublicPage; locale: Locale }) {
  const [t, tCommon] = await Promise.all([getTranslations({ locale, namespace: "public.nav" }), getTranslations({ locale, namespace: "common" })]);
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <header className="site-header">
      <div className="inner">
        <Link href={publicHref("", locale)} className="brand">
          {tCommon("appName")}
          <small>{tCommon("appFullName").split("·")[1]?.trim()}</small>
        </Link>
        <nav className="site-nav" aria-label={t("label")}>
          {PAGES.map((p) => (
            <Link key={p.page} href={publicHref(p.page, locale)} aria-current={p.page === page ? "page" : undefined}>
              {t(p.key)}
            </Link>
          ))}
        </nav>
        <div className="header-tools">
          <Link href={publicHref(page, other)} hrefLang={other} lang={other} data-testid="public-language-switch">
            {t("otherLanguage")}
          </Link>
          <Link href="/dashboard" className="button secondary">
            {t("staff")}
          </Link>
        </div>
      </div>
    </header>
  );
}
