import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { canEditRecord } from "@/lib/auth/scope";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { formDefaults, getRecordHistory, getRecordRow, recordHeading } from "@/lib/registry/queries";
import { recordPath, recordTypeOfSegment } from "@/lib/registry/types";
import { parseRouteId } from "@/lib/validation";
import { RecordForm } from "../../../_components/record-form";

interface Props {
  params: Promise<{ segment: string; id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const type = recordTypeOfSegment((await params).segment);
  return { title: type ? (await getTranslations("registry"))("edit") : undefined };
}

export default async function EditRecordPage({ params }: Props) {
  const user = await requirePageUser();
  const { segment, id: idParam } = await params;
  const type = recordTypeOfSegment(segment);
  const id = parseRouteId(idParam);
  if (!type || id === null) notFound();
  const row = getRecordRow(type, id);
  if (!row) notFound();
  // Only staff of the record's own department and area edit it.
  if (!canEditRecord(user, row)) forbidden();
  const [t, locale] = await Promise.all([getTranslations("registry"), getLocale().then(resolveLocale)]);
  const history = getRecordHistory(type, id);
  const underReview = history.some((h) => h.revision.status === "submitted");
  return (
    <>
      <p>
        <Link href={recordPath(type, id)}>{t("backToRecord")}</Link>
      </p>
      <h1>{t("editTitle", { name: recordHeading(type, row, locale) })}</h1>
      {underReview ? (
        <p className="notice info" role="status" data-testid="edit-blocked">
          {t("editBlocked")}
        </p>
      ) : (
        <>
          {row.status === "approved" && <p className="muted">{t("editNote")}</p>}
          <RecordForm type={type} id={id} values={formDefaults(type, row, history)} />
        </>
      )}
    </>
  );
}
