import { NextResponse, type NextRequest } from "next/server";
import { isPublicPath } from "@/lib/auth/config";
import { getDb } from "@/db/client";
import { readDataVersion } from "@/lib/data-version/cache";

const SNAPSHOT_TOKEN = crypto.randomUUID();

// A convenience, not protection: it only spares a visitor without a session cookie a trip to
// a page that would send them to the login anyway. Pages, actions and handlers check the
// session (and its version in the database) themselves.
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
  if (pathname.startsWith("/snapshot")) {
    return request.headers.get("x-huimin-snapshot") === SNAPSHOT_TOKEN ? NextResponse.next() : new NextResponse(null, { status: 404 });
  }
  if (pathname === "/leverage") {
    const headers = new Headers(request.headers);
    headers.set("x-huimin-snapshot", SNAPSHOT_TOKEN);
    return NextResponse.rewrite(new URL(`/snapshot/zh-CN/leverage`, request.url), { request: { headers } });
  }
  if (pathname === "/" || pathname === "/en") {
    const version = readDataVersion(getDb()).version;
    const headers = new Headers(request.headers);
    headers.set("x-huimin-snapshot", SNAPSHOT_TOKEN);
    const res = NextResponse.rewrite(new URL(`/snapshot/${pathname === "/en" ? "en" : "zh-CN"}/${version}`, request.url), { request: { headers } });
    res.headers.set("cache-control", "public, max-age=0, must-revalidate");
    return res;
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
