// The public pages that follow the data version, answered in front of Next (scripts/serve.ts): a
// browser asking for /, /en, /open-data or /en/open-data gets the page's bytes from the snapshot
// store (lib/public/snapshot-store.ts), already compressed, with an ETag. Next strips a
// Content-Encoding set by a page, proxy or route handler and gzips every response again, about a
// millisecond per 100 KB on these machines; answering here is what lets the most visited page cost
// what a static file costs. The store renders a page by asking this same server for its snapshot
// path (marked with the process's token), so the page is Next's own render, headers included.
// Anything else — other paths, the router's RSC requests, a page the store could not render — is
// left to Next (the caller passes it on), which renders it per request: slower, never wrong.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/db/client";
import { readDataVersion } from "@/lib/data-version/cache";
import { contentSecurityPolicy, inlineScriptHashes } from "@/lib/security/csp";
import { HSTS, saysHttps } from "@/lib/security/transport";
import { SNAPSHOT_HEADER, snapshotKey, snapshotPath } from "./routes";
import { createSnapshotStore, snapshotAnswer, type SnapshotStore } from "./snapshot-store";

/** The render's headers that describe the transfer or the render's own caching, not the page: set anew. */
const NOT_KEPT = new Set([
  "cache-control",
  "connection",
  "content-encoding",
  "content-length",
  "date",
  "etag",
  "keep-alive",
  "last-modified",
  "set-cookie",
  "transfer-encoding",
  "vary",
]);

function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!NOT_KEPT.has(name) && !name.startsWith("x-nextjs-") && !name.startsWith("x-middleware-")) kept[name] = value;
  });
  return kept;
}

/** A browser asking for a document: not the router's RSC payload (client navigation, prefetch) nor a server action. */
function isDocumentRequest(request: IncomingMessage, url: URL): boolean {
  const h = request.headers;
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    !h["rsc"] &&
    !h["next-router-prefetch"] &&
    !h["next-action"] &&
    !url.searchParams.has("_rsc")
  );
}

export interface PublicSnapshots {
  /** Answers the request if it is for a stored public page; false when the caller should pass it to Next. */
  answer(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  store: SnapshotStore;
}

/**
 * `origin` is where this server answers itself (http://127.0.0.1:<port>); `token` the value of the
 * snapshot header the proxy lets through.
 */
export function createPublicSnapshots(options: { db: Db; origin: string; token: string }): PublicSnapshots {
  const { db, origin, token } = options;
  const store = createSnapshotStore({
    async render(path) {
      const rendered = await fetch(origin + path, {
        headers: { [SNAPSHOT_HEADER]: token, "accept-encoding": "identity" },
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      const type = rendered.headers.get("content-type") ?? "";
      if (rendered.status !== 200 || !type.startsWith("text/html")) throw new Error(`the render answered ${rendered.status} ${type}`);
      const html = new Uint8Array(await rendered.arrayBuffer());
      // Every visitor gets these bytes, so no nonce: the policy lists the page's own inline scripts.
      const headers = keptHeaders(rendered.headers);
      headers["content-security-policy"] = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(new TextDecoder().decode(html)) });
      return { headers, html };
    },
    onError: (path, error) => console.error(`public page ${path} not stored; Next renders it per request meanwhile:`, error),
  });

  return {
    store,
    async answer(request, response) {
      const url = new URL(request.url ?? "/", "http://snapshot.invalid");
      if (!isDocumentRequest(request, url)) return false;
      const page = snapshotPath(url.pathname, () => snapshotKey(readDataVersion(db)));
      if (!page?.versioned) return false;
      const snapshot = await store.get(page.path);
      if (!snapshot) return false;
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      };
      const answer = snapshotAnswer(snapshot, { method: request.method!, header });
      // The server has already replaced an untrusted X-Forwarded-Proto (lib/security/transport.ts).
      if (saysHttps(header("x-forwarded-proto"))) answer.headers["strict-transport-security"] = HSTS;
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body ?? undefined);
      return true;
    },
  };
}
