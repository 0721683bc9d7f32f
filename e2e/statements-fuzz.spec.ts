// Fuzzed statements through the production server's upload route (POST /api/batches/[id]/imports,
// then the job process, polled at /api/imports/jobs/[id]): each damaged file is imported whole or
// refused with a message, the server answers /api/health after every one and is still the same
// process at the end, and the batch holds exactly the rows of the imports that were done.
// lib/imports/fuzz.test.ts runs hundreds of mutants in process; these are the ones a server must
// survive: empty, binary, UTF-16, a 10 MB line, a giant field. Named to run after the specs that
// check the demo's figures (the rows are dated 2026 besides, outside the demo's year).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { checkTotals } from "../lib/imports/totals";
import { seededRandom } from "../lib/statements/prng";
import { MUTATORS, statementSamples } from "../lib/testing/statement-mutants";
import { recordFaultFigures } from "../lib/testing/suite-report";
import { e2eDb } from "./support/db";
import { approvedCampaignWithBatch } from "./support/registry";
import { signedIn } from "./support/registry-ui";

const PORT = Number(process.env.E2E_PORT ?? 3210);

/** The pid listening on `port` (Linux: the socket's inode in /proc/net/tcp, then whose fd it is). */
function listeningPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local address "0100007F:0CB3", state 0A = LISTEN, inode in column 10
      if (f[1]?.endsWith(`:${hex}`) && f[3] === "0A") inodes.add(f[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith("socket:[") && inodes.has(target.slice(8, -1))) return Number(pid);
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

// Which mutator on which sample: every kind a server could choke on, plus one clean file and its
// second upload (already imported).
const PLAN: Array<[mutator: string | null, sample: string]> = [
  [null, "wechat-all"],
  [null, "wechat-all"],
  ["empty", "wechat-all"],
  ["binary", "csv-utf8"],
  ["swapEncoding", "csv-gbk"],
  ["tenMbLine", "wechat-success"],
  ["tenMbFile", "csv-utf8"],
  ["giantField", "wechat-all"],
  ["truncate", "wechat-all"],
  ["flipBytes", "csv-utf8"],
  ["deleteColumn", "wechat-success"],
  ["oddAmount", "csv-gbk"],
];

test("@fault fuzzed statements uploaded to the production server are each imported whole or refused with a message; the server stays up, the same process", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36).toUpperCase();
  const { batchId } = approvedCampaignWithBatch({ name: `模糊测试活动${run}`, code: `FZ${run}`, capYuan: "10000000", batchCode: `FZ${run}-W1`, faceValue: "20" });
  const staff = await signedIn(browser, "staff");
  const serverPid = listeningPid(PORT);
  expect(serverPid).not.toBeNull();

  const random = seededRandom(7);
  const figures = { tried: 0, imported: 0, alreadyImported: 0, refused: 0, crashes: 0, halfWritten: 0 };
  let expectedRows = 0;
  let reference: Buffer | null = null;
  for (const [i, [mutator, sampleName]] of PLAN.entries()) {
    const sample = statementSamples(i, { start: "2026-06-01 08:00:00", prefix: `FZ${run}-` }).find((s) => s.name === sampleName)!;
    const bytes = mutator ? MUTATORS[mutator]!(random, sample.bytes, sample) : (reference ??= sample.bytes);
    const label = `${sampleName}/${mutator ?? "clean"}`;
    figures.tried++;
    const answer = await staff.request.post(`/api/batches/${batchId}/imports?format=auto&name=${encodeURIComponent(label)}.csv`, { data: bytes, headers: { "content-type": "application/octet-stream" } });
    if (answer.status() !== 202) {
      // Refused at the door (an empty body): a 4xx with an error code, never a 5xx.
      expect(answer.status(), label).toBeGreaterThanOrEqual(400);
      expect(answer.status(), label).toBeLessThan(500);
      expect(((await answer.json()) as { error?: string }).error, label).toBeTruthy();
      figures.refused++;
    } else {
      const { jobId } = (await answer.json()) as { jobId: number };
      type Job = { status: string; message?: string; error?: string; alreadyImported?: boolean; problems?: Array<{ line: number; reason: string }>; counts?: Record<string, number> };
      let job: Job = { status: "queued" };
      await expect.poll(async () => (job = (await (await staff.request.get(`/api/imports/jobs/${jobId}`)).json()) as Job).status, { timeout: 60_000, intervals: [250, 500, 1_000] }).toMatch(/done|failed/);
      if (job.status === "failed") {
        // What the user reads: a translated message, and each problem's line with its reason.
        expect(job.message, label).toBeTruthy();
        expect(job.error, label).not.toBe("ERROR");
        for (const p of job.problems ?? []) expect(p.reason, label).toBeTruthy();
        figures.refused++;
      } else if (job.alreadyImported) {
        figures.alreadyImported++;
      } else {
        const c = job.counts!;
        expect(c.rowsRead, label).toBe(c.inserted! + c.duplicates! + c.refunds! + c.revoked! + c.nonVoucher! + c.rejected!);
        expectedRows += c.inserted! + c.nonVoucher!;
        figures.imported++;
      }
    }
    expect((await request.get("/api/health")).status(), `health after ${label}`).toBe(200);
  }

  expect(listeningPid(PORT), "the same server process").toBe(serverPid);
  const db = e2eDb();
  // Nothing half-written: the batch holds exactly the rows of the imports that were done.
  const rows = db.$client.prepare(`select count(*) from redemptions where batch_id = ?`).pluck().get(batchId) as number;
  if (rows !== expectedRows) figures.halfWritten++;
  expect(rows).toBe(expectedRows);
  expect(db.$client.prepare(`select count(*) from statement_imports where batch_id = ?`).pluck().get(batchId)).toBe(figures.imported);
  expect(checkTotals(db)).toEqual([]);
  expect(figures.imported).toBeGreaterThan(0);
  expect(figures.refused).toBeGreaterThan(0);
  recordFaultFigures("fuzzed statements, over HTTP", { mutantsTried: figures.tried, imported: figures.imported, alreadyImported: figures.alreadyImported, refused: figures.refused, crashes: figures.crashes, halfWritten: figures.halfWritten, serverRestarts: 0 });
});
