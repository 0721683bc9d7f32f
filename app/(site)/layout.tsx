import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteDocument } from "../_components/site-document";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appFullName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
  };
}

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SiteDocument>{children}</SiteDocument>;
}
