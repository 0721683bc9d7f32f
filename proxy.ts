import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { isPublicPath } from "@/lib/auth/config";
import { readDataVersion } from "@/lib/data-version/cache";
import { SNAPSHOT_HEADER, SNAPSHOT_PREFIX, SNAPSHOT_TOKEN_ENV, snapshotKey, snapshotPath } from "@/lib/public/routes";

// Two jobs. (1) The public pages: /, /en, /open-data, … are rewritten to their snapshot path
// (lib/public/routes.ts), keyed by the data version read here on every request. A browser's request
// for the summary or the open-data page is answered before it gets here, by the snapshot server
// (lib/public/snapshot-server.ts); what reaches this rewrite is the leverage note (static), the
// snapshot server's own renders, and what it could not answer. The snapshot paths answer only to
// requests marked with the process's token, so nobody can ask for /snapshot/…/v/<any number> and
// make the server render. (2) A convenience, not protection: a visitor without a session cookie is
// spared a trip to a page that would send them to the login anyway. Pages, actions and handlers
// check the session (and its version in the database) themselves.
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
  if (pathname === SNAPSHOT_PREFIX || pathname.startsWith(`${SNAPSHOT_PREFIX}/`)) {
    return request.headers.get(SNAPSHOT_HEADER) === SNAPSHOT_TOKEN ? NextResponse.next() : new NextResponse(null, { status: 404 });
  }
  const snapshot = isPageNavigation(request) ? snapshotPath(pathname, () => snapshotKey(readDataVersion(getDb()))) : null;
  if (snapshot) {
    const headers = new Headers(request.headers);
    headers.set(SNAPSHOT_HEADER, SNAPSHOT_TOKEN);
    return NextResponse.rewrite(new URL(snapshot.path, request.url), { request: { headers } });
  }
  if (!isPageNavigation(request) || isPublicPath(pathname) || hasSessionCookie(request)) return NextResponse.next();
  const login = new URL("/login", request.nextUrl.origin);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Not /api/: the proxy lets every route handler through anyway, and where it runs Next copies
  // the request body for it, in memory and cut at 10 MB, so a statement upload arrived truncated.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
