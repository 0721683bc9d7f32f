import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/_components/action-form";
import type { SessionUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { voidImportAction } from "@/lib/imports/actions";
import type { BatchRedemptionFigures } from "@/lib/imports/queries";
import { formatYuan } from "@/lib/money/fen";
import { CANONICAL_HEADER, CANONICAL_REQUIRED } from "@/lib/statements/detect";
import { StatementUpload } from "./statement-upload";

/** A batch's statements: the upload (its staff), the import history, and a manager's void. */
export async function BatchImports({ batchId, figures, canImport, canVoid }: { batchId: number; figures: BatchRedemptionFigures; canImport: boolean; canVoid: boolean; user: SessionUser }) {
  const t = await getTranslations("imports");
  const labels = Object.fromEntries(
    ["file", "format", "format_auto", "format_wechat", "format_alipay", "format_csv", "upload", "uploading", "importing", "queued", "reading", "writing", "done", "already", "counts", "overCap", "failed", "line", "column", "reason"].map((k) => [k, t.raw(k) as string]),
  );
  return (
    <section className="panel" aria-labelledby="batch-imports" data-testid="batch-imports">
      <h2 id="batch-imports">{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      {canImport && (
        <div style={{ marginBottom: "1rem" }}>
          <StatementUpload batchId={batchId} labels={labels} />
        </div>
      )}
      <details data-testid="canonical-format">
        <summary>{t("canonicalTitle")}</summary>
        <p className="muted">{t("canonicalIntro")}</p>
        <p>
          <a href="/api/statements/template" className="button secondary" download>
            {t("canonicalTemplate")}
          </a>
        </p>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t("canonicalColumn")}</th>
              <th scope="col">{t("canonicalMeaning")}</th>
            </tr>
          </thead>
          <tbody>
            {CANONICAL_HEADER.map((column) => (
              <tr key={column}>
                <td className="mono">
                  {column}
                  {(CANONICAL_REQUIRED as readonly string[]).includes(column) ? " *" : ""}
                </td>
                <td>{t(`canonicalColumns.${column}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {figures.imports.length === 0 ? (
        <p className="muted" data-testid="imports-empty">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="imports-table">
            <caption>{t("history", { count: figures.imports.length })}</caption>
            <thead>
              <tr>
                {["id", "fileName", "importedAt", "importedBy", "rowsRead", "inserted", "duplicates", "refunds", "revoked", "nonVoucher", "subsidy", "gross", "status"].map((k) => (
                  <th key={k} scope="col">{t(`columns.${k}`)}</th>
                ))}
                {canVoid && <th scope="col">{t("columns.void")}</th>}
              </tr>
            </thead>
            <tbody>
              {figures.imports.map((i) => (
                <tr key={i.id} data-testid="import-row">
                  <td className="num">#{i.id}</td>
                  <td className="mono nowrap">{i.fileName}</td>
                  <td className="nowrap">{formatShanghai(i.importedAt)}</td>
                  <td>{i.importedByName}</td>
                  <td className="num">{i.rowsRead}</td>
                  <td className="num">{i.inserted}</td>
                  <td className="num">{i.duplicates}</td>
                  <td className="num">{i.refunds}</td>
                  <td className="num">{i.revoked}</td>
                  <td className="num">{i.nonVoucher}</td>
                  <td className="num">{formatYuan(i.subsidyFen)}</td>
                  <td className="num">{formatYuan(i.grossFen)}</td>
                  <td>
                    <span className={`badge ${i.status === "voided" ? "bad" : "ok"}`}>{t(`status.${i.status}`)}</span>
                    {i.overCap && <span className="badge warn">{t("overCapBadge")}</span>}
                  </td>
                  {canVoid && (
                    <td>
                      {i.status === "active" && (
                        <ActionForm
                          action={voidImportAction}
                          hidden={{ importId: i.id, batchId }}
                          fields={[{ name: "reason", label: t("voidReason"), type: "text", required: true }]}
                          submitLabel={t("void")}
                          pendingLabel={t("voiding")}
                          tone="danger"
                          testId={`void-import-${i.id}`}
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
