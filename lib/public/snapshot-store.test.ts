import { test } from "node:test";
import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createSnapshotStore, negotiateEncoding, snapshotAnswer, type Render } from "./snapshot-store";

const HTML = "<!DOCTYPE html><html><body>" + "惠民 1 : 76 ".repeat(500) + "</body></html>";

/** A render that counts its calls and can be held open, failed, or given new content. */
function fakeRender() {
  const state = { calls: [] as string[], fail: false, body: HTML, gate: null as Promise<void> | null };
  const render: Render = async (key) => {
    state.calls.push(key);
    if (state.gate) await state.gate;
    if (state.fail) throw new Error("boom");
    return { headers: { "content-type": "text/html; charset=utf-8", "x-frame-options": "DENY" }, html: new TextEncoder().encode(`${state.body}<!--${key}-->`) };
  };
  return { state, render };
}

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test("concurrent requests for a missing page share one render; the bytes are the page in every encoding", async () => {
  const { state, render } = fakeRender();
  let open!: () => void;
  state.gate = new Promise((r) => (open = r));
  const store = createSnapshotStore({ render });
  const waiting = Array.from({ length: 20 }, () => store.get("/snapshot/zh-CN/v/a-1"));
  open();
  const got = await Promise.all(waiting);
  assert.equal(state.calls.length, 1);
  assert.ok(got.every((s) => s === got[0]));
  const snapshot = got[0]!;
  const text = `${HTML}<!--/snapshot/zh-CN/v/a-1-->`;
  assert.equal(new TextDecoder().decode(snapshot.bodies.identity), text);
  assert.equal(gunzipSync(snapshot.bodies.gzip).toString("utf8"), text);
  assert.equal(brotliDecompressSync(snapshot.bodies.br).toString("utf8"), text);
  assert.ok(snapshot.bodies.br.byteLength < snapshot.bodies.identity.byteLength / 5, "compressed");
  // Served from memory afterwards.
  await store.get("/snapshot/zh-CN/v/a-1");
  assert.equal(state.calls.length, 1);
});

test("an old page is served while one re-render runs behind it, then the new one", async () => {
  const { state, render } = fakeRender();
  const c = clock();
  const store = createSnapshotStore({ render, maxAgeMs: 300_000, now: c.now });
  const first = await store.get("k");
  c.t += 299_999;
  assert.equal(await store.get("k"), first, "fresh");
  assert.equal(state.calls.length, 1);
  c.t += 1;
  state.body = "<html>new</html>";
  let open!: () => void;
  state.gate = new Promise((r) => (open = r));
  const stale = await Promise.all([store.get("k"), store.get("k"), store.get("k")]);
  assert.ok(stale.every((s) => s === first), "the stale page, without waiting");
  assert.equal(state.calls.length, 2, "one re-render");
  open();
  await new Promise((r) => setTimeout(r, 50));
  const renewed = await store.get("k");
  assert.notEqual(renewed, first);
  assert.equal(new TextDecoder().decode(renewed!.bodies.identity), "<html>new</html><!--k-->");
  assert.notEqual(renewed!.etag, first!.etag);
});

test("the store keeps only its newest keys", async () => {
  const { state, render } = fakeRender();
  const store = createSnapshotStore({ render, maxEntries: 3 });
  for (const key of ["v1", "v2", "v3", "v4"]) await store.get(key);
  assert.deepEqual(store.keys(), ["v2", "v3", "v4"]);
  await store.get("v2"); // used: now the newest
  await store.get("v5");
  assert.deepEqual(store.keys(), ["v4", "v2", "v5"]);
  await store.get("v1");
  assert.equal(state.calls.filter((k) => k === "v1").length, 2, "an evicted key is rendered again");
});

test("a failed render gives null (the caller renders per request) and is not retried for a while; a failed refresh keeps the old page", async () => {
  const { state, render } = fakeRender();
  const c = clock();
  const errors: string[] = [];
  const store = createSnapshotStore({ render, retryMs: 10_000, maxAgeMs: 300_000, now: c.now, onError: (key) => errors.push(key) });
  state.fail = true;
  assert.equal(await store.get("k"), null);
  assert.equal(await store.get("k"), null);
  assert.equal(state.calls.length, 1, "not retried at once");
  assert.deepEqual(errors, ["k"]);
  c.t += 10_000;
  state.fail = false;
  const page = await store.get("k");
  assert.ok(page);
  assert.equal(state.calls.length, 2);

  c.t += 300_000;
  state.fail = true;
  assert.equal(await store.get("k"), page, "stale, refreshing");
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(await store.get("k"), page, "the refresh failed: still the old page");
  assert.equal(state.calls.length, 3);
});

test("encodings: Brotli, then gzip, by the client's weights; none when neither is accepted", () => {
  const cases: Array<[string | null, string]> = [
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0.5, br;q=0.4", "gzip"],
    ["*", "br"],
    ["*;q=0", "identity"],
    ["identity", "identity"],
    ["deflate", "identity"],
    ["", "identity"],
    [null, "identity"],
  ];
  for (const [header, expected] of cases) assert.equal(negotiateEncoding(header), expected, String(header));
});

test("the answer: the bytes in the chosen encoding with their length and the page's headers, 304 for the client's own copy, no body for HEAD", async () => {
  const { render } = fakeRender();
  const snapshot = (await createSnapshotStore({ render }).get("k"))!;
  const ask = (method: string, headers: Record<string, string>) => snapshotAnswer(snapshot, { method, header: (name) => headers[name] ?? null });

  const br = ask("GET", { "accept-encoding": "gzip, br" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers["vary"], "Accept-Encoding");
  assert.equal(br.headers["etag"], snapshot.etag);
  assert.equal(br.headers["cache-control"], "public, max-age=0, must-revalidate");
  assert.equal(br.headers["last-modified"], snapshot.renderedAt.toUTCString());
  assert.equal(br.headers["x-frame-options"], "DENY");
  assert.equal(br.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(br.body, snapshot.bodies.br);
  assert.equal(br.headers["content-length"], String(snapshot.bodies.br.byteLength));

  const plain = ask("GET", {});
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(plain.body, snapshot.bodies.identity);

  const revalidated = ask("GET", { "if-none-match": snapshot.etag, "accept-encoding": "gzip" });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.body, null);
  assert.equal(ask("GET", { "if-none-match": 'W/"other"' }).status, 200);

  const head = ask("HEAD", { "accept-encoding": "gzip" });
  assert.equal(head.status, 200);
  assert.equal(head.headers["content-length"], String(snapshot.bodies.gzip.byteLength));
  assert.equal(head.body, null);
});
