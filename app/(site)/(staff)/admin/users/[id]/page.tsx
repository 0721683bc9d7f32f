import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { areaOptions, departmentOptions } from "@/lib/org/options";
import { resetPasswordAction, setUserDisabledAction, updateUserAction } from "@/lib/users/actions";
import { getUserById } from "@/lib/users/queries";
import { parseRouteId } from "@/lib/validation";
import { userProfileFields } from "../user-fields";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("edit") };
}

export default async function EditUserPage({ params, searchParams }: Props) {
  const admin = await requirePageUser(["admin"]);
  const id = parseRouteId((await params).id);
  const user = id === null ? undefined : getUserById(id);
  if (!user) notFound();
  const [t, tRoles, tCommon, query, locale] = await Promise.all([
    getTranslations("users"),
    getTranslations("roles"),
    getTranslations("common"),
    searchParams,
    getLocale().then(resolveLocale),
  ]);
  const profile = userProfileFields({
    t,
    tRoles,
    departments: await departmentOptions(locale, { include: user.departmentId }),
    areas: areaOptions(locale),
    values: user,
  });
  const self = user.id === admin.id;
  return (
    <>
      <p>
        <Link href="/admin/users">{t("backToList")}</Link>
      </p>
      <h1>
        {t("edit")} <span className="mono">{user.username}</span>
      </h1>
      {query.saved === "created" && (
        <p className="notice ok" role="status" data-testid="user-created">
          {t("created")}
        </p>
      )}
      <section className="panel" aria-labelledby="user-profile">
        <h2 id="user-profile">{t("profile")}</h2>
        <p className="muted">{t("roleChangeHelp")}</p>
        <ActionForm
          action={updateUserAction}
          testId="user-edit-form"
          hidden={{ id: user.id }}
          fields={profile}
          submitLabel={tCommon("save")}
          pendingLabel={tCommon("saving")}
          messages={{ saved: tCommon("saved") }}
        />
      </section>
      <section className="panel" aria-labelledby="user-password">
        <h2 id="user-password">{t("resetPassword")}</h2>
        <p className="muted">{t("resetHelp")}</p>
        <ActionForm
          action={resetPasswordAction}
          testId="user-password-form"
          hidden={{ id: user.id }}
          fields={[
            { name: "password", label: t("newPassword"), type: "password", required: true, autoComplete: "new-password", hint: t("passwordHelp") },
          ]}
          submitLabel={t("resetPassword")}
          pendingLabel={tCommon("saving")}
          messages={{ passwordReset: t("passwordReset") }}
          tone="secondary"
        />
      </section>
      {!self && (
        <section className="panel" aria-labelledby="user-state-heading">
          <h2 id="user-state-heading">{t("state")}</h2>
          <p>
            <span className={`badge ${user.disabled ? "bad" : "ok"}`} data-testid="user-state">
              {user.disabled ? t("disabled") : t("enabled")}
            </span>
          </p>
          <p className="muted">{t("disableHelp")}</p>
          <ActionForm
            action={setUserDisabledAction}
            testId="user-disable-form"
            // Present means "disable"; absent means "enable" (a checkbox's convention).
            hidden={user.disabled ? { id: user.id } : { id: user.id, disabled: "on" }}
            fields={[]}
            submitLabel={user.disabled ? t("enable") : t("disable")}
            pendingLabel={tCommon("saving")}
            messages={{ userDisabled: t("userDisabled"), userEnabled: t("userEnabled") }}
            tone={user.disabled ? "secondary" : "danger"}
          />
        </section>
      )}
    </>
  );
}
