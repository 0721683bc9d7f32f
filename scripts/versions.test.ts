// Versions the security notes require (/work/shared/security.md): next ≥ 16.2.11 for the 2025–26
// advisories (middleware bypass, React2Shell, server-action fixes); better-sqlite3 12.x
// (≥ 12.8, < 13 on Node 20) bundling SQLite ≥ 3.51.3, which fixes a WAL corruption bug.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

const ROOT = join(import.meta.dirname, "..");
function installed(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** Compares dotted versions numerically ("16.10.0" > "16.9.9"); a prerelease suffix counts below its release. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split("-", 2) as [string, string | undefined];
    return { nums: core.split(".").map((n) => Number.parseInt(n, 10)), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

test("compareVersions orders versions numerically", () => {
  assert.equal(compareVersions("16.2.11", "16.2.11"), 0);
  assert.equal(compareVersions("16.2.10", "16.2.11"), -1);
  assert.equal(compareVersions("16.10.0", "16.2.11"), 1);
  assert.equal(compareVersions("16.2.11-canary.3", "16.2.11"), -1);
  assert.equal(compareVersions("3.51.3", "3.51.10"), -1);
  assert.equal(compareVersions("17.0.0", "16.99.99"), 1);
});

test("@security installed next is at least 16.2.11", () => {
  const version = installed("next");
  assert.ok(compareVersions(version, "16.2.11") >= 0, `next ${version} is below 16.2.11: upgrade (security advisories)`);
});

test("installed eslint-config-next matches next", () => {
  assert.equal(installed("eslint-config-next"), installed("next"));
});

test("better-sqlite3 is 12.x, at least 12.8", () => {
  const version = installed("better-sqlite3");
  assert.equal(version.split(".")[0], "12", `better-sqlite3 ${version}: stay on 12.x (13 does not run on Node 20)`);
  assert.ok(compareVersions(version, "12.8.0") >= 0, `better-sqlite3 ${version} is below 12.8`);
});

test("the bundled SQLite is at least 3.51.3", () => {
  const db = new Database(":memory:");
  const { v } = db.prepare("select sqlite_version() as v").get() as { v: string };
  db.close();
  assert.ok(compareVersions(v, "3.51.3") >= 0, `SQLite ${v} is below 3.51.3 (WAL corruption fix)`);
});

test("package.json pins the versions that are installed", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  for (const name of ["next", "better-sqlite3", "next-auth", "drizzle-orm", "drizzle-kit", "react", "zod"]) {
    const wanted = pkg.dependencies[name] ?? pkg.devDependencies[name];
    assert.equal(installed(name), wanted, `${name}: package.json says ${wanted}, node_modules has ${installed(name)}`);
  }
});
