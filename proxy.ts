import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { isPublicPath } from "@/lib/auth/config";
import { readDataVersion } from "@/lib/data-version/cache";
import { SNAPSHOT_HEADER, SNAPSHOT_PREFIX, SNAPSHOT_TOKEN_ENV, snapshotKey, snapshotPath } from "@/lib/public/routes";
import { contentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { NOT_FOUND_ROUTE, prerenderedScriptHashes } from "@/lib/security/prerendered";
import { HSTS, isHttpsRequest } from "@/lib/security/transport";

// Two jobs. (1) The public pages: /, /en, /open-data, … are rewritten to their snapshot path
// (lib/public/routes.ts), keyed by the data version read here on every request. A browser's request
// for the summary or the open-data page is answered before it gets here, by the snapshot server
// (lib/public/snapshot-server.ts); what reaches this rewrite is the leverage note (static), the
// snapshot server's own renders, and what it could not answer. The snapshot paths answer only to
// requests marked with the process's token, so nobody can ask for /snapshot/…/v/<any number> and
// make the server render. (2) A convenience, not protection: a visitor without a session cookie is
// spared a trip to a page that would send them to the login anyway. Pages, actions and handlers
// check the session (and its version in the database) themselves. (3) Every page's
// Content-Security-Policy: a fresh nonce per request, which Next puts on its own scripts when it
// reads it from the request's CSP header, plus the script hashes of the prerendered page the
// request may be answered with (lib/security/csp.ts); HSTS on answers to HTTPS requests.
const SNAPSHOT_TOKEN = (process.env[SNAPSHOT_TOKEN_ENV] ??= crypto.randomUUID());

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(c.name));
}

/** Only page navigations are redirected; actions and route handlers answer for themselves. */
function isPageNavigation(request: NextRequest): boolean {
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    !request.headers.has("next-action") &&
    !request.nextUrl.pathname.startsWith("/api/")
  );
}

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next runs the proxy again for the rewritten path: let our own rewrite through, nobody else.
  // The snapshot server's renders come here directly, without a nonce: it hashes what it stores.
  if (pathname === SNAPSHOT_PREFIX || pathname.startsWith(`${SNAPSHOT_PREFIX}/`)) {
    if (request.headers.get(SNAPSHOT_HEADER) !== SNAPSHOT_TOKEN) return new NextResponse(null, { status: 404 });
    return secured(request, NextResponse.next(), request.headers.get("content-security-policy"));
  }
  const snapshot = isPageNavigation(request) ? snapshotPath(pathname, () => snapshotKey(readDataVersion(getDb()))) : null;
  const nonce = createNonce();
  // A page Next rendered at build cannot carry this nonce: its own scripts are allowed by hash.
  const prerendered = [...prerenderedScriptHashes(NOT_FOUND_ROUTE), ...(snapshot && !snapshot.versioned ? prerenderedScriptHashes(snapshot.path) : [])];
  const csp = contentSecurityPolicy({ nonce, scriptHashes: prerendered });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  if (snapshot) {
    headers.set(SNAPSHOT_HEADER, SNAPSHOT_TOKEN);
    // Next forwards this rewrite to the URL as given (its own origin differs from the one the
    // proxy is shown), and the server speaks only plain HTTP: behind a TLS proxy, where the
    // request's URL says https, an https:// target would fail to connect.
    const target = new URL(snapshot.path, request.url);
    target.protocol = "http:";
    return secured(request, NextResponse.rewrite(target, { request: { headers } }), csp);
  }
  if (!isPageNavigation(request) || isPublicPath(pathname) || hasSessionCookie(request)) {
    return secured(request, NextResponse.next({ request: { headers } }), csp);
  }
  const login = new URL("/login", request.nextUrl.origin);
  login.searchParams.set("callbackUrl", pathname + search);
  return secured(request, NextResponse.redirect(login), csp);
}

function secured(request: NextRequest, response: NextResponse, csp: string | null): NextResponse {
  if (csp) response.headers.set("content-security-policy", csp);
  if (isHttpsRequest(request.headers)) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  // Not /api/: the proxy lets every route handler through anyway, and where it runs Next copies
  // the request body for it, in memory and cut at 10 MB, so a statement upload arrived truncated.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
