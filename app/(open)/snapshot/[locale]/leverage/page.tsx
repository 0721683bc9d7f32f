import { getTranslations, setRequestLocale } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/locale";

export function generateStaticParams() {
  return [{ locale: "zh-CN" }, { locale: "en" }];
}

export default async function Leverage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = resolveLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations("home");
  return (
    <section className="panel">
      <h1>{t("leverageTitle")}</h1>
      <p>{t("leverageBody")}</p>
    </section>
  );
}
