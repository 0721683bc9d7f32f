import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { createDepartmentAction } from "@/lib/org/actions";
import { areaOptions, localName } from "@/lib/org/options";
import { getDepartmentList } from "@/lib/org/queries";
import { departmentFields } from "./department-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("departments"))("title") };
}

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(["admin"]);
  const [t, tCommon, query, locale] = await Promise.all([
    getTranslations("departments"),
    getTranslations("common"),
    searchParams,
    getLocale().then(resolveLocale),
  ]);
  const departments = getDepartmentList();
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <a href="#department-new" className="button">
          {t("new")}
        </a>
      </div>
      {query.saved === "created" && (
        <p className="notice ok" role="status" data-testid="department-created">
          {t("created")}
        </p>
      )}
      {departments.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="departments-table">
            <caption>{t("count", { count: departments.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("nameZh")}</th>
                <th scope="col">{t("nameEn")}</th>
                <th scope="col">{t("area")}</th>
                <th scope="col">{tCommon("status")}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.id}>
                  <td lang="zh-CN">
                    <Link href={`/admin/departments/${d.id}`}>{d.nameZh}</Link>
                  </td>
                  <td lang="en">{d.nameEn}</td>
                  <td>{localName({ nameZh: d.areaNameZh, nameEn: d.areaNameEn }, locale)}</td>
                  <td>
                    <span className={`badge ${d.active ? "ok" : "warn"}`}>{d.active ? tCommon("active") : tCommon("inactive")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel" aria-labelledby="department-new">
        <h2 id="department-new">{t("new")}</h2>
        <ActionForm
          action={createDepartmentAction}
          testId="department-create-form"
          fields={departmentFields(t, areaOptions(locale))}
          submitLabel={tCommon("create")}
          pendingLabel={tCommon("saving")}
        />
      </section>
    </>
  );
}
