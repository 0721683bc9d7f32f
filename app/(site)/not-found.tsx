import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("status");
  return (
    <div className="panel" data-testid="not-found">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <a href="/">{t("backHome")}</a>
    </div>
  );
}
