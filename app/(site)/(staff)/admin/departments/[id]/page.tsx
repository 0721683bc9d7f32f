import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { updateDepartmentAction } from "@/lib/org/actions";
import { areaOptions, localName } from "@/lib/org/options";
import { getDepartmentById } from "@/lib/org/queries";
import { parseRouteId } from "@/lib/validation";
import { departmentFields } from "../department-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("departments"))("edit") };
}

export default async function EditDepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(["admin"]);
  const id = parseRouteId((await params).id);
  const department = id === null ? undefined : getDepartmentById(id);
  if (!department) notFound();
  const [t, tCommon, locale] = await Promise.all([
    getTranslations("departments"),
    getTranslations("common"),
    getLocale().then(resolveLocale),
  ]);
  return (
    <>
      <p>
        <Link href="/admin/departments">{t("backToList")}</Link>
      </p>
      <h1>{t("edit")}</h1>
      <p className="lead">{localName(department, locale)}</p>
      <section className="panel">
        <ActionForm
          action={updateDepartmentAction}
          testId="department-edit-form"
          hidden={{ id: department.id }}
          fields={departmentFields(t, areaOptions(locale), department)}
          submitLabel={tCommon("save")}
          pendingLabel={tCommon("saving")}
          messages={{ saved: tCommon("saved") }}
        />
      </section>
    </>
  );
}
