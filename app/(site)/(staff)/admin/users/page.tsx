import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { localName } from "@/lib/org/options";
import { getUserList } from "@/lib/users/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  await requirePageUser(["admin"]);
  const [t, tRoles, format, locale] = await Promise.all([
    getTranslations("users"),
    getTranslations("roles"),
    getFormatter(),
    getLocale().then(resolveLocale),
  ]);
  const users = getUserList();
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link href="/admin/users/new" className="button" data-testid="new-user">
          {t("new")}
        </Link>
      </div>
      <div className="table-wrap">
        <table data-testid="users-table">
          <caption>{t("count", { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("username")}</th>
              <th scope="col">{t("displayName")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("department")}</th>
              <th scope="col">{t("area")}</th>
              <th scope="col">{t("state")}</th>
              <th scope="col">{t("lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.username}`}>
                <td>
                  <Link href={`/admin/users/${user.id}`} className="mono">
                    {user.username}
                  </Link>
                </td>
                <td>{user.displayName}</td>
                <td>{tRoles(user.role)}</td>
                <td>{localName({ nameZh: user.departmentNameZh, nameEn: user.departmentNameEn }, locale)}</td>
                <td>{localName({ nameZh: user.areaNameZh, nameEn: user.areaNameEn }, locale)}</td>
                <td>
                  <span className={`badge ${user.disabled ? "bad" : "ok"}`}>{user.disabled ? t("disabled") : t("enabled")}</span>
                </td>
                <td className={user.lastLoginAt ? undefined : "muted"}>
                  {user.lastLoginAt ? format.dateTime(user.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
