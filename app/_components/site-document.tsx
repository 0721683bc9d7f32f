// The signed-in site's document: language from the reader's cookie, the header with their
// navigation, the messages client components need. The public pages (app/(open)) have their own,
// with the language in the path so they can be rendered once and cached.
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { clientMessages } from "@/lib/i18n/messages";
import { SiteHeader } from "./site-header";

export async function SiteDocument({ children }: { children: React.ReactNode }) {
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
