import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/app/_components/pager";
import { MERCHANT_STATUSES, type MerchantStatus } from "@/db/schema";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { listMerchants } from "@/lib/merchants/queries";
import { merchantListQuerySchema, type MerchantListQuery } from "@/lib/merchants/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("merchants"))("title") };
}

const STATUS_TONE: Record<MerchantStatus, string> = { active: "ok", suspended: "warn", blacklisted: "bad" };

function search(query: MerchantListQuery, page?: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.review) params.set("review", query.review);
  if (page && page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `/merchants?${s}` : "/merchants";
}

// Every signed-in role reads the merchants; status changes are on each merchant's page.
export default async function MerchantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const [t, tc, tr, locale, query] = await Promise.all([
    getTranslations("merchants"),
    getTranslations("common"),
    getTranslations("registry"),
    getLocale().then(resolveLocale),
    searchParams.then((p) => merchantListQuerySchema.parse(p)),
  ]);
  const result = listMerchants(query, locale);
  const filtered = Boolean(query.q || query.status || query.review);
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        {(user.role === "staff" || user.role === "manager") && (
          <Link href="/merchants/new" className="button" data-testid="new-merchant">
            {t("new")}
          </Link>
        )}
      </div>
      <p className="muted">{t("intro")}</p>
      <section className="panel" aria-label={tc("filter")}>
        <form method="get" action="/merchants" className="filters registry-filters" data-testid="merchant-filters">
          <div className="field wide">
            <label htmlFor="merchant-q">{t("search")}</label>
            <input id="merchant-q" type="search" name="q" maxLength={100} defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} />
          </div>
          <div className="field">
            <label htmlFor="merchant-status">{t("status")}</label>
            <select id="merchant-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">{tc("all")}</option>
              {MERCHANT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="nowrap" style={{ marginTop: "1.9rem" }}>
              <input type="checkbox" name="review" value="1" defaultChecked={query.review === "1"} /> {t("needsReviewOnly")}
            </label>
          </div>
          <div className="filter-buttons">
            <button type="submit" className="button">
              {tc("search")}
            </button>
            <Link href="/merchants" className="button secondary">
              {tc("reset")}
            </Link>
          </div>
        </form>
      </section>
      {result.rows.length === 0 ? (
        <p className="notice info" role="status" data-testid="merchants-empty">
          {filtered ? t("empty") : t("emptyNone")}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="merchants-table">
              <caption>{t("caption", { count: result.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("channelIds")}</th>
                  <th scope="col">{t("sector")}</th>
                  <th scope="col">{t("area")}</th>
                  <th scope="col">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((m) => (
                  <tr key={m.id} data-testid="merchant-row">
                    <td>
                      <Link href={`/merchants/${m.id}`}>{m.name}</Link>
                    </td>
                    <td>
                      {m.channelIds.length
                        ? m.channelIds.map((c) => `${tr(`enums.channel.${c.channel}`)} ${c.channelMerchantId}`).join(tr("listSeparator"))
                        : "—"}
                    </td>
                    <td>{m.sector ?? <span className="muted">—</span>}</td>
                    <td>{m.area ?? <span className="muted">—</span>}</td>
                    <td>
                      <span className="badges">
                        <span className={`badge ${STATUS_TONE[m.status]}`}>{t(`statuses.${m.status}`)}</span>
                        {m.needsReview && <span className="badge warn">{t("needsReview")}</span>}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={tc("pagination")}
            status={tc("pageOf", { page: result.page, pages: result.pages })}
            previous={{ label: tc("previous"), href: result.page > 1 ? search(query, result.page - 1) : null }}
            next={{ label: tc("next"), href: result.page < result.pages ? search(query, result.page + 1) : null }}
          />
        </>
      )}
    </>
  );
}
