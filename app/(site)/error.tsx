"use client";
import { useTranslations } from "next-intl";

// Only a digest reaches the browser; the stack stays in the server log.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("status");
  return (
    <div className="panel" role="alert" aria-label={t("errorTitle")}>
      <h1>{t("errorTitle")}</h1>
      <p>{t("errorBody")}</p>
      <button type="button" className="button" onClick={reset}>
        {t("retry")}
      </button>
    </div>
  );
}
