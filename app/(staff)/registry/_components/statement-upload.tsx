"use client";
// Upload a channel statement to a batch: the file goes as the request body (streamed, no
// multipart), with a progress bar, then the reconciliation or the line-numbered refusal.
import { useState } from "react";
import { useRouter } from "next/navigation";

interface Counts {
  rowsRead: number;
  inserted: number;
  duplicates: number;
  refunds: number;
  revoked: number;
  nonVoucher: number;
  rejected: number;
}
interface Problem {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}
type Result = { ok: true; counts: Counts; alreadyImported: boolean; overCap: boolean } | { ok: false; message: string; problems: Problem[] };

export function StatementUpload({ batchId, labels: given }: { batchId: number; labels: Record<string, string> }) {
  const labels = (key: string) => given[key] ?? key;
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    setResult(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/batches/${batchId}/imports?format=${format}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = {};
      }
      if (xhr.status === 200) {
        setResult({ ok: true, counts: body.counts as Counts, alreadyImported: Boolean(body.alreadyImported), overCap: Boolean(body.overCap) });
        router.refresh();
      } else {
        setResult({ ok: false, message: String(body.message ?? labels("failed")), problems: (body.problems as Problem[]) ?? [] });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setResult({ ok: false, message: labels("failed"), problems: [] });
    };
    xhr.send(file);
  }

  return (
    <form className="inline" onSubmit={upload} data-testid="statement-upload">
      <div className="field">
        <label htmlFor="statement-file">{labels("file")}</label>
        <input id="statement-file" type="file" accept=".csv,.txt,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="statement-format">{labels("format")}</label>
        <select id="statement-format" value={format} onChange={(e) => setFormat(e.target.value)}>
          {["auto", "wechat", "alipay", "csv"].map((f) => (
            <option key={f} value={f}>
              {labels(`format_${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit" className="button" disabled={!file || progress !== null}>
          {progress === null ? labels("upload") : labels("uploading")}
        </button>
      </div>
      {progress !== null && <progress max={100} value={progress} aria-label={labels("uploading")} />}
      {result?.ok && (
        <p className="notice ok" role="status" data-testid="import-result" style={{ flexBasis: "100%" }}>
          {result.alreadyImported ? labels("already") : labels("done")}{" "}
          {labels("counts")
            .replace("{rowsRead}", String(result.counts.rowsRead))
            .replace("{inserted}", String(result.counts.inserted))
            .replace("{duplicates}", String(result.counts.duplicates))
            .replace("{refunds}", String(result.counts.refunds))
            .replace("{revoked}", String(result.counts.revoked))
            .replace("{nonVoucher}", String(result.counts.nonVoucher))}
          {result.overCap ? ` ${labels("overCap")}` : ""}
        </p>
      )}
      {result && !result.ok && (
        <div className="notice bad" role="alert" aria-label={result.message} data-testid="import-refused" style={{ flexBasis: "100%" }}>
          <p>{result.message}</p>
          {result.problems.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{labels("line")}</th>
                  <th scope="col">{labels("column")}</th>
                  <th scope="col">{labels("reason")}</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.line}</td>
                    <td>{p.column ?? "—"}</td>
                    <td>
                      {p.reason}
                      {p.value ? `（${p.value}）` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </form>
  );
}
