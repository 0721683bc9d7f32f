import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { contentSecurityPolicy, inlineScriptHashes } from "./csp";
import { forwardedProto } from "./transport";

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
