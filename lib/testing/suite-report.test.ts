import { test } from "node:test";
import assert from "node:assert/strict";
import { countTaggedInPlaywright, countTaggedInTap, describeFaultFigures } from "./suite-report";

test("tagged tests are counted in a node:test TAP report, nested or not, skips left out", () => {
  const tap = [
    "# Subtest: file.test.ts",
    "    ok 1 - @security a login is throttled",
    "    not ok 2 - @security the CSP has no unsafe-inline",
    "    ok 3 - an untagged test",
    "    ok 4 - @security later # SKIP",
    "ok 1 - @fault crash during import",
    "ok 2 - file.test.ts",
  ].join("\n");
  assert.deepEqual(countTaggedInTap(tap, "@security"), { passed: 1, failed: 1 });
  assert.deepEqual(countTaggedInTap(tap, "@fault"), { passed: 1, failed: 0 });
});

test("tagged tests are counted in Playwright's JSON report, by title or tag, at any depth", () => {
  const report = {
    suites: [
      {
        specs: [
          { title: "headers @security", ok: true, tags: ["security"], tests: [{ status: "expected" }] },
          { title: "untagged", ok: false, tests: [{ status: "unexpected" }] },
        ],
        suites: [{ specs: [{ title: "writers", ok: false, tags: ["@fault"], tests: [{ status: "unexpected" }] }, { title: "skipped @fault", ok: true, tests: [{ status: "skipped" }] }] }],
      },
    ],
  };
  assert.deepEqual(countTaggedInPlaywright(report, "@security"), { passed: 1, failed: 0 });
  assert.deepEqual(countTaggedInPlaywright(report, "@fault"), { passed: 0, failed: 1 });
});

test("fault figures print one line per record", () => {
  const jsonl = `${JSON.stringify({ name: "crash during import", figures: { rows: 200000, rows_lost: 0 } })}\n`;
  assert.deepEqual(describeFaultFigures(jsonl), ["crash during import: rows 200000, rows_lost 0"]);
});
