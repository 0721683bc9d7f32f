// Whether a request reached us over HTTPS. The server itself speaks plain HTTP (scripts/serve.ts):
// TLS, when there is any, ends at a reverse proxy in front of it, which says so in
// X-Forwarded-Proto. A client can send that header too, so it is believed only when the operator
// says a proxy sets it (TRUST_PROXY=true); otherwise the server overwrites it with "http" before
// anything reads it. Auth.js reads the same header to decide the session cookie's Secure flag and
// __Secure- prefix, so cookies and HSTS follow one decision.

type Env = Record<string, string | undefined>;

export const TRUST_PROXY_ENV = "TRUST_PROXY";

export function trustsProxy(env: Env = process.env): boolean {
  return /^(1|true|yes)$/i.test(env[TRUST_PROXY_ENV]?.trim() ?? "");
}

/**
 * The X-Forwarded-Proto the app should see for a request that arrived on a plain-HTTP socket:
 * the proxy's word when it is trusted (its first hop), else "http".
 */
export function forwardedProto(header: string | string[] | undefined, env: Env = process.env): "https" | "http" {
  if (!trustsProxy(env)) return "http";
  return saysHttps(Array.isArray(header) ? header[0] : header) ? "https" : "http";
}

/** True when an X-Forwarded-Proto value's first hop is HTTPS. */
export function saysHttps(proto: string | null | undefined): boolean {
  return proto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** Two years, subdomains included: sent only on answers to HTTPS requests, where browsers heed it. */
export const HSTS = "max-age=63072000; includeSubDomains";

export function isHttpsRequest(headers: Headers): boolean {
  return saysHttps(headers.get("x-forwarded-proto"));
}

/**
 * The client's address the app should see: the hop the trusted proxy added last to
 * X-Forwarded-For (earlier entries are whatever the client claimed), else the socket's peer.
 */
export function forwardedFor(header: string | string[] | undefined, peer: string | undefined, env: Env = process.env): string {
  if (!trustsProxy(env)) return peer ?? "";
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((h) => h.trim()).filter(Boolean);
  return hops.at(-1) ?? peer ?? "";
}
