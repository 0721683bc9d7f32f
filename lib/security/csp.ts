// The Content-Security-Policy of every page. Scripts run only from our own origin, plus inline
// scripts that carry the request's nonce (pages Next renders per request) or whose SHA-256 is
// listed (pages that are the same bytes for everyone: a nonce sent to every visitor is no secret,
// so the stored public pages and the pages Next prerenders at build list their scripts' hashes
// instead). No 'unsafe-inline' for scripts anywhere. Styles keep 'unsafe-inline': React writes
// style attributes, and an injected style cannot run code. Route handlers' own policy, which lets
// nothing load or run, is set for /api/* in next.config.mjs.
import { createHash } from "node:crypto";

export interface CspSources {
  /** The request's nonce, for a page rendered for this request only. */
  nonce?: string;
  /** `'sha256-…'` sources of the inline scripts of a page that is the same for everyone. */
  scriptHashes?: readonly string[];
}

export function contentSecurityPolicy({ nonce, scriptHashes = [] }: CspSources = {}): string {
  const script = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...scriptHashes];
  // The development server evaluates modules with eval(); a production build never does.
  if (process.env.NODE_ENV === "development") script.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

// An inline script: a <script> element without a src attribute. Its text is hashed as it stands
// in the HTML (script content is raw text: no entity to decode).
const INLINE_SCRIPT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;

/** The `'sha256-…'` sources of a page's inline scripts, each once, in order of appearance. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes ?? "")) continue;
    if (/\stype\s*=\s*["']?application\/(ld\+)?json/i.test(attributes ?? "")) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text ?? "", "utf8").digest("base64")}'`);
  }
  return [...hashes];
}
