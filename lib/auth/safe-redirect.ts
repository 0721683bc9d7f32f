/**
 * A callback URL is kept only if it is a path on this site: it starts with one "/" and
 * is not protocol-relative ("//host") or a backslash trick ("/\host") that browsers treat alike.
 */
export function safeCallbackPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/")) return fallback;
  if (raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Control characters and backslashes anywhere can be normalised into a host by browsers.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, "http://huimin.invalid");
    if (url.origin !== "http://huimin.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
