// The list's search and filters: a plain GET form, so a filtered list lives in its URL.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RECORD_STATUSES, RETAIL_INDICATORS, VOUCHER_CHANNELS } from "@/db/schema";
import { LIST_SHAPES, type ListQuery } from "@/lib/registry/list";
import type { Option, RegistryOptions } from "@/lib/registry/queries";
import { recordPath, type RecordType } from "@/lib/registry/types";

export async function ListFilters({ type, query, options }: { type: RecordType; query: ListQuery; options: RegistryOptions }) {
  const [t, tc, tw] = await Promise.all([getTranslations("registry"), getTranslations("common"), getTranslations("workflow")]);
  const shape = LIST_SHAPES[type];
  const select = (name: "actionId" | "areaId" | "departmentId" | "sectorId" | "campaignId" | "channel" | "indicator" | "status", label: string, choices: Option[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={query[name] === undefined ? "" : String(query[name])}>
        <option value="">{tc("all")}</option>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const departments = [...options.departmentNames].map(([value, label]) => ({ value, label }));
  return (
    <section className="panel" aria-labelledby="registry-filter-title">
      <h2 id="registry-filter-title" className="visually-hidden">
        {tc("filter")}
      </h2>
      <form method="get" action={recordPath(type)} className="filters registry-filters" data-testid="registry-filters" aria-describedby={shape.period ? "registry-period-hint" : undefined}>
        <div className="field wide">
          <label htmlFor="filter-q">{t("search")}</label>
          <input id="filter-q" type="search" name="q" maxLength={100} defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} />
        </div>
        {shape.action && select("actionId", t("filters.action"), options.actions)}
        {shape.sector && select("sectorId", t("filters.sector"), options.sectors)}
        {shape.campaign && select("campaignId", t("filters.campaign"), options.campaigns)}
        {(shape.channel || shape.channelList) && select("channel", t("filters.channel"), VOUCHER_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) })))}
        {shape.indicator && select("indicator", t("filters.indicator"), RETAIL_INDICATORS.map((i) => ({ value: i, label: t(`enums.indicator.${i}`) })))}
        {shape.year && (
          <div className="field">
            <label htmlFor="filter-year">{t("filters.year")}</label>
            <input id="filter-year" type="text" name="year" inputMode="numeric" pattern="\d{4}" maxLength={4} size={6} defaultValue={query.year ?? ""} />
          </div>
        )}
        {select("areaId", t(shape.subjectArea ? "filters.subjectArea" : "filters.area"), options.areas)}
        {select("departmentId", t("filters.department"), departments)}
        {select("status", t("filters.status"), RECORD_STATUSES.map((s) => ({ value: s, label: tw(s) })))}
        {shape.period && (
          <>
            <div className="field">
              <label htmlFor="filter-from">{t("filters.from")}</label>
              <input id="filter-from" type="date" name="from" defaultValue={query.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">{t("filters.to")}</label>
              <input id="filter-to" type="date" name="to" defaultValue={query.to ?? ""} />
            </div>
          </>
        )}
        {/* Filtering keeps the chosen order; the page starts again at 1. */}
        {query.sort && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir && <input type="hidden" name="dir" value={query.dir} />}
        <div className="filter-buttons">
          <button type="submit" className="button">
            {tc("search")}
          </button>
          <Link href={recordPath(type)} className="button secondary">
            {tc("reset")}
          </Link>
        </div>
      </form>
      {shape.period && (
        <p id="registry-period-hint" className="hint muted">
          {t("periodHint")}
        </p>
      )}
    </section>
  );
}
