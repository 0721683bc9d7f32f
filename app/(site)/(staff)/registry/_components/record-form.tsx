// The create and edit form of any record type: one ActionForm over the type's field table.
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { resolveLocale } from "@/lib/i18n/locale";
import { saveRecordAction } from "@/lib/registry/actions";
import { getRegistryOptions } from "@/lib/registry/queries";
import type { RawValues, RecordType } from "@/lib/registry/types";
import { recordFormFields } from "./record-fields";

export async function RecordForm({ type, id, values }: { type: RecordType; id?: number; values: RawValues }) {
  const [t, tc, locale] = await Promise.all([getTranslations("registry"), getTranslations("common"), getLocale().then(resolveLocale)]);
  const fields = recordFormFields(type, values, await getRegistryOptions(locale), t, locale);
  return (
    <section className="panel record-form">
      <ActionForm
        action={saveRecordAction}
        testId="record-form"
        hidden={id === undefined ? { type } : { type, id }}
        fields={fields}
        submitLabel={t("saveDraft")}
        pendingLabel={tc("saving")}
      />
    </section>
  );
}
