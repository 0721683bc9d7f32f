import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { saveSettingsAction } from "@/lib/anomalies/actions";
import { checksState, getSettingsView } from "@/lib/anomalies/queries";
import { PERCENT_SETTINGS, SETTING_KEYS } from "@/lib/anomalies/settings";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { ChecksStatus } from "../checks-status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("anomalies"))("settings.title") };
}

/** A setting as typed: shares as percentages (0.25 → "25"), counts as they are. */
const shown = (key: (typeof SETTING_KEYS)[number], value: number) => (PERCENT_SETTINGS.has(key) ? String(Math.round(value * 1000) / 10) : String(value));

export default async function AnomalySettingsPage() {
  const user = await requirePageUser(["manager", "auditor", "admin", "staff"]);
  const t = await getTranslations("anomalies");
  const view = getSettingsView(user);
  return (
    <>
      <p>
        <Link href="/reports/anomalies">{t("back")}</Link>
      </p>
      <h1>{t("settings.title")}</h1>
      <p className="muted">{t("settings.intro")}</p>
      <p className="muted">{view.updatedAt ? t("settings.updatedAt", { at: formatShanghai(view.updatedAt) }) : t("settings.defaults")}</p>
      <ChecksStatus checks={checksState(user)} />
      <section className="panel" aria-label={t("settings.title")}>
        {view.canEdit ? (
          <ActionForm
            action={saveSettingsAction}
            fields={SETTING_KEYS.map((key) => ({ name: key, label: t(`settings.fields.${key}`), type: "text", inputMode: PERCENT_SETTINGS.has(key) ? "decimal" : "numeric", required: true, defaultValue: shown(key, view.settings[key]) }))}
            submitLabel={t("settings.save")}
            pendingLabel={t("settings.saving")}
            messages={{ saved: t("settings.saved"), unchanged: t("settings.unchanged") }}
            testId="anomaly-settings"
          />
        ) : (
          <>
            <dl className="facts" data-testid="anomaly-settings-read">
              {SETTING_KEYS.map((key) => (
                <div className="fact" key={key}>
                  <dt>{t(`settings.fields.${key}`)}</dt>
                  <dd className="num">{shown(key, view.settings[key])}</dd>
                </div>
              ))}
            </dl>
            <p className="muted">{t("settings.readOnly")}</p>
          </>
        )}
      </section>
    </>
  );
}
