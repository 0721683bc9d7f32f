import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/app/_components/pager";
import { requirePageUser } from "@/lib/auth/session";
import { resolveLocale } from "@/lib/i18n/locale";
import { listQuerySchema } from "@/lib/registry/list";
import { isFiltered, listSearch, sortSearch } from "@/lib/registry/list-url";
import { getRegistryOptions, listRegistry } from "@/lib/registry/queries";
import { RECORD_SEGMENTS, recordPath, recordTypeOfSegment } from "@/lib/registry/types";
import { getBatchListLeverage } from "@/lib/leverage/queries";
import { LIST_COLUMNS, type ListContext } from "../_components/list-columns";
import { ListFilters } from "../_components/list-filters";
import { CsvPanel } from "../_components/csv-panel";
import { isCsvType } from "@/lib/registry/csv";

interface Props {
  params: Promise<{ segment: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const type = recordTypeOfSegment((await params).segment);
  return { title: type ? (await getTranslations("registry"))(`lists.${type}`) : undefined };
}

export default async function RegistryListPage({ params, searchParams }: Props) {
  const user = await requirePageUser();
  const type = recordTypeOfSegment((await params).segment);
  if (!type) notFound();
  const [t, tc, tw, locale, query] = await Promise.all([
    getTranslations("registry"),
    getTranslations("common"),
    getTranslations("workflow"),
    getLocale().then(resolveLocale),
    searchParams.then((p) => listQuerySchema.parse(p)),
  ]);
  const options = await getRegistryOptions(locale);
  const result = listRegistry(user, type, query);
  const ctx: ListContext = {
    type,
    locale,
    t,
    tw,
    yes: tc("yes"),
    actionNames: new Map(options.actions.map((o) => [o.value, o.label])),
    sectorNames: new Map(options.sectors.map((o) => [o.value, o.label])),
    campaignNames: new Map(options.campaigns.map((o) => [o.value, o.label])),
    areaNames: new Map(options.areas.map((o) => [o.value, o.label])),
    batchLeverage: type === "batch" ? getBatchListLeverage(user) : new Map(),
    openChange: result.openChange,
  };
  const columns = LIST_COLUMNS[type];
  const href = (search: string) => `${recordPath(type)}${search}`;
  const current = { sort: result.sort, dir: result.dir };
  return (
    <>
      <div className="page-head">
        <h1>{t(`lists.${type}`)}</h1>
        {user.role === "staff" && (
          <Link href={`${recordPath(type)}/new`} className="button" data-testid="new-record">
            {t(`newOf.${type}`)}
          </Link>
        )}
      </div>
      <p className="muted">{t(`intros.${type}`)}</p>
      {type === "indicator" && (
        <p>
          <Link href="/reports/indicators" data-testid="indicators-panel-link">
            {t("indicatorsPanelLink")}
          </Link>
        </p>
      )}
      <ListFilters type={type} query={query} options={options} />
      {isCsvType(type) && <CsvPanel segment={RECORD_SEGMENTS[type]} canImport={user.role === "staff"} query={listSearch(query, {})} />}
      {result.rows.length === 0 ? (
        <p className="notice info" role="status" data-testid="registry-empty">
          {isFiltered(query) ? t("empty") : t("emptyNone")}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table data-testid="registry-table">
              <caption>{t("caption", { list: t(`lists.${type}`), count: result.total })}</caption>
              <thead>
                <tr>
                  {columns.map((column) => {
                    const label = t(`columns.${column.key}`);
                    const sorted = column.sort === result.sort;
                    return (
                      <th
                        key={column.key}
                        scope="col"
                        className={column.num ? "num" : undefined}
                        aria-sort={sorted ? (result.dir === "asc" ? "ascending" : "descending") : undefined}
                      >
                        {column.sort ? (
                          <Link href={href(sortSearch(query, current, column.sort))} className="sort-link" title={t("sortBy", { column: label })}>
                            {label}
                            <span aria-hidden="true" className="sort-mark">
                              {sorted ? (result.dir === "asc" ? "▲" : "▼") : "↕"}
                            </span>
                          </Link>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((record) => (
                  <tr key={record.row.id} data-testid="registry-row">
                    {columns.map((column) => (
                      <td key={column.key} className={column.num ? "num" : undefined}>
                        {column.cell(record, ctx)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={tc("pagination")}
            status={tc("pageOf", { page: result.page, pages: result.pages })}
            previous={{ label: tc("previous"), href: result.page > 1 ? href(listSearch(query, { page: result.page - 1 })) : null }}
            next={{ label: tc("next"), href: result.page < result.pages ? href(listSearch(query, { page: result.page + 1 })) : null }}
          />
        </>
      )}
    </>
  );
}
