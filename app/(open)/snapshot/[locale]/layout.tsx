import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LOCALES } from "@/db/schema";
import { isLocale } from "@/lib/public/routes";

// The public pages' document: the language comes from the path (set before anything is
// translated), never from a cookie, so each page is rendered once and served from Next's cache.
// (No `dynamicParams = false` here: it would hold for the versioned pages below too, which are
// rendered on first request; an unknown language is a 404 below.)
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "common" });
  return {
    title: { default: t("appFullName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
  };
}

export default async function PublicLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "common" });
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        {children}
        <footer className="site-footer">{t("appFullName")}</footer>
      </body>
    </html>
  );
}
