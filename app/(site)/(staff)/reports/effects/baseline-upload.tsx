"use client";
// Uploading a baseline sales file: the whole file or nothing, each problem shown by line and column.
import { useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { LineProblems, type LineProblem } from "@/app/_components/line-problems";
import { MAX_UPLOAD_MB } from "@/lib/registry/csv-upload";

type Problem = LineProblem;

type Outcome =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "done"; message: string }
  | { kind: "refused"; message: string; errors: Problem[]; total: number };

export function BaselineUpload() {
  const t = useTranslations("effects.upload");
  const te = useTranslations("errors");
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const pending = outcome.kind === "pending";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setOutcome({ kind: "refused", message: te("INVALID"), errors: [], total: 0 });
      return;
    }
    setOutcome({ kind: "pending" });
    const body = new FormData();
    body.set("file", file);
    let response: Response;
    try {
      response = await fetch("/api/effects/baseline", { method: "POST", body, credentials: "same-origin" });
    } catch {
      setOutcome({ kind: "refused", message: t("networkError"), errors: [], total: 0 });
      return;
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: string; message?: string; errors?: Problem[]; total?: number };
    if (response.ok) {
      setOutcome({ kind: "done", message: answer.message ?? "" });
      if (fileInput.current) fileInput.current.value = "";
      router.refresh();
      return;
    }
    const code = (["UNAUTHENTICATED", "FORBIDDEN", "INVALID", "ERROR"] as const).find((c) => c === answer.error) ?? "ERROR";
    setOutcome({ kind: "refused", message: answer.message ?? te(code), errors: answer.errors ?? [], total: answer.total ?? 0 });
  }

  return (
    <>
      <form className="stack" onSubmit={submit} aria-busy={pending} data-testid="baseline-upload-form" noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("file")}</label>
          <input ref={fileInput} id={`${id}-file`} type="file" name="file" accept=".csv,text/csv" required disabled={pending} aria-describedby={`${id}-hint`} />
          <span className="hint" id={`${id}-hint`}>
            {t("hint", { maxMb: MAX_UPLOAD_MB })}
          </span>
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={pending} aria-busy={pending}>
            {pending ? t("uploading") : t("submit")}
          </button>
          {pending && <progress aria-label={t("uploading")} />}
        </div>
      </form>
      <div aria-live="polite">
        {outcome.kind === "done" && (
          <p className="notice ok" role="status" data-testid="baseline-result">
            {outcome.message}
          </p>
        )}
        {outcome.kind === "refused" && (
          <>
            <p className="notice bad" role="alert" aria-label={outcome.message} data-testid="baseline-error">
              {outcome.message}
            </p>
            <LineProblems
              problems={outcome.errors}
              total={outcome.total}
              testId="baseline-errors"
              labels={{ caption: t("errorsCaption"), line: t("line"), column: t("columnHeader"), reason: t("reason"), wholeLine: t("wholeLine"), truncated: t("truncated", { shown: outcome.errors.length, total: outcome.total }) }}
            />
          </>
        )}
      </div>
    </>
  );
}
