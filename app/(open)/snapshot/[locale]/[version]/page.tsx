import { getTranslations, setRequestLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";
import { publicSpike } from "@/lib/public/home";

export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams() {
  return [];
}

export default async function Summary({ params }: { params: Promise<{ locale: string; version: string }> }) {
  const { locale: raw, version } = await params;
  const locale = resolveLocale(raw);
  setRequestLocale(locale);
  const t = await getTranslations("home");
  const s = publicSpike();
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p>version {version} · db {s.version} · rendered {new Date().toISOString()}</p>
      <p data-testid="subsidy">{s.subsidyFen}</p>
    </section>
  );
}
