"use client";
// Upload a channel statement to a batch: the file goes as the request body (streamed, no
// multipart), with a progress bar; the import then runs as a job of its own, polled until it
// ends with the reconciliation or the line-numbered refusal.
import { useEffect, useState } from "react";
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

type Job = { status: "queued" | "running"; bytes: number; bytesRead: number };

const POLL_MS = 1_000;

export function StatementUpload({ batchId, labels: given }: { batchId: number; labels: Record<string, string> }) {
  const labels = (key: string) => given[key] ?? key;
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const [progress, setProgress] = useState<number | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  // The import runs in a process of its own: ask how it goes every second until it ends.
  useEffect(() => {
    if (jobId === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let misses = 0;
    const finish = (next: Result) => {
      setJobId(null);
      setJob(null);
      setResult(next);
      if (next.ok) router.refresh();
    };
    const poll = async () => {
      try {
        const response = await fetch(`/api/imports/jobs/${jobId}`, { cache: "no-store" });
        const body = (await response.json()) as Record<string, unknown>;
        if (stopped) return;
        if (!response.ok) return finish({ ok: false, message: String(body.message ?? labels("failed")), problems: [] });
        misses = 0;
        if (body.status === "done") {
          return finish({ ok: true, counts: body.counts as Counts, alreadyImported: Boolean(body.alreadyImported), overCap: Boolean(body.overCap) });
        }
        if (body.status === "failed") return finish({ ok: false, message: String(body.message ?? labels("failed")), problems: (body.problems as Problem[]) ?? [] });
        setJob({ status: body.status as Job["status"], bytes: Number(body.bytes), bytesRead: Number(body.bytesRead) });
      } catch {
        // A dropped answer is asked again; several in a row end the wait.
        if (stopped) return;
        if (++misses >= 5) return finish({ ok: false, message: labels("failed"), problems: [] });
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // labels and router are stable for the form's life; the poll follows the job only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);

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
      if (xhr.status === 202 && typeof body.jobId === "number") {
        setJob({ status: "queued", bytes: file.size, bytesRead: 0 });
        setJobId(body.jobId);
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

  const busy = progress !== null || jobId !== null;
  // Read through: what is left is the check and the one write, of unknown length.
  const reading = job?.status === "running" && job.bytes > 0 && job.bytesRead < job.bytes;
  const importingLabel =
    job?.status === "queued" ? labels("queued") : reading ? labels("reading").replace("{percent}", String(Math.floor((job.bytesRead / job.bytes) * 100))) : labels("writing");

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
        <button type="submit" className="button" disabled={!file || busy}>
          {progress !== null ? labels("uploading") : jobId !== null ? labels("importing") : labels("upload")}
        </button>
      </div>
      {progress !== null && <progress max={100} value={progress} aria-label={labels("uploading")} />}
      {jobId !== null && (
        <p role="status" data-testid="import-progress" style={{ flexBasis: "100%" }}>
          {reading ? <progress max={job.bytes} value={job.bytesRead} aria-label={importingLabel} /> : <progress aria-label={importingLabel} />} <span>{importingLabel}</span>
        </p>
      )}
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
