// An import killed part way (SIGKILL, no chance to clean up) leaves the database as it was:
// integrity intact, every table and total unchanged, and the same import then succeeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { openDatabase } from "@/db/client";
import { randomOrders, wechatBillChunks } from "@/lib/statements/generate";
import { seededTestDb, tempDir } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { checkTotals } from "./totals";

const ROWS = 200_000;

/** How far process `pid` has read `file` (Linux /proc); null while it has not opened it. */
function readPosition(pid: number, file: string): number | null {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"));
      return pos ? Number(pos[1]) : null;
    }
  } catch {
    // The process is gone, or its descriptors are not readable: nothing known.
  }
  return null;
}

test("a killed import leaves nothing behind; the same import then succeeds", async () => {
  const seeded = await seededTestDb();
  approvedVoucherBatch(seeded, "HZ-CRASH-W1");
  const path = seeded.$client.name;
  seeded.$client.close();
  const file = join(tempDir(), "big.csv");
  const out = createWriteStream(file);
  for (const chunk of wechatBillChunks({ rows: randomOrders({ count: ROWS, seed: 11, idPrefix: "K" }) })) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");

  const snapshot = () => {
    const db = openDatabase(path);
    const counts = db.$client
      .prepare(`select (select count(*) from redemptions) r, (select count(*) from redemption_refunds) f, (select count(*) from redemption_totals) t,
                       (select count(*) from statement_imports) i, (select count(*) from merchants) m, (select coalesce(sum(subsidy_fen), 0) from redemption_totals) s`)
      .get();
    db.$client.close();
    return counts;
  };
  const before = snapshot();

  const cli = (args: string[]) => spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], { env: { ...process.env, DATABASE_PATH: path }, stdio: "ignore" });
  const child = cli(["--batch", "HZ-CRASH-W1", "--format", "wechat", file]);
  // Kill it while it reads and stages: once it has read a third of the file (an import takes
  // about a second now, so a fixed delay could land after it committed).
  const third = statSync(file).size / 3;
  const deadline = Date.now() + 60_000;
  while ((readPosition(child.pid!, file) ?? 0) < third && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  assert.equal(child.exitCode, null, "the import finished before it could be killed");
  child.kill("SIGKILL");
  await once(child, "exit");

  const db = openDatabase(path);
  assert.equal(db.$client.pragma("integrity_check", { simple: true }), "ok");
  db.$client.close();
  assert.deepEqual(snapshot(), before, "tables and totals as before the killed import");

  // What it had staged was in its connection's temp file, which went with the process.
  const again = cli(["--batch", "HZ-CRASH-W1", "--format", "wechat", file]);
  const [code] = await once(again, "exit");
  assert.equal(code, 0);
  const after = openDatabase(path);
  const redemptions = after.$client.prepare("select count(*) as n from redemptions").get() as { n: number };
  assert.ok(redemptions.n > ROWS * 0.9);
  assert.deepEqual(checkTotals(after), []);
  after.$client.close();
});
