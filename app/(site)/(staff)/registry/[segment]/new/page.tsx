import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { placeNames } from "@/lib/registry/queries";
import { recordPath, recordTypeOfSegment } from "@/lib/registry/types";
import { RecordForm } from "../../_components/record-form";

interface Props {
  params: Promise<{ segment: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const type = recordTypeOfSegment((await params).segment);
  return { title: type ? (await getTranslations("registry"))(`newOf.${type}`) : undefined };
}

export default async function NewRecordPage({ params }: Props) {
  // Staff register records; other roles read them.
  const user = await requirePageUser(["staff"]);
  const type = recordTypeOfSegment((await params).segment);
  if (!type) notFound();
  const [t, locale] = await Promise.all([getTranslations("registry"), getLocale().then(resolveLocale)]);
  const place = placeNames(user, locale);
  return (
    <>
      <p>
        <Link href={recordPath(type)}>{t("backToList", { list: t(`lists.${type}`) })}</Link>
      </p>
      <h1>{t(`newOf.${type}`)}</h1>
      <p className="muted">{t("newNote", place)}</p>
      <RecordForm type={type} values={type === "policy" ? { effect: "in_force" } : {}} />
    </>
  );
}
