// Tests of modules that import next-auth (lib/auth/auth.ts, every "use server" file, the guard).
//
// next-auth imports next/navigation, which needs React's client build; under the unit runner's
// `--conditions=react-server` React has no createContext and the import fails. A test file
// that calls `plainNodeTests` re-runs itself in a child Node process without that condition
// ("server-only" stubbed by lib/testing/plain-node.mjs) and reports each of the child's tests
// in the parent under the same name, so `npm run test:unit` counts and names them as usual.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ROOT } from "./source";

const CHILD_ENV = "HUIMIN_PLAIN_NODE_TEST";

export type PlainNodeCase = [name: string, fn: () => void | Promise<void>];

/** True in the child process that runs `file`'s cases. */
export function isPlainNodeChild(moduleUrl: string): boolean {
  return process.env[CHILD_ENV] === fileURLToPath(moduleUrl);
}

/**
 * In the child: runs `setup`, then registers every case as a test. In the parent: runs the
 * file in a child process and registers one test per case, passing when the child's did.
 */
export async function plainNodeTests(moduleUrl: string, cases: PlainNodeCase[], setup?: () => Promise<void>): Promise<void> {
  const self = fileURLToPath(moduleUrl);
  if (isPlainNodeChild(moduleUrl)) {
    await setup?.();
    for (const [name, fn] of cases) test(name, fn);
    return;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, [CHILD_ENV]: self };
  // Without this the child would talk node:test's internal protocol instead of TAP.
  delete env.NODE_TEST_CONTEXT;
  const child = spawnSync(
    process.execPath,
    ["--import", "./lib/testing/plain-node.mjs", "--import", "tsx", "--test", "--test-reporter=tap", self],
    { env, encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const output = `${child.stdout}\n${child.stderr}`;
  // Top-level TAP results: "ok 3 - name" / "not ok 3 - name", then an indented YAML block.
  const results = new Map<string, { ok: boolean; details: string }>();
  const lines = (child.stdout ?? "").split("\n");
  lines.forEach((line, i) => {
    const m = /^(not )?ok \d+ - (.*)$/.exec(line);
    if (!m) return;
    let end = i + 1;
    while (end < lines.length && /^\s/.test(lines[end]!)) end++;
    results.set(m[2]!.replace(/\\#/g, "#").replace(/\\\\/g, "\\"), { ok: !m[1], details: lines.slice(i, end).join("\n") });
  });
  // The child's diagnostics (t.diagnostic) belong in the parent's output too.
  const diagnostics = lines
    .filter((l) => /^\s*# (?!Subtest: |(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$)/.test(l))
    .map((l) => l.replace(/^\s*# /, ""));

  test(`${self.slice(ROOT.length + 1)}: the child process (plain Node, no react-server condition) ran`, (t) => {
    for (const d of diagnostics) t.diagnostic(d);
    assert.equal(child.error, undefined);
    assert.equal(child.status, 0, output);
  });
  for (const [name] of cases) {
    test(name, () => {
      const result = results.get(name);
      assert.ok(result, `did not run in the child process:\n${output}`);
      assert.ok(result.ok, result.details);
    });
  }
}
