// The public pages' header: the site's name, the public pages, the way in for staff, and the same
// page in the other language. Nothing here reads the session: the pages are cached for everyone.
// Plain links, not next/link: a public page is a document served from the snapshot store, where a
// client-side navigation (and next/link's prefetch of every link in view) would ask Next to
// render the page's RSC payload for each visitor.
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
        <a href={publicHref("", locale)} className="brand">
          {tCommon("appName")}
          <small>{tCommon("appFullName").split("·")[1]?.trim()}</small>
        </a>
        <nav className="site-nav" aria-label={t("label")}>
          {PAGES.map((p) => (
            <a key={p.page} href={publicHref(p.page, locale)} aria-current={p.page === page ? "page" : undefined}>
              {t(p.key)}
            </a>
          ))}
        </nav>
        <div className="header-tools">
          <a href={publicHref(page, other)} hrefLang={other} lang={other} data-testid="public-language-switch">
            {t("otherLanguage")}
          </a>
          <a href="/dashboard" className="button secondary">
            {t("staff")}
          </a>
        </div>
      </div>
    </header>
  );
}
