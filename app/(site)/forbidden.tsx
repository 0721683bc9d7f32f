import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("status");
  return (
    <div className="panel" data-testid="forbidden">
      <h1>{t("forbiddenTitle")}</h1>
      <p>{t("forbiddenBody")}</p>
      <Link href="/dashboard">{t("backHome")}</Link>
    </div>
  );
}
