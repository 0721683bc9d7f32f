import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, params, user] = await Promise.all([getTranslations("auth"), searchParams, getSessionUser()]);
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  return (
    <div style={{ maxWidth: "26rem", margin: "2rem auto" }}>
      <div className="panel">
        <h1>{t("title")}</h1>
        {params.loggedOut && <p className="notice info" role="status">{t("loggedOut")}</p>}
        {params.passwordChanged && <p className="notice ok" role="status">{t("passwordChanged")}</p>}
        {user ? (
          <p>
            {t("alreadySignedIn")} <Link href="/dashboard">{t("goToDashboard")}</Link>
          </p>
        ) : (
          <>
            <p className="muted">{t("intro")}</p>
            <LoginForm
              callbackUrl={callbackUrl}
              labels={{ username: t("username"), password: t("password"), submit: t("submit"), submitting: t("submitting") }}
            />
          </>
        )}
      </div>
    </div>
  );
}
