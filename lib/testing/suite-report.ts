// What the suite reports at its end besides pass/fail (scripts/test.ts): how many of the
// security checklist's tests and of the fault-injection tests passed, and the figures the fault
// tests measured. A test joins a group by a tag in its title — "@security" or "@fault" — in
// node:test and Playwright alike (Playwright also lists them as tags). A fault test records its
// figures (rows tried, rows lost, requests held…) with recordFaultFigures; they are appended to
// one JSON-lines file, which scripts/test.ts empties before the run and prints after it.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export const SECURITY_TAG = "@security";
export const FAULT_TAG = "@fault";

export function faultReportPath(): string {
  return process.env.HUIMIN_FAULT_REPORT ?? join(process.cwd(), "test-results", "faults.jsonl");
}

export type FaultFigures = Record<string, number | string | boolean>;

/** Records what a fault test measured, under its name (one line per call). */
export function recordFaultFigures(name: string, figures: FaultFigures): void {
  const path = faultReportPath();
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify({ name, figures })}\n`);
}

export interface TaggedCounts {
  passed: number;
  failed: number;
}

/** Counts a tag's tests in a node:test TAP report (top-level and nested "ok"/"not ok" lines). */
export function countTaggedInTap(tap: string, tag: string): TaggedCounts {
  const counts = { passed: 0, failed: 0 };
  for (const match of tap.matchAll(/^\s*(not )?ok \d+ - (.*)$/gm)) {
    if (!match[2]!.includes(tag) || /# SKIP|# TODO/.test(match[2]!)) continue;
    if (match[1]) counts.failed++;
    else counts.passed++;
  }
  return counts;
}

interface PlaywrightSpec {
  title: string;
  ok: boolean;
  tags?: string[];
  tests?: Array<{ status?: string }>;
}
interface PlaywrightSuite {
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}

/** Counts a tag's tests in Playwright's JSON report. */
export function countTaggedInPlaywright(report: { suites?: PlaywrightSuite[] }, tag: string): TaggedCounts {
  const counts = { passed: 0, failed: 0 };
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      const tags = spec.tags ?? [];
      const tagged = spec.title.includes(tag) || tags.includes(tag) || tags.includes(tag.slice(1));
      const skipped = (spec.tests ?? []).every((t) => t.status === "skipped");
      if (!tagged || skipped) continue;
      if (spec.ok) counts.passed++;
      else counts.failed++;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return counts;
}

/** The fault tests' figures, one line each: "name: key value, key value". */
export function describeFaultFigures(jsonl: string): string[] {
  return jsonl
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const { name, figures } = JSON.parse(line) as { name: string; figures: FaultFigures };
      return `${name}: ${Object.entries(figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`;
    });
}
