// `npm run bench`: page latency and throughput of the production server with the demo seed plus
// 1,000,000 more redemptions (a generated WeChat bill imported through the operators' command),
// each page beside a trivial dynamic page of the same app measured in the same run; and the public
// page (a cached snapshot) beside a static page of the same app, as an anonymous visitor.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { openDatabase } from "../db/client";
import { randomOrders, wechatBillChunks } from "../lib/statements/generate";
import { findUserByUsername } from "../lib/users/service";
import { buildIfNeeded, ensureAuthSecret, prepareDatabase, ROOT, serverEnv } from "./lib/prepare";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 100);
const CONCURRENCY = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

// The import half runs in its own process, so its peak memory is its own. BENCH_PAGES_ONLY=1 skips it.
if (!process.env.BENCH_PAGES_ONLY) {
  console.log("== statement import (scripts/bench-import.ts)");
  const importBench = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-import.ts"], { stdio: "inherit", env: process.env });
  if (importBench.status !== 0) process.exit(importBench.status ?? 1);
}
console.log("\n== pages");

const dbPath = join(ROOT, "data", "bench", "huimin-bench.db");
rmSync(join(ROOT, "data", "bench"), { recursive: true, force: true });
const secret = ensureAuthSecret(dbPath);
const env = serverEnv({ DATABASE_PATH: dbPath, AUTH_SECRET: secret });
const seedStart = performance.now();
await prepareDatabase(dbPath);
console.log(`seed: ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
buildIfNeeded(env);

// A million more redemptions in a demo batch (its validity, April–May 2025), so the reports read
// kept totals over a million rows, as they would after a large programme.
const LOAD_ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000);
if (LOAD_ROWS > 0) {
  const bill = join(ROOT, "data", "bench", "load.csv");
  mkdirSync(join(ROOT, "data", "bench"), { recursive: true });
  const out = createWriteStream(bill);
  const rows = randomOrders({ count: LOAD_ROWS, seed: 76, idPrefix: "BL", start: "2025-04-01 08:00:00", spacingSeconds: 3 });
  for (const chunk of wechatBillChunks({ rows })) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  const loadStart = performance.now();
  const loaded = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--batch", "HZ25-RETAIL-W1", "--format", "wechat", bill], { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
  if (loaded.status !== 0) throw new Error(`bench load refused: ${loaded.stdout.slice(-500)} ${loaded.stderr.slice(-500)}`);
  console.log(`loaded ${LOAD_ROWS} more rows through npm run import in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
  rmSync(bill, { force: true });
}

// A session cookie for the city manager, minted the way Auth.js does (same secret and salt).
const db = openDatabase(dbPath);
const manager = findUserByUsername(db, "manager")!;
db.$client.close();
const cookieName = "authjs.session-token";
const token = await encode({ secret, salt: cookieName, token: { sub: String(manager.id), uid: manager.id, sv: manager.sessionVersion } });
const headers = { cookie: `${cookieName}=${token}` };

const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env: { ...env, PORT: String(PORT), HOST: "127.0.0.1" }, stdio: "ignore", detached: true });
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stop);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

async function hit(path: string, signedIn = true): Promise<number> {
  const started = performance.now();
  const response = await fetch(BASE + path, { headers: signedIn ? headers : {}, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** p50/p99 of sequential requests, then req/s and p99 under CONCURRENCY clients. */
async function measure(path: string, signedIn = true) {
  for (let i = 0; i < 10; i++) await hit(path, signedIn); // warm up
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) times.push(await hit(path, signedIn));
  times.sort((a, b) => a - b);
  let done = 0;
  const loaded: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        loaded.push(await hit(path, signedIn));
        done++;
      }
    }),
  );
  loaded.sort((a, b) => a - b);
  return { path, p50: percentile(times, 50), p99: percentile(times, 99), loadedP99: percentile(loaded, 99), rps: done / SECONDS };
}

await waitForServer();
// The public page (a cached snapshot of the current data version) beside a static page of the
// same app (the leverage note, prerendered at build), both as an anonymous visitor. Both are warmed
// first, so neither pays the server's first requests.
for (let i = 0; i < 200; i++) await Promise.all([hit("/", false), hit("/leverage", false)]);
const publicPage = await measure("/", false);
const staticPage = await measure("/leverage", false);
const baseline = await measure("/account");
const H1 = "from=2025-01-01&to=2025-06-30";
const overview = await measure(`/reports?${H1}`);
const reportPages = [`/reports/merchants?${H1}`, `/reports/areas?${H1}`, `/reports/trend?${H1}`];
const targets = [...reportPages, "/registry/framework", "/registry/actions/1", "/inbox", "/registry/packages", "/registry/events", "/registry/packages?q=%E6%B1%BD%E8%BD%A6&status=approved&sort=budgetFen&dir=desc", "/registry/carriers", "/registry/policies"];
const results = [publicPage, staticPage, baseline, overview];
for (const path of targets) {
  try {
    results.push(await measure(path));
  } catch (error) {
    console.log(`skipped ${path}: ${(error as Error).message}`);
  }
}
console.log(`\n${SEQUENTIAL} sequential requests for p50/p99, then ${CONCURRENCY} concurrent for ${SECONDS} s; baseline = ${baseline.path} (trivial dynamic page)\n`);
console.log("page".padEnd(70), "p50_ms".padStart(8), "p99_ms".padStart(8), "req/s".padStart(8), "vs_baseline".padStart(12));
for (const r of results) {
  console.log(r.path.padEnd(70), r.p50.toFixed(1).padStart(8), r.p99.toFixed(1).padStart(8), r.rps.toFixed(0).padStart(8), (r.rps / baseline.rps).toFixed(2).padStart(12));
}
console.log("");
console.log(`overview_p50_ms: ${overview.p50.toFixed(1)}`);
console.log(`overview_p99_ms: ${overview.p99.toFixed(1)}`);
console.log(`overview_rps: ${overview.rps.toFixed(0)}`);
console.log(`trivial_rps: ${baseline.rps.toFixed(0)}`);
console.log(`overview_vs_trivial: ${(overview.rps / baseline.rps).toFixed(2)}`);
console.log("");
console.log(`public_rps: ${publicPage.rps.toFixed(0)}`);
console.log(`public_p99_ms (${CONCURRENCY} concurrent): ${publicPage.loadedP99.toFixed(1)}`);
console.log(`static_rps: ${staticPage.rps.toFixed(0)}`);
console.log(`static_p99_ms (${CONCURRENCY} concurrent): ${staticPage.loadedP99.toFixed(1)}`);
console.log(`public_vs_static: ${(publicPage.rps / staticPage.rps).toFixed(2)}`);
stop();
process.exit(0);
