import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getWorkbench } from "@/lib/dashboard/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requirePageUser();
  const [t, tRoles, tNav, locale] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("roles"),
    getTranslations("nav"),
    getLocale(),
  ]);
  const data = getWorkbench(user);
  const name = (x: { nameZh: string; nameEn: string } | undefined) => (x ? (locale === "en" ? x.nameEn : x.nameZh) : "");
  const scope =
    user.role === "admin" || user.role === "auditor"
      ? t("scopeAll")
      : user.role === "manager"
        ? t("scopeArea", { area: name(data.area) })
        : t("scopeDepartment", { department: name(data.department), area: name(data.area) });
  return (
    <>
      <h1>{t("welcome", { name: user.displayName })}</h1>
      <div className="grid">
        <section className="panel">
          <div className="stat-label">{t("yourRole")}</div>
          <div className="stat" data-testid="dashboard-role">{tRoles(user.role)}</div>
          <p className="muted">{tRoles(`${user.role}Help`)}</p>
        </section>
        <section className="panel">
          <div className="stat-label">{t("yourScope")}</div>
          <p data-testid="dashboard-scope">{scope}</p>
        </section>
        {user.role === "manager" && (
          <section className="panel">
            <div className="stat-label">{t("inboxCount")}</div>
            <div className="stat" data-testid="inbox-count">{data.inboxCount}</div>
            <Link href="/inbox">{t("inboxLink")}</Link>
          </section>
        )}
      </div>
      <section className="panel">
        <h2>{t("tasks")}</h2>
        <ul>
          {user.role === "admin" && (
            <>
              <li><Link href="/admin/users">{t("adminUsers")}</Link></li>
              <li><Link href="/admin/departments">{t("adminDepartments")}</Link></li>
              <li><Link href="/admin/areas">{t("adminAreas")}</Link></li>
            </>
          )}
          {user.role === "auditor" && <li><Link href="/audit">{t("auditLink")}</Link></li>}
          {user.role === "manager" && <li><Link href="/inbox">{tNav("inbox")}</Link></li>}
          <li><Link href="/account">{t("accountLink")}</Link></li>
        </ul>
      </section>
      {(user.role === "admin" || user.role === "auditor") && (
        <section className="panel">
          <h2>{t("counts")}</h2>
          <div className="grid">
            <div><div className="stat">{data.counts.users}</div><div className="stat-label">{t("usersCount")}</div></div>
            <div><div className="stat">{data.counts.departments}</div><div className="stat-label">{t("departmentsCount")}</div></div>
            <div><div className="stat">{data.counts.areas}</div><div className="stat-label">{t("areasCount")}</div></div>
          </div>
        </section>
      )}
    </>
  );
}
