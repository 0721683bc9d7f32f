// The proxy-safe half of the auth configuration: no database, no bcrypt.
import type { NextAuthConfig } from "next-auth";

/** Paths anyone may open. Everything else needs a session (and is checked again by the page or handler). */
const PUBLIC_PATHS = [/^\/$/, /^\/login$/, /^\/open-data$/, /^\/leverage$/, /^\/api\/health$/, /^\/api\/auth(\/|$)/, /^\/api\/open(\/|$)/, /^\/en(\/|$)/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((re) => re.test(pathname));
}

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // Self-hosted behind `next start`: the Host header names the site.
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === "number" ? token.uid : null;
      session.sv = typeof token.sv === "number" ? token.sv : null;
      return session;
    },
  },
} satisfies NextAuthConfig;
