// What `npm start` and `npm test` both do before a server runs: a secret, a migrated and
// seeded database, a production build that matches the sources.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { databasePath, openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { describeDemoCounts, isEmpty, seedDemo } from "../../db/seed/demo";

export const ROOT = process.cwd();

/** AUTH_SECRET from the environment, or one generated once and kept beside the database (never in the repo). */
export function ensureAuthSecret(dbPath = databasePath()): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = join(dirname(dbPath), ".auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Migrates the database (creating it if absent) and seeds the demo data when it is empty. */
export async function prepareDatabase(dbPath = databasePath()): Promise<{ seeded: boolean }> {
  const db = openDatabase(dbPath);
  try {
    migrateDatabase(db);
    if (!isEmpty(db)) return { seeded: false };
    const started = performance.now();
    const counts = await seedDemo(db);
    console.log(`seeded demo data in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeDemoCounts(counts)}`);
    return { seeded: true };
  } finally {
    db.$client.close();
  }
}

const SOURCE_ENTRIES = ["app", "lib", "db", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json"];

function walk(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), out);
  } else {
    out.push(path);
  }
}

/** A hash of everything the build depends on: rebuild when it changes. */
export function sourceStamp(): string {
  const files: string[] = [];
  for (const entry of SOURCE_ENTRIES) walk(join(ROOT, entry), files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const STAMP_FILE = join(ROOT, ".next", "huimin-source-stamp");

/** Runs `next build` unless the last build was made from the same sources. */
export function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  const stamp = sourceStamp();
  const built = existsSync(join(ROOT, ".next", "BUILD_ID")) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, "utf8") === stamp;
  if (built) {
    console.log("production build is up to date");
    return;
  }
  console.log("building the production bundle (next build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`next build failed with status ${result.status}`);
  writeFileSync(STAMP_FILE, stamp);
}

export function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}
