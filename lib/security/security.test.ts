import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { contentSecurityPolicy, inlineScriptHashes } from "./csp";
import { forwardedFor, forwardedProto } from "./transport";
import { createRateLimiter, uploadRatePolicy } from "./upload-rate";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

test("@security the script hashes are those of the page's inline scripts only, as written in the HTML", () => {
  const html = `<html><head><script src="/_next/static/a.js" async=""></script><script>self.__next_f=[]</script></head>
<body><script id="x">self.__next_f.push([1,"a&amp;<\\/b>"])</script><script type="application/ld+json">{"a":1}</script><script>self.__next_f=[]</script></body></html>`;
  assert.deepEqual(inlineScriptHashes(html), [sha("self.__next_f=[]"), sha('self.__next_f.push([1,"a&amp;<\\/b>"])')]);
});

test("@security the CSP never allows inline scripts without a nonce or hash, nor framing", () => {
  for (const csp of [contentSecurityPolicy(), contentSecurityPolicy({ nonce: "abc" }), contentSecurityPolicy({ scriptHashes: [sha("x")] })]) {
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    assert.doesNotMatch(script, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
  }
  assert.match(contentSecurityPolicy({ nonce: "abc" }), /script-src 'self' 'nonce-abc'/);
});

test("@security a client's X-Forwarded-Proto counts only when TRUST_PROXY says a proxy sets it", () => {
  assert.equal(forwardedProto("https", {}), "http");
  assert.equal(forwardedProto("https", { TRUST_PROXY: "false" }), "http");
  assert.equal(forwardedProto("https", { TRUST_PROXY: "true" }), "https");
  assert.equal(forwardedProto("https, http", { TRUST_PROXY: "1" }), "https");
  assert.equal(forwardedProto("http", { TRUST_PROXY: "true" }), "http");
  assert.equal(forwardedProto(undefined, { TRUST_PROXY: "true" }), "http");
});

test("@security the client address is the socket's peer unless a trusted proxy names it (its last hop, not the client's claim)", () => {
  assert.equal(forwardedFor("1.2.3.4", "10.0.0.9", {}), "10.0.0.9");
  assert.equal(forwardedFor("1.2.3.4, 203.0.113.7", "10.0.0.9", { TRUST_PROXY: "true" }), "203.0.113.7");
  assert.equal(forwardedFor(undefined, "10.0.0.9", { TRUST_PROXY: "true" }), "10.0.0.9");
});

test("@security uploads are limited per user and per address within a window, with the seconds to wait", () => {
  let now = 1_000_000;
  const limiter = createRateLimiter(60_000, () => now);
  const take = (user: string, ip: string) => limiter.take([{ key: user, max: 3 }, { key: ip, max: 5 }]);
  for (let i = 0; i < 3; i++) assert.deepEqual(take("user:1", "ip:a"), { ok: true });
  now += 20_000;
  assert.deepEqual(take("user:1", "ip:a"), { ok: false, retryAfterSeconds: 40 });
  // The refused attempt counted against nothing: the address still has two left, for another user.
  assert.deepEqual(take("user:2", "ip:a"), { ok: true });
  assert.deepEqual(take("user:3", "ip:a"), { ok: true });
  assert.equal(take("user:4", "ip:a").ok, false);
  assert.deepEqual(take("user:4", "ip:b"), { ok: true });
  now += 40_000;
  assert.deepEqual(take("user:1", "ip:a"), { ok: true });
  assert.deepEqual(uploadRatePolicy({}), { perUser: 30, perIp: 300, windowMs: 60_000 });
  assert.deepEqual(uploadRatePolicy({ UPLOAD_MAX_PER_USER: "5", UPLOAD_MAX_PER_IP: "x", UPLOAD_WINDOW_SECONDS: "10" }), { perUser: 5, perIp: 300, windowMs: 10_000 });
});
