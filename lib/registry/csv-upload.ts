// Reading an uploaded CSV file from a multipart request, with limits of its own (server actions
// cap bodies at 1 MB, so uploads come through a route handler): the body is read as a stream
// and given up as soon as it passes the limit, whatever Content-Length claimed. What comes out
// is text that decoded as UTF-8 or GBK, or the reason it is refused.
import { decodeUtf8OrGbk, notText } from "@/lib/text/decode";

export const MAX_UPLOAD_MB = 5;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export type UploadRefusal = "notMultipart" | "fileMissing" | "fileEmpty" | "fileTooLarge" | "fileBinary" | "fileUtf16" | "fileNotUtf8";

export type Upload = { ok: true; text: string; name: string; bytes: number } | { ok: false; reason: UploadRefusal };

/** The body, or null once it passes `limit` bytes (the rest is not read). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Checks the bytes of a file and decodes them: not empty, not binary, UTF-8 or GBK. A BOM is dropped. */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: UploadRefusal } {
  if (bytes.byteLength === 0) return { ok: false, reason: "fileEmpty" };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, reason: "fileTooLarge" };
  const why = notText(bytes);
  if (why) return { ok: false, reason: why === "utf16" ? "fileUtf16" : "fileBinary" };
  // GBK is what Excel and WPS save as "CSV" on Chinese Windows: read it rather than refuse it.
  const decoded = decodeUtf8OrGbk(bytes);
  if (!decoded) return { ok: false, reason: "fileNotUtf8" };
  const text = decoded.text;
  if (text.trim() === "") return { ok: false, reason: "fileEmpty" };
  return { ok: true, text };
}

/** The `file` field of a multipart/form-data request, decoded, or why it is refused. */
export async function readCsvUpload(request: Request): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return { ok: false, reason: "notMultipart" };
  const limit = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "fileTooLarge" };
  const body = await readCapped(request, limit);
  if (!body) return { ok: false, reason: "fileTooLarge" };

  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return { ok: false, reason: "notMultipart" };
  }
  const file = form.get("file");
  if (file === null || typeof file === "string") return { ok: false, reason: "fileMissing" };
  // A form submitted without choosing a file still sends the part: an empty one with no name.
  if (file.size === 0 && file.name === "") return { ok: false, reason: "fileMissing" };
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text, name: file.name.slice(0, 200), bytes: file.size };
}

/** A request that names an Origin must come from this site (the check Next makes for server actions). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
