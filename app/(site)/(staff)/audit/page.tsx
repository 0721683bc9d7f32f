import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/app/_components/pager";
import { auditSearchString, parseAuditSearch } from "@/lib/audit/filters";
import { getAuditChainReport, listAuditEntries, listAuditFacets } from "@/lib/audit/queries";
import { requirePageUser } from "@/lib/auth/session";
import { AuditFilterForm } from "./audit-filters";
import { AuditTable } from "./audit-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(["auditor"]);
  const [t, tc, params] = await Promise.all([getTranslations("audit"), getTranslations("common"), searchParams]);
  const { filters, page } = parseAuditSearch(params);
  const chain = getAuditChainReport();
  const result = listAuditEntries({ filters, page });
  const href = (p: number) => `/audit${auditSearchString(filters, p)}`;
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <span className="muted" data-testid="audit-total">
          {tc("totalRows", { count: result.total })}
        </span>
      </div>
      <p className="muted">{t("intro")}</p>
      {chain.intact ? (
        <p className="notice ok" role="status" data-testid="audit-chain">
          {t("chainIntact", { count: chain.checked })}
        </p>
      ) : (
        <p className="notice bad" role="alert" data-testid="audit-chain">
          {t("chainBroken", { id: chain.brokenAtId ?? 0, reason: t(`reason_${chain.reason ?? "edited"}`) })}
        </p>
      )}
      <AuditFilterForm filters={filters} facets={listAuditFacets()} />
      {result.rows.length === 0 ? (
        <p className="notice info" role="status" data-testid="audit-empty">
          {t("empty")}
        </p>
      ) : (
        <>
          <AuditTable rows={result.rows} caption={t("caption", { count: result.total })} />
          <Pager
            label={tc("pagination")}
            status={tc("pageOf", { page: result.page, pages: result.pageCount })}
            previous={{ label: tc("previous"), href: result.page > 1 ? href(result.page - 1) : null }}
            next={{ label: tc("next"), href: result.page < result.pageCount ? href(result.page + 1) : null }}
          />
        </>
      )}
    </>
  );
}
