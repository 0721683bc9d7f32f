// A record's review history: every revision, newest first, with who did what and when.
import { getTranslations } from "next-intl/server";
import { formatShanghai } from "@/lib/datetime";
import type { HistoryEntry, RegistryOptions } from "@/lib/registry/queries";
import type { RecordType } from "@/lib/registry/types";
import { RecordValues } from "./record-values";

const TONE = { draft: "", submitted: "warn", returned: "bad", approved: "ok" } as const;

export async function RecordHistory({ type, history, options }: { type: RecordType; history: HistoryEntry[]; options: RegistryOptions }) {
  const [t, tw] = await Promise.all([getTranslations("registry"), getTranslations("workflow")]);
  const byAt = (name: string | null, at: Date | null) =>
    name && at ? (
      <>
        {name}
        <br />
        <span className="muted nowrap">{formatShanghai(at)}</span>
      </>
    ) : (
      <span className="muted">—</span>
    );
  return (
    <section className="panel" aria-labelledby="record-history" data-testid="record-history">
      <h2 id="record-history">{t("history")}</h2>
      {history.length === 0 ? (
        <p className="muted">{t("historyEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="history">
            <caption>{t("historyCaption", { count: history.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("revision")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("drafted")}</th>
                <th scope="col">{t("submittedCol")}</th>
                <th scope="col">{t("decidedCol")}</th>
                <th scope="col">{t("comment")}</th>
                <th scope="col">{t("submittedValues")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map(({ revision, createdByName, submittedByName, decidedByName, payload }) => (
                <tr key={revision.id} data-testid="history-row">
                  <td className="mono">#{revision.id}</td>
                  <td>
                    <span className={`badge ${TONE[revision.status]}`}>{tw(revision.status)}</span>
                  </td>
                  <td>{byAt(createdByName, revision.createdAt)}</td>
                  <td>{byAt(submittedByName, revision.submittedAt)}</td>
                  <td>{byAt(decidedByName, revision.decidedAt)}</td>
                  <td className="prewrap" data-testid="history-comment">
                    {revision.decisionComment ?? <span className="muted">—</span>}
                  </td>
                  <td>
                    <details>
                      <summary>{t("showValues")}</summary>
                      <RecordValues type={type} raw={payload} options={options} />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
