import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { createMerchantAction } from "@/lib/merchants/actions";
import { merchantFormOptions } from "@/lib/merchants/queries";
import { merchantFields } from "../merchant-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("merchants"))("newTitle") };
}

export default async function NewMerchantPage() {
  const user = await requirePageUser(["staff", "manager"]);
  const [t, tc, tr, locale] = await Promise.all([getTranslations("merchants"), getTranslations("common"), getTranslations("registry"), getLocale().then(resolveLocale)]);
  return (
    <>
      <p>
        <Link href="/merchants">{t("backToList")}</Link>
      </p>
      <h1>{t("newTitle")}</h1>
      <p className="muted">{t("newIntro")}</p>
      <section className="panel">
        <ActionForm
          action={createMerchantAction}
          testId="merchant-create-form"
          fields={merchantFields(t, (c) => tr(`enums.channel.${c}`), merchantFormOptions(user, locale))}
          submitLabel={tc("create")}
          pendingLabel={tc("saving")}
        />
      </section>
    </>
  );
}
