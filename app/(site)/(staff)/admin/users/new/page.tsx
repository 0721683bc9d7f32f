import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { areaOptions, departmentOptions } from "@/lib/org/options";
import { createUserAction } from "@/lib/users/actions";
import { userProfileFields } from "../user-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("new") };
}

export default async function NewUserPage() {
  await requirePageUser(["admin"]);
  const [t, tRoles, tCommon, locale] = await Promise.all([
    getTranslations("users"),
    getTranslations("roles"),
    getTranslations("common"),
    getLocale().then(resolveLocale),
  ]);
  const profile = userProfileFields({
    t,
    tRoles,
    departments: await departmentOptions(locale),
    areas: areaOptions(locale),
  });
  return (
    <>
      <p>
        <Link href="/admin/users">{t("backToList")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <section className="panel">
        <ActionForm
          action={createUserAction}
          testId="user-create-form"
          submitLabel={tCommon("create")}
          pendingLabel={tCommon("saving")}
          fields={[
            { name: "username", label: t("username"), required: true, autoComplete: "off" },
            ...profile.slice(0, 1),
            { name: "password", label: t("password"), type: "password", required: true, autoComplete: "new-password", hint: t("passwordHelp") },
            ...profile.slice(1),
          ]}
        />
      </section>
    </>
  );
}
