import { getTranslations } from "next-intl/server";
import type { AuditRow } from "@/lib/audit/queries";
import { formatShanghai } from "@/lib/datetime";

const OUTCOME_TONE = { success: "ok", failure: "bad", denied: "warn" } as const;

/** Stored JSON, indented for reading; text that is not JSON is shown as it is. */
function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export async function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  const t = await getTranslations("audit");
  return (
    <div className="table-wrap">
      <table className="audit" data-testid="audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("at")}</th>
            <th scope="col">{t("actor")}</th>
            <th scope="col">{t("action")}</th>
            <th scope="col">{t("entity")}</th>
            <th scope="col">{t("outcome")}</th>
            <th scope="col">{t("detail")}</th>
            <th scope="col">{t("ip")}</th>
            <th scope="col">{t("showChanges")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="nowrap">
                <time dateTime={row.at}>{formatShanghai(row.at)}</time>
              </td>
              <td>{row.actorName}</td>
              <td className="mono">{row.action}</td>
              <td>
                <span className="mono">{row.entity}</span>
                {row.entityId ? <span className="muted"> #{row.entityId}</span> : null}
              </td>
              <td>
                <span className={`badge ${OUTCOME_TONE[row.outcome]}`}>{t(`outcome_${row.outcome}`)}</span>
              </td>
              <td>{row.detail}</td>
              <td className="mono nowrap">{row.ip}</td>
              <td>
                {row.before || row.after ? (
                  <details className="audit-changes">
                    <summary>{t("showChanges")}</summary>
                    {row.before ? (
                      <>
                        <h3>{t("before")}</h3>
                        <pre>{pretty(row.before)}</pre>
                      </>
                    ) : null}
                    {row.after ? (
                      <>
                        <h3>{t("after")}</h3>
                        <pre>{pretty(row.after)}</pre>
                      </>
                    ) : null}
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
