// What every upload route checks at its door, before it reads a byte of the body: the caller's
// upload rate, and for a statement (whose body is the file itself) its declared size, its
// content type and whether its first bytes are text. The file's own checks (lines, columns,
// totals) come later, in the import.
import { getTranslations } from "next-intl/server";
import { MAX_STATEMENT_BYTES } from "@/lib/imports/service";
import { notText } from "@/lib/text/decode";
import { takeUpload } from "./upload-rate";

/** A 429 with Retry-After when the user or the address has uploaded too often; null to go on. */
export async function refuseOverUploadRate(userId: number, ip: string | null): Promise<Response | null> {
  const taken = takeUpload(userId, ip);
  if (taken.ok) return null;
  const t = await getTranslations("errors");
  return Response.json(
    { error: "RATE_LIMITED", message: t("uploadRateLimited", { seconds: taken.retryAfterSeconds }) },
    { status: 429, headers: { "retry-after": String(taken.retryAfterSeconds) } },
  );
}

/**
 * Types a statement arrives with: the upload form sends the file as application/octet-stream,
 * scripts often as text/csv or text/plain, and Excel's CSV is registered as vnd.ms-excel.
 * A form post, JSON or an archive is not a statement.
 */
const STATEMENT_TYPES = /^(application\/octet-stream|text\/(csv|plain|tab-separated-values)|application\/(csv|vnd\.ms-excel))\s*(;|$)/i;

/** How much of the body is looked at before it is accepted as text. */
const SNIFF_BYTES = 8 * 1024;

type Refusal = { status: 400 | 413 | 415; key: "statementTooLarge" | "uploadWrongType" | "statementBinary" | "statementUtf16" };

async function refusal({ status, key }: Refusal): Promise<Response> {
  const t = await getTranslations("errors");
  return Response.json({ error: "INVALID", message: t(key) }, { status });
}

/**
 * A statement body, checked at the door: refused (without reading on) when its declared length
 * is over the limit, its type is not a text file's, or its first bytes are binary or UTF-16.
 * The body handed back replays the bytes looked at; the import's own stream limit still counts
 * every byte, whatever Content-Length said.
 */
export async function admitStatementBody(request: Request): Promise<{ ok: true; body: ReadableStream<Uint8Array> | null } | { ok: false; response: Response }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_STATEMENT_BYTES) return { ok: false, response: await refusal({ status: 413, key: "statementTooLarge" }) };
  const type = request.headers.get("content-type");
  if (type && !STATEMENT_TYPES.test(type)) return { ok: false, response: await refusal({ status: 415, key: "uploadWrongType" }) };
  if (!request.body) return { ok: true, body: null };

  const reader = request.body.getReader();
  const head: Uint8Array[] = [];
  let seen = 0;
  let done = false;
  while (seen < SNIFF_BYTES) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    seen += next.value.byteLength;
  }
  const why = notText(Buffer.concat(head).subarray(0, SNIFF_BYTES));
  if (why) {
    await reader.cancel().catch(() => undefined);
    return { ok: false, response: await refusal({ status: 400, key: why === "utf16" ? "statementUtf16" : "statementBinary" }) };
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { ok: true, body };
}
