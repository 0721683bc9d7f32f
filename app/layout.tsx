import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { clientMessages } from "@/lib/i18n/messages";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appFullName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t("skipToContent")}
        </a>
        <SiteHeader />
        <main id="main">
          <NextIntlClientProvider messages={clientMessages(resolveLocale(locale))}>{children}</NextIntlClientProvider>
        </main>
        <footer className="site-footer">{t("appFullName")}</footer>
      </body>
    </html>
  );
}
