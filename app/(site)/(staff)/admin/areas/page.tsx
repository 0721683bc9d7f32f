import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { createAreaAction } from "@/lib/org/actions";
import { areaOptions, localName } from "@/lib/org/options";
import { getAreaList } from "@/lib/org/queries";
import { areaFields } from "./area-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("areas"))("title") };
}

export default async function AreasPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(["admin"]);
  const [t, tLevels, tCommon, query, locale] = await Promise.all([
    getTranslations("areas"),
    getTranslations("areaLevels"),
    getTranslations("common"),
    searchParams,
    getLocale().then(resolveLocale),
  ]);
  const areas = getAreaList();
  const byId = new Map(areas.map((a) => [a.id, a]));
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <a href="#area-new" className="button">
          {t("new")}
        </a>
      </div>
      <p className="lead">{t("intro")}</p>
      {query.saved === "created" && (
        <p className="notice ok" role="status" data-testid="area-created">
          {t("created")}
        </p>
      )}
      {areas.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="areas-table">
            <caption>{t("count", { count: areas.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("code")}</th>
                <th scope="col">{t("nameZh")}</th>
                <th scope="col">{t("nameEn")}</th>
                <th scope="col">{t("level")}</th>
                <th scope="col">{t("parent")}</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((area) => {
                const parent = area.parentId ? byId.get(area.parentId) : undefined;
                return (
                  <tr key={area.id}>
                    <td>{area.code ? <span className="mono">{area.code}</span> : <span className="muted">—</span>}</td>
                    <td lang="zh-CN">
                      <Link href={`/admin/areas/${area.id}`}>{area.nameZh}</Link>
                    </td>
                    <td lang="en">{area.nameEn}</td>
                    <td>{tLevels(area.level)}</td>
                    <td>{parent ? localName(parent, locale) : <span className="muted">{tCommon("none")}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel" aria-labelledby="area-new">
        <h2 id="area-new">{t("new")}</h2>
        <ActionForm
          action={createAreaAction}
          testId="area-create-form"
          fields={areaFields(t, tLevels, areaOptions(locale))}
          submitLabel={tCommon("create")}
          pendingLabel={tCommon("saving")}
        />
      </section>
    </>
  );
}
