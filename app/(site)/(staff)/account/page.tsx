import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { changeOwnPasswordAction } from "@/lib/users/actions";
import { getAccountProfile } from "@/lib/users/queries";
import { LanguageChoice } from "./language-choice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const user = await requirePageUser();
  const [t, tRoles, locale] = await Promise.all([getTranslations("account"), getTranslations("roles"), getLocale()]);
  const current = resolveLocale(locale);
  const profile = getAccountProfile(user);
  const name = (x: { nameZh: string; nameEn: string } | null) => (x ? (current === "en" ? x.nameEn : x.nameZh) : "");
  const languages = [
    { locale: "zh-CN" as const, label: t("languageZh") },
    { locale: "en" as const, label: t("languageEn") },
  ];
  return (
    <>
      <h1>{t("title")}</h1>
      <div className="grid">
        <section className="panel" aria-labelledby="account-profile">
          <h2 id="account-profile">{t("profile")}</h2>
          <dl className="facts" data-testid="account-profile">
            <dt>{t("username")}</dt>
            <dd className="mono">{profile.username}</dd>
            <dt>{t("displayName")}</dt>
            <dd>{profile.displayName}</dd>
            <dt>{t("role")}</dt>
            <dd>{tRoles(profile.role)}</dd>
            <dt>{t("department")}</dt>
            <dd>{name(profile.department)}</dd>
            <dt>{t("area")}</dt>
            <dd>{name(profile.area)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="account-language">
          <h2 id="account-language">{t("languageTitle")}</h2>
          <p>{t("currentLanguage", { language: languages.find((l) => l.locale === current)?.label ?? current })}</p>
          <p className="muted">{t("languageHelp")}</p>
          <LanguageChoice current={current} label={t("chooseLanguage")} options={languages} />
        </section>
      </div>
      <section className="panel" aria-labelledby="account-password">
        <h2 id="account-password">{t("changePassword")}</h2>
        <p className="muted">{t("changePasswordHelp")}</p>
        <ActionForm
          action={changeOwnPasswordAction}
          testId="change-password-form"
          submitLabel={t("submitPassword")}
          pendingLabel={t("submittingPassword")}
          fields={[
            { name: "currentPassword", label: t("currentPassword"), type: "password", autoComplete: "current-password", required: true },
            { name: "newPassword", label: t("newPassword"), type: "password", autoComplete: "new-password", required: true, hint: t("newPasswordHelp") },
            { name: "confirmPassword", label: t("confirmPassword"), type: "password", autoComplete: "new-password", required: true },
          ]}
        />
      </section>
    </>
  );
}
