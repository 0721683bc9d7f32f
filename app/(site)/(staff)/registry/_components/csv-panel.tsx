"use client";
// Bulk CSV on a registry list page: export what the current filters select, download the
// import template, and (staff) import a file — all lines or none, with each problem shown
// by line and column.
import { useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { LineProblems, type LineProblem } from "@/app/_components/line-problems";
import { MAX_UPLOAD_MB } from "@/lib/registry/csv-upload";

type Problem = LineProblem;

type Outcome =
  | { kind: "idle" }
  | { kind: "pending"; fileName: string }
  | { kind: "done"; message: string }
  | { kind: "refused"; message: string; errors: Problem[]; total: number };

type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "ERROR";
const ERROR_CODES: readonly ErrorCode[] = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INVALID", "CONFLICT", "ERROR"];

/** The list's query string without the page: an export is every page. */
function exportQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  params.delete("page");
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function CsvPanel({ segment, canImport, query }: { segment: string; canImport: boolean; query: string }) {
  const t = useTranslations("csv");
  const te = useTranslations("errors");
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const base = `/api/registry/${encodeURIComponent(segment)}`;
  const pending = outcome.kind === "pending";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setOutcome({ kind: "refused", message: t("fileMissing"), errors: [], total: 0 });
      return;
    }
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setOutcome({ kind: "refused", message: t("fileTooLarge", { maxMb: MAX_UPLOAD_MB }), errors: [], total: 0 });
      return;
    }
    setOutcome({ kind: "pending", fileName: file.name });
    const body = new FormData();
    body.set("file", file);
    let response: Response;
    try {
      response = await fetch(`${base}/import`, { method: "POST", body, credentials: "same-origin" });
    } catch {
      setOutcome({ kind: "refused", message: t("networkError"), errors: [], total: 0 });
      return;
    }
    const answer = (await response.json().catch(() => ({}))) as {
      error?: string;
      message?: string;
      errors?: Problem[];
      total?: number;
    };
    if (response.ok) {
      setOutcome({ kind: "done", message: answer.message ?? "" });
      if (fileInput.current) fileInput.current.value = "";
      router.refresh();
      return;
    }
    const code = ERROR_CODES.find((c) => c === answer.error) ?? "ERROR";
    setOutcome({
      kind: "refused",
      message: answer.message ?? te(code),
      errors: answer.errors ?? [],
      total: answer.total ?? answer.errors?.length ?? 0,
    });
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="csv-panel">
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <div className="button-row">
        <a className="button secondary" href={`${base}/export${exportQuery(query)}`} download data-testid="csv-export">
          {t("export")}
        </a>
        <a className="button secondary" href={`${base}/template`} download data-testid="csv-template">
          {t("template")}
        </a>
      </div>
      <p className="hint">{t("exportHint")}</p>

      {canImport && (
        <form className="stack" style={{ marginTop: "1rem" }} onSubmit={submit} aria-busy={pending} data-testid="csv-import-form" noValidate>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t("file")}</label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              name="file"
              accept=".csv,text/csv"
              required
              disabled={pending}
              aria-describedby={`${id}-hint`}
            />
            <span className="hint" id={`${id}-hint`}>
              {t("importHint", { maxMb: MAX_UPLOAD_MB })}
            </span>
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={pending} aria-busy={pending}>
              {pending ? t("importing") : t("import")}
            </button>
            {pending && <progress aria-label={t("importing")} data-testid="csv-progress" />}
          </div>
        </form>
      )}

      <div aria-live="polite">
        {outcome.kind === "done" && (
          <p className="notice ok" role="status" data-testid="csv-result">
            {outcome.message}
          </p>
        )}
        {outcome.kind === "refused" && (
          <>
            <p className="notice bad" role="alert" data-testid="csv-error">
              {outcome.message}
            </p>
            <LineProblems
              problems={outcome.errors}
              total={outcome.total}
              testId="csv-errors"
              labels={{ caption: t("errorsCaption"), line: t("line"), column: t("column"), reason: t("reason"), wholeLine: t("wholeLine"), truncated: t("truncated", { shown: outcome.errors.length, total: outcome.total }) }}
            />
          </>
        )}
      </div>
    </section>
  );
}
