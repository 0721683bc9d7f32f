import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AUDIT_OUTCOMES, type AuditFilters } from "@/lib/audit/filters";

/** A plain GET form: the filters end up in the URL, so a filtered view can be bookmarked and shared. */
export async function AuditFilterForm({ filters, facets }: { filters: AuditFilters; facets: { actions: string[]; entities: string[] } }) {
  const [t, tc] = await Promise.all([getTranslations("audit"), getTranslations("common")]);
  const select = (name: "action" | "entity", label: string, values: string[]) => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <select id={`audit-${name}`} name={name} defaultValue={filters[name] ?? ""}>
        <option value="">{tc("all")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="audit-filter-title">
      <h2 id="audit-filter-title" className="visually-hidden">
        {tc("filter")}
      </h2>
      <form method="get" action="/audit" className="filters" data-testid="audit-filters" aria-describedby="audit-date-hint">
        <div className="field">
          <label htmlFor="audit-actor">{t("actorContains")}</label>
          <input id="audit-actor" type="search" name="actor" maxLength={64} defaultValue={filters.actor ?? ""} />
        </div>
        {select("action", t("action"), facets.actions)}
        {select("entity", t("entity"), facets.entities)}
        <div className="field">
          <label htmlFor="audit-outcome">{t("outcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">{tc("all")}</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome_${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("to")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            {tc("search")}
          </button>
          <Link href="/audit" className="button secondary">
            {tc("reset")}
          </Link>
        </div>
      </form>
      <p id="audit-date-hint" className="hint muted">
        {t("dateHint")}
      </p>
    </section>
  );
}
