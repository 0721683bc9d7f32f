import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { updateAreaAction } from "@/lib/org/actions";
import { areaOptions, localName } from "@/lib/org/options";
import { getAreaById } from "@/lib/org/queries";
import { parseRouteId } from "@/lib/validation";
import { areaFields } from "../area-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("areas"))("edit") };
}

export default async function EditAreaPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(["admin"]);
  const id = parseRouteId((await params).id);
  const area = id === null ? undefined : getAreaById(id);
  if (!area) notFound();
  const [t, tLevels, tCommon, locale] = await Promise.all([
    getTranslations("areas"),
    getTranslations("areaLevels"),
    getTranslations("common"),
    getLocale().then(resolveLocale),
  ]);
  return (
    <>
      <p>
        <Link href="/admin/areas">{t("backToList")}</Link>
      </p>
      <h1>{t("edit")}</h1>
      <p className="lead">{localName(area, locale)}</p>
      <section className="panel">
        <ActionForm
          action={updateAreaAction}
          testId="area-edit-form"
          hidden={{ id: area.id }}
          // An area cannot be its own parent (the service also refuses its descendants).
          fields={areaFields(t, tLevels, areaOptions(locale, { exclude: area.id }), area)}
          submitLabel={tCommon("save")}
          pendingLabel={tCommon("saving")}
          messages={{ saved: tCommon("saved") }}
        />
      </section>
    </>
  );
}
