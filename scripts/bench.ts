// `npm run bench`: page latency and throughput of the production server with the demo seed,
// each beside a trivial dynamic page of the same app measured in the same run.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { openDatabase } from "../db/client";
import { findUserByUsername } from "../lib/users/service";
import { buildIfNeeded, ensureAuthSecret, prepareDatabase, ROOT, serverEnv } from "./lib/prepare";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 100);
const CONCURRENCY = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

// The import half runs in its own process, so its peak memory is its own.
console.log("== statement import (scripts/bench-import.ts)");
const importBench = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-import.ts"], { stdio: "inherit", env: process.env });
if (importBench.status !== 0) process.exit(importBench.status ?? 1);
console.log("\n== pages");

const dbPath = join(ROOT, "data", "bench", "huimin-bench.db");
rmSync(join(ROOT, "data", "bench"), { recursive: true, force: true });
const secret = ensureAuthSecret(dbPath);
const env = serverEnv({ DATABASE_PATH: dbPath, AUTH_SECRET: secret });
const seedStart = performance.now();
await prepareDatabase(dbPath);
console.log(`seed: ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
buildIfNeeded(env);

// A session cookie for the city manager, minted the way Auth.js does (same secret and salt).
const db = openDatabase(dbPath);
const manager = findUserByUsername(db, "manager")!;
db.$client.close();
const cookieName = "authjs.session-token";
const token = await encode({ secret, salt: cookieName, token: { sub: String(manager.id), uid: manager.id, sv: manager.sessionVersion } });
const headers = { cookie: `${cookieName}=${token}` };

const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });
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

async function hit(path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(BASE + path, { headers, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(path: string) {
  for (let i = 0; i < 10; i++) await hit(path); // warm up
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) times.push(await hit(path));
  times.sort((a, b) => a - b);
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await hit(path);
        done++;
      }
    }),
  );
  return { path, p50: percentile(times, 50), p99: percentile(times, 99), rps: done / SECONDS };
}

await waitForServer();
const baseline = await measure("/account");
const targets = ["/registry/framework", "/registry/actions/1", "/inbox", "/registry/packages", "/registry/events", "/registry/packages?q=%E6%B1%BD%E8%BD%A6&status=approved&sort=budgetFen&dir=desc", "/registry/carriers", "/registry/policies"];
const results = [baseline];
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
stop();
process.exit(0);
