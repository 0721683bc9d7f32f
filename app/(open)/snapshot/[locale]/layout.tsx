import { setRequestLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";

export default async function OpenLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  return (
    <html lang={locale}>
      <body>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
