// How every open-data endpoint answers. The body is built once per data version and format
// (lib/data-version/cache.ts) inside one read transaction, so the version and the figures come
// from the same snapshot; it is validated by the data version itself: ETag = the version's tag
// (+ format), Last-Modified = when the figures last changed. A client, proxy or CDN revalidates
// on every use (max-age=0, must-revalidate) and gets 304 until an import, approval, void or
// exclusion changes the figures — in this process or any other.
import type { Db, Tx } from "@/db/client";
import { cachedOnDataVersion, dataVersionTag, readDataVersion, type DataVersion } from "@/lib/data-version/cache";
import { etagMatches, notModifiedSince } from "@/lib/http/conditional";
import { todayInShanghai } from "@/lib/registry/progress";

export const OPEN_DATA_LICENCE = "CC BY 4.0";

export const OPEN_CACHE_CONTROL = "public, max-age=0, must-revalidate";

export const OPEN_FORMATS = ["json", "csv"] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];

/** What every document starts with. */
export interface OpenDocumentHead {
  /** When the figures last changed (the data version's time, ISO-8601 UTC). */
  updatedAt: string;
  licence: typeof OPEN_DATA_LICENCE;
}

export interface OpenEndpoint<D extends OpenDocumentHead> {
  /** The endpoint's name: /api/open/<name>, the CSV's file name, the cache key. */
  name: string;
  /** The document also depends on the day (statuses judged against today, Beijing): it changes at midnight too. */
  daily?: boolean;
  build(db: Db | Tx, context: { head: OpenDocumentHead; today: string }): D;
  csv(document: D): string;
}

export interface OpenRequest {
  format: string | null;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  /** Injectable for tests: the day of `daily` documents. */
  now?: Date;
}

export interface OpenResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Midnight (Beijing) at the start of a YYYY-MM-DD day. */
function startOfDayInShanghai(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The ETag of a version and format, e.g. "3f…-4521-csv" (strong: the bytes are the same for the same tag). */
export function openEtag(version: DataVersion, format: OpenFormat, day?: string): string {
  return `${dataVersionTag(version).slice(0, -1)}-${format}${day ? `-${day}` : ""}"`;
}

export function openDataResponse<D extends OpenDocumentHead>(db: Db, endpoint: OpenEndpoint<D>, request: OpenRequest): OpenResponse {
  const common = { "cache-control": OPEN_CACHE_CONTROL, "access-control-allow-origin": "*" };
  const format = request.format ?? "json";
  if (format !== "json" && format !== "csv") {
    return {
      status: 400,
      headers: { ...common, "cache-control": "no-store", "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ error: "INVALID", message: "format must be json or csv" }),
    };
  }
  const today = todayInShanghai(request.now ?? new Date());
  const day = endpoint.daily ? today : undefined;
  // One snapshot: the version read for the tag is the version the body was built from.
  const answer = db.transaction((tx) => {
    const version = readDataVersion(tx);
    const body = cachedOnDataVersion(tx, `open:${endpoint.name}:${format}:${day ?? ""}`, () => {
      const head: OpenDocumentHead = { updatedAt: version.changedAt.toISOString(), licence: OPEN_DATA_LICENCE };
      const document = endpoint.build(tx, { head, today });
      return format === "csv" ? endpoint.csv(document) : JSON.stringify(document);
    });
    return { version, body };
  });
  const { version, body } = answer;
  // A daily document last changed at the later of the figures' change and the day's start.
  const lastModified = day ? new Date(Math.max(version.changedAt.getTime(), startOfDayInShanghai(day).getTime())) : version.changedAt;
  const headers = { ...common, etag: openEtag(version, format, day), "last-modified": lastModified.toUTCString() };
  // If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3).
  const fresh = request.ifNoneMatch !== null ? etagMatches(request.ifNoneMatch, headers.etag) : notModifiedSince(request.ifModifiedSince, lastModified);
  if (fresh) return { status: 304, headers, body: null };
  const type: Record<string, string> =
    format === "csv"
      ? { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="huimin-${endpoint.name}-${todayInShanghai(lastModified)}.csv"` }
      : { "content-type": "application/json; charset=utf-8" };
  return { status: 200, headers: { ...headers, ...type }, body };
}

/** A GET request's open-data parameters. */
export function openRequestOf(request: Request): OpenRequest {
  return {
    format: new URL(request.url).searchParams.get("format"),
    ifNoneMatch: request.headers.get("if-none-match"),
    ifModifiedSince: request.headers.get("if-modified-since"),
  };
}
