// `npm test`: every unit test (node:test, no server), then the Playwright e2e suite against
// the production build with a fresh, seeded database. Ends with "tests: N passed, M failed".
import { spawnSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { countTaggedInPlaywright, countTaggedInTap, describeFaultFigures, FAULT_TAG, faultReportPath, SECURITY_TAG, type TaggedCounts } from "../lib/testing/suite-report";
import { buildIfNeeded, ensureAuthSecret, prepareDatabase, serverEnv, ROOT } from "./lib/prepare";

const args = new Set(process.argv.slice(2));
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");
const extra = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function findTests(dir: string, suffix: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(relative(ROOT, path));
  }
  return out.sort();
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The tagged groups' counts over both halves (lib/testing/suite-report.ts). */
const tagged: Record<string, TaggedCounts> = { [SECURITY_TAG]: { passed: 0, failed: 0 }, [FAULT_TAG]: { passed: 0, failed: 0 } };
function addTagged(count: (tag: string) => TaggedCounts) {
  for (const tag of Object.keys(tagged)) {
    const c = count(tag);
    tagged[tag]!.passed += c.passed;
    tagged[tag]!.failed += c.failed;
  }
}

function unitTests(): Counts {
  const files = [...findTests(join(ROOT, "lib"), ".test.ts"), ...findTests(join(ROOT, "db"), ".test.ts"), ...findTests(join(ROOT, "scripts"), ".test.ts")];
  console.log(`\n== unit tests (${files.length} files) ==`);
  const tapFile = join(ROOT, "test-results", "unit.tap");
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      // lib modules import "server-only", which only resolves quietly under this condition.
      "--conditions=react-server",
      "--test",
      "--test-concurrency=1",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { stdio: "inherit", env: serverEnv({ NODE_ENV: "test" }) },
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, "utf8") : "";
  addTagged((tag) => countTaggedInTap(tap, tag));
  const count = (name: string) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? 0);
  const counts = { passed: count("pass"), failed: count("fail") + count("cancelled"), skipped: count("skipped") + count("todo") };
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function ensureBrowser(): boolean {
  const hasChromium = existsSync("/usr/bin/chromium");
  let hasFonts = false;
  try {
    hasFonts = execSync("fc-list :lang=zh family", { encoding: "utf8" }).trim().length > 0;
  } catch {
    hasFonts = false;
  }
  if (hasChromium && hasFonts) return true;
  const missing = [hasChromium ? null : "chromium", hasFonts ? null : "fonts-noto-cjk"].filter(Boolean).join(" ");
  if (process.getuid?.() === 0) {
    console.log(`installing Debian packages: ${missing}`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", ...missing.split(" ")], { stdio: "inherit", env });
    return update.status === 0 && install.status === 0 && existsSync("/usr/bin/chromium");
  }
  console.error(`e2e needs Debian packages that are missing: ${missing}\n  run as root: apt-get install -y ${missing}`);
  return false;
}

async function e2eTests(): Promise<Counts> {
  console.log("\n== e2e tests (Playwright, production build) ==");
  if (!ensureBrowser()) return { passed: 0, failed: 1, skipped: 0 };
  const dataDir = join(ROOT, "data", "e2e");
  rmSync(dataDir, { recursive: true, force: true });
  const dbPath = join(dataDir, "huimin-e2e.db");
  const env = serverEnv({
    DATABASE_PATH: dbPath,
    AUTH_SECRET: ensureAuthSecret(dbPath),
    PLAYWRIGHT_JSON_OUTPUT_NAME: join(ROOT, "test-results", "e2e.json"),
  });
  process.env.DATABASE_PATH = dbPath;
  await prepareDatabase(dbPath);
  buildIfNeeded(env);
  const result = spawnSync("npx", ["playwright", "test", "--reporter=list,json", ...extra], { stdio: "inherit", env });
  const reportFile = join(ROOT, "test-results", "e2e.json");
  if (!existsSync(reportFile)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  addTagged((tag) => countTaggedInPlaywright(report, tag));
  const stats = report.stats as { expected: number; unexpected: number; flaky: number; skipped: number };
  const counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
};
rmSync(faultReportPath(), { force: true });
if (runUnit) add(unitTests());
if (runE2e) add(await e2eTests());
const group = (c: TaggedCounts) => `${c.passed} passed${c.failed ? `, ${c.failed} failed` : ""}`;
console.log(`\nsecurity: ${group(tagged[SECURITY_TAG]!)} (the checklist in the README, "Security: the checklist as tests")`);
const figures = existsSync(faultReportPath()) ? describeFaultFigures(readFileSync(faultReportPath(), "utf8")) : [];
console.log(`faults: ${group(tagged[FAULT_TAG]!)}${figures.map((line) => `\n  ${line}`).join("")}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
