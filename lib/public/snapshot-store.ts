// The public pages that follow the data version (the summary, the open-data page) are the app's
// most visited and the same for everyone, so each is rendered once per data version and language
// and kept here as bytes, compressed once (Brotli and gzip) instead of on every request. The key
// is the page's snapshot path, which carries the data version (lib/public/routes.ts): an import,
// approval or void moves the version, the next visitor asks for a new key and it is rendered
// then. A page is also re-rendered after MAX_AGE (the events' "recent" and "upcoming" follow the
// calendar): meanwhile the old bytes are served, and every request waits for at most one render.
// The store is bounded (a few keys, in memory): old versions fall out, nothing grows on disk.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { etagMatches } from "@/lib/http/conditional";

export const SNAPSHOT_MAX_AGE_MS = 5 * 60_000;
/** Two languages × two pages, with room for the version just replaced while it is still asked for. */
export const SNAPSHOT_MAX_ENTRIES = 8;
/** After a render fails, the key is not tried again this soon: the caller serves without the store. */
export const SNAPSHOT_RETRY_MS = 10_000;

const CACHE_CONTROL = "public, max-age=0, must-revalidate";

export type Encoding = "br" | "gzip" | "identity";

export interface Snapshot {
  etag: string;
  renderedAt: Date;
  /** The rendered page's own headers that go with it (content type, the security headers). */
  headers: Record<string, string>;
  bodies: Record<Encoding, Uint8Array>;
}

/** What the store renders a key with: the page's HTML and headers; it throws when it cannot. */
export type Render = (key: string) => Promise<{ headers: Record<string, string>; html: Uint8Array }>;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Compressed once per render, at the highest levels: the cost is paid once, not per visitor. */
async function compress(html: Uint8Array): Promise<Record<Encoding, Uint8Array>> {
  const [br, gz] = await Promise.all([
    brotliAsync(html, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength,
      },
    }),
    gzipAsync(html, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { identity: html, br, gzip: gz };
}

interface Entry {
  snapshot: Snapshot | null;
  /** The render in progress, if any: every request for the key shares it. */
  pending: Promise<Snapshot | null> | null;
  /** When the last render failed (ms), to hold off retries. */
  failedAt: number | null;
}

export interface SnapshotStore {
  /** The key's snapshot, rendering it if missing; null when it cannot be rendered now. */
  get(key: string): Promise<Snapshot | null>;
  /** Keys held, oldest first (for tests and diagnostics). */
  keys(): string[];
}

export function createSnapshotStore(options: {
  render: Render;
  maxAgeMs?: number;
  maxEntries?: number;
  retryMs?: number;
  now?: () => number;
  onError?: (key: string, error: unknown) => void;
}): SnapshotStore {
  const { render, maxAgeMs = SNAPSHOT_MAX_AGE_MS, maxEntries = SNAPSHOT_MAX_ENTRIES, retryMs = SNAPSHOT_RETRY_MS, now = Date.now } = options;
  const entries = new Map<string, Entry>();

  function touch(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function start(key: string, entry: Entry): Promise<Snapshot | null> {
    const pending = (async () => {
      try {
        const page = await render(key);
        const renderedAt = new Date(now());
        const snapshot: Snapshot = {
          etag: `W/"${key.replace(/[^\w.-]/g, "_")}-${renderedAt.getTime().toString(36)}"`,
          renderedAt,
          headers: page.headers,
          bodies: await compress(page.html),
        };
        entry.snapshot = snapshot;
        entry.failedAt = null;
        return snapshot;
      } catch (error) {
        entry.failedAt = now();
        options.onError?.(key, error);
        return entry.snapshot;
      } finally {
        entry.pending = null;
      }
    })();
    entry.pending = pending;
    return pending;
  }

  return {
    async get(key) {
      let entry = entries.get(key);
      if (!entry) {
        entry = { snapshot: null, pending: null, failedAt: null };
      }
      touch(key, entry);
      const coolingOff = entry.failedAt !== null && now() - entry.failedAt < retryMs;
      if (!entry.snapshot) {
        if (entry.pending) return entry.pending;
        return coolingOff ? null : start(key, entry);
      }
      // Stale: serve what we have and refresh it behind.
      if (!entry.pending && !coolingOff && now() - entry.snapshot.renderedAt.getTime() >= maxAgeMs) void start(key, entry);
      return entry.snapshot;
    },
    keys: () => [...entries.keys()],
  };
}

/** The encoding to send for an Accept-Encoding header: Brotli, then gzip, else none (q=0 refuses one). */
export function negotiateEncoding(acceptEncoding: string | null): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get("*") ?? 0;
  const best = (["br", "gzip"] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? "identity";
}

export interface SnapshotAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** The answer to a GET or HEAD for a snapshot: 304 when the client holds it, else its bytes in the best encoding. */
export function snapshotAnswer(snapshot: Snapshot, request: { method: string; header(name: string): string | null }): SnapshotAnswer {
  const headers: Record<string, string> = {
    ...snapshot.headers,
    "cache-control": CACHE_CONTROL,
    etag: snapshot.etag,
    "last-modified": snapshot.renderedAt.toUTCString(),
    vary: "Accept-Encoding",
  };
  if (etagMatches(request.header("if-none-match"), snapshot.etag)) return { status: 304, headers, body: null };
  const encoding = negotiateEncoding(request.header("accept-encoding"));
  const body = snapshot.bodies[encoding];
  headers["content-length"] = String(body.byteLength);
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  return { status: 200, headers, body: request.method === "HEAD" ? null : body };
}
