import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import { MERCHANT_STATUSES, type MerchantStatus } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { resolveLocale } from "@/lib/i18n/locale";
import { getMerchantLeverage } from "@/lib/leverage/queries";
import { setMerchantStatusAction, updateMerchantAction } from "@/lib/merchants/actions";
import { getMerchant, merchantFormOptions } from "@/lib/merchants/queries";
import { recordPath } from "@/lib/registry/types";
import { parseRouteId } from "@/lib/validation";
import { MerchantLeveragePanel } from "../../registry/_components/leverage";
import { merchantFields } from "../merchant-fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("merchants"))("title") };
}

const STATUS_TONE: Record<MerchantStatus, string> = { active: "ok", suspended: "warn", blacklisted: "bad" };

export default async function MerchantPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const id = parseRouteId((await params).id);
  const [t, tc, tr, tw, locale] = await Promise.all([
    getTranslations("merchants"),
    getTranslations("common"),
    getTranslations("registry"),
    getTranslations("workflow"),
    getLocale().then(resolveLocale),
  ]);
  const merchant = id === null ? undefined : getMerchant(user, id, locale);
  if (!merchant) notFound();
  const created = (await searchParams).saved === "created";
  return (
    <>
      <p>
        <Link href="/merchants">{t("backToList")}</Link>
      </p>
      <h1>
        {merchant.name}{" "}
        <span className="badges">
          <span className={`badge ${STATUS_TONE[merchant.status]}`} data-testid="merchant-status">
            {t(`statuses.${merchant.status}`)}
          </span>
          {merchant.needsReview && <span className="badge warn">{t("needsReview")}</span>}
        </span>
      </h1>
      {created && (
        <p className="notice ok" role="status" data-testid="merchant-created">
          {t("created")}
        </p>
      )}
      {merchant.needsReview && <p className="notice info">{t("needsReviewNotice")}</p>}
      <section className="panel" aria-labelledby="merchant-facts">
        <h2 id="merchant-facts">{t("details")}</h2>
        <dl className="facts">
          <div className="fact">
            <dt>{t("sector")}</dt>
            <dd>{merchant.sector ?? <span className="muted">—</span>}</dd>
          </div>
          <div className="fact">
            <dt>{t("area")}</dt>
            <dd>{merchant.area ?? <span className="muted">—</span>}</dd>
          </div>
          <div className="fact">
            <dt>{t("registeredAt")}</dt>
            <dd>{formatShanghai(merchant.createdAt)}</dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="merchant-channel-ids">
        <h2 id="merchant-channel-ids">{t("channelIds")}</h2>
        {merchant.channelIds.length === 0 ? (
          <p className="muted">{t("noChannelIds")}</p>
        ) : (
          <table className="compact" data-testid="merchant-channel-table">
            <thead>
              <tr>
                <th scope="col">{t("channel")}</th>
                <th scope="col">{t("channelMerchantId")}</th>
              </tr>
            </thead>
            <tbody>
              {merchant.channelIds.map((c) => (
                <tr key={c.id}>
                  <td>{tr(`enums.channel.${c.channel}`)}</td>
                  <td className="mono">{c.channelMerchantId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="merchant-campaigns">
        <h2 id="merchant-campaigns">{t("campaigns")}</h2>
        {merchant.campaigns.length === 0 ? (
          <p className="muted">{t("noCampaigns")}</p>
        ) : (
          <ul>
            {merchant.campaigns.map((c) => (
              <li key={c.id}>
                <Link href={recordPath("campaign", c.id)}>
                  {c.name}（{c.code}）
                </Link>{" "}
                <span className="muted">{tw(c.status)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MerchantLeveragePanel rows={getMerchantLeverage(user, merchant.id, locale)} />
      {merchant.canManage && (
        <section className="panel" aria-labelledby="merchant-edit-title">
          <h2 id="merchant-edit-title">{t("editDetails")}</h2>
          <p className="muted">{t("editIntro")}</p>
          <ActionForm
            action={updateMerchantAction}
            hidden={{ id: merchant.id }}
            testId="merchant-edit-form"
            fields={merchantFields(t, (c) => tr(`enums.channel.${c}`), merchantFormOptions(user, locale), merchant)}
            submitLabel={tc("save")}
            pendingLabel={tc("saving")}
            messages={{ saved: tc("saved") }}
          />
        </section>
      )}
      {merchant.canManage && (
        <section className="panel" aria-labelledby="merchant-status-title">
          <h2 id="merchant-status-title">{t("changeStatus")}</h2>
          <ActionForm
            action={setMerchantStatusAction}
            hidden={{ id: merchant.id }}
            testId="merchant-status-form"
            fields={[
              {
                name: "status",
                label: t("status"),
                type: "select",
                required: true,
                defaultValue: merchant.status,
                options: MERCHANT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
              },
              ...(merchant.needsReview ? [{ name: "reviewed", label: t("markReviewed"), type: "checkbox" as const, defaultValue: false }] : []),
            ]}
            submitLabel={tc("save")}
            pendingLabel={tc("saving")}
            messages={{ saved: tc("saved") }}
          />
        </section>
      )}
    </>
  );
}
