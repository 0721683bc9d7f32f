import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, isPublicPath } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

// A convenience, not protection: pages, actions and handlers check the session themselves.
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (request.auth || isPublicPath(pathname)) return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const login = new URL("/login", request.nextUrl.origin);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
