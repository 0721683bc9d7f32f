// `DATABASE_PATH=<the server's db> tsx scripts/bench-upload.ts [BASE_URL]`: is the server still
// responsive while a large statement is imported? Against a running production server, it adds
// an approved batch to the server's database, signs in as the demo staff user, uploads a
// generated WeChat bill (BENCH_UPLOAD_ROWS rows, 300,000 by default) through the upload route
// and waits for the import, while one client asks /api/health back to back. Prints the health
// latencies before, during the upload, and during the import.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { databasePath, openDatabase } from "../db/client";
import { DEMO_PASSWORD } from "../db/seed/demo";
import { randomOrders, wechatBillChunks } from "../lib/statements/generate";
import { approvedVoucherBatch } from "../lib/testing/vouchers";

const BASE = process.argv[2] ?? "http://127.0.0.1:3241";
const ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 300_000);
const run = Date.now().toString(36).toUpperCase();

// An approved batch for the bill, written straight into the server's database.
const db = openDatabase(databasePath());
// The demo seed's approved action 1 (the server's database is seeded with the registry).
const actionId = db.$client.prepare(`select id from actions where number = 1`).pluck().get() as number | undefined;
const { batchId } = approvedVoucherBatch(db, `BENCH-UP-${run}`, "wechat", actionId);
db.$client.close();

const dir = mkdtempSync(join(tmpdir(), "huimin-bench-upload-"));
const file = join(dir, "bill.csv");
const out = createWriteStream(file);
for (const chunk of wechatBillChunks({ rows: randomOrders({ count: ROWS, seed: 7, idPrefix: `U${run}` }) })) if (!out.write(chunk)) await once(out, "drain");
out.end();
await once(out, "finish");
const bytes = statSync(file).size;
console.log(`bill: ${ROWS} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB; batch ${batchId}`);

// Auth.js's own credentials sign-in, as a browser would post it.
const cookies = new Map<string, string>();
const keep = (response: Response) => {
  for (const c of response.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const csrf = await fetch(`${BASE}/api/auth/csrf`);
keep(csrf);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const signIn = await fetch(`${BASE}/api/auth/callback/credentials`, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
  body: new URLSearchParams({ csrfToken, username: "staff", password: DEMO_PASSWORD, callbackUrl: BASE }),
  redirect: "manual",
});
keep(signIn);
if (![...cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${signIn.status})`);

// One client asking /api/health back to back, the whole time.
const samples: Array<{ at: number; ms: number }> = [];
let probing = true;
const probe = (async () => {
  while (probing) {
    const at = performance.now();
    try {
      await (await fetch(`${BASE}/api/health`)).arrayBuffer();
    } catch {
      // counted by its latency
    }
    samples.push({ at, ms: performance.now() - at });
    await new Promise((r) => setTimeout(r, 20));
  }
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await sleep(2_000);
const uploadStart = performance.now();
const upload = await fetch(`${BASE}/api/batches/${batchId}/imports?format=wechat&name=bench.csv`, {
  method: "POST",
  headers: { "content-type": "application/octet-stream", "content-length": String(bytes), cookie: cookieHeader(), origin: BASE },
  body: Readable.toWeb(createReadStream(file)) as ReadableStream,
  duplex: "half",
} as RequestInit);
const answer = (await upload.json()) as Record<string, unknown>;
const uploadEnd = performance.now();
let importEnd = uploadEnd;
let outcome = answer;
if (upload.status === 202) {
  // Off the request path: poll the job as the upload form does.
  for (;;) {
    await sleep(1_000);
    const job = (await (await fetch(`${BASE}/api/imports/jobs/${answer.jobId}`, { headers: { cookie: cookieHeader() } })).json()) as Record<string, unknown>;
    if (job.status === "done" || job.status === "failed") {
      importEnd = performance.now();
      outcome = job;
      break;
    }
  }
} else if (upload.status !== 200) {
  throw new Error(`upload answered ${upload.status}: ${JSON.stringify(answer)}`);
}
await sleep(2_000);
probing = false;
await probe;
rmSync(dir, { recursive: true, force: true });

const stats = (label: string, from: number, to: number) => {
  const ms = samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms).sort((a, b) => a - b);
  if (ms.length === 0) return console.log(`${label}: no samples`);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(0);
  console.log(`${label} (${((to - from) / 1000).toFixed(1)} s): ${ms.length} health answers, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${ms.at(-1)!.toFixed(0)} ms`);
};
console.log(`upload answered ${upload.status} after ${((uploadEnd - uploadStart) / 1000).toFixed(1)} s; import done ${((importEnd - uploadStart) / 1000).toFixed(1)} s after the upload began`);
console.log(`outcome: ${JSON.stringify({ status: outcome.status ?? upload.status, counts: outcome.counts, error: outcome.error })}`);
stats("before the upload", 0, uploadStart);
stats("during the upload request", uploadStart, uploadEnd);
if (importEnd > uploadEnd) stats("during the import (after 202)", uploadEnd, importEnd);
