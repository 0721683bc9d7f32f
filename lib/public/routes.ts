// The public pages and where each is rendered. A visitor's address (/, /en, /open-data, …) is
// rewritten by the proxy to a page under /snapshot/<locale>/…: the summary and the open-data page
// carry the data version in their path (/snapshot/zh-CN/v/<instance>-4521), which keys the proxy's
// snapshot store (lib/public/snapshot-store.ts): each is rendered once per version and served from
// memory until a figure changes — from any process, since the version lives in the database. The
// leverage note holds no data: Next builds it once, at build time, and serves it as a static page.
import { LOCALES, type Locale } from "@/db/schema";

export const SNAPSHOT_PREFIX = "/snapshot";
/**
 * The snapshot paths answer only to requests carrying this header with the process's token: the
 * proxy's own rewrites and the snapshot server's renders. The server (scripts/serve.ts) sets the
 * token in the environment before Next loads, so both share it; a proxy without one mints its own.
 */
export const SNAPSHOT_HEADER = "x-huimin-snapshot";
export const SNAPSHOT_TOKEN_ENV = "HUIMIN_SNAPSHOT_TOKEN";

/** Pages keyed by their path without the language prefix; `versioned` pages follow the data version. */
const PAGES: Record<string, { versioned: boolean; page: string }> = {
  "": { versioned: true, page: "" },
  "open-data": { versioned: true, page: "/open-data" },
  leverage: { versioned: false, page: "/leverage" },
};

export type PublicPage = keyof typeof PAGES;

/** A visitor's path split into its language and page; null when it is not a public page. */
export function parsePublicPath(pathname: string): { locale: Locale; page: string } | null {
  const parts = pathname.split("/").filter(Boolean);
  const locale: Locale = parts[0] === "en" ? "en" : "zh-CN";
  const rest = parts[0] === "en" ? parts.slice(1) : parts;
  if (rest.length > 1) return null;
  const page = rest[0] ?? "";
  return Object.hasOwn(PAGES, page) ? { locale, page } : null;
}

/**
 * The data version as a snapshot path segment: the database's instance with its version. The
 * number alone repeats in another database (a fresh seed counts from the same start), and Next
 * keeps rendered snapshots on disk across restarts: keyed by the number only, a page rendered
 * from one database would be served for another's version of the same number.
 */
export function snapshotKey(version: { instance: string; version: number }): string {
  return `${version.instance}-${version.version}`;
}

/**
 * Where the proxy renders a public path, given the current data version (snapshotKey), and whether
 * that page follows the data version (then it is served from the snapshot store); null when not public.
 */
export function snapshotPath(pathname: string, version: () => string | number): { path: string; versioned: boolean } | null {
  const found = parsePublicPath(pathname);
  if (!found) return null;
  const { versioned, page } = PAGES[found.page]!;
  return { path: versioned ? `${SNAPSHOT_PREFIX}/${found.locale}/v/${version()}${page}` : `${SNAPSHOT_PREFIX}/${found.locale}${page}`, versioned };
}

/** The visitor's address of a public page in a language (for links and the language switch). */
export function publicHref(page: PublicPage, locale: Locale): string {
  const path = page === "" ? "" : `/${page}`;
  return locale === "en" ? `/en${path}` : path || "/";
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
