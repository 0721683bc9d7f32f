// The operators' command: its reconciliation, its one JSON line, its exit status.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateWechatBill, type StatementOrder } from "@/lib/statements/generate";
import { seededTestDb, tempDir } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";

const db = await seededTestDb();
approvedVoucherBatch(db, "HZ-CLI-W1");
const dir = tempDir();
const order = (id: string, voucherFen = 2_000): StatementOrder => ({ orderId: id, merchantId: "1900000301", payer: "oUpF8uMu", time: "2025-06-02 09:30:00", orderFen: 15_000, voucherFen });

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    env: { ...process.env, DATABASE_PATH: db.$client.name },
    encoding: "utf8",
  });
  const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: lastLine.startsWith("{") ? JSON.parse(lastLine) : null };
}

test("npm run import prints the reconciliation and ends with one JSON line", () => {
  const file = join(dir, "bill.csv");
  writeFileSync(file, generateWechatBill({ rows: [order("5100001"), order("5100002"), order("5100003", 0)] }));
  const first = cli("--batch", "HZ-CLI-W1", "--format", "wechat", file);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /rows read\s+3/);
  assert.deepEqual(first.json, { inserted: 2, duplicates: 0, refunds: 0, revoked: 0, nonVoucher: 1, rejected: 0, subsidyFen: 4_000, grossFen: 30_000 });
  const again = cli("--batch", "HZ-CLI-W1", "--format", "auto", file);
  assert.equal(again.status, 0);
  assert.equal(again.json.inserted, 0);
  assert.equal(again.json.duplicates, 3);
});

test("a refused file exits non-zero with its line-numbered reasons; bad usage exits 2", () => {
  const file = join(dir, "broken.csv");
  writeFileSync(file, generateWechatBill({ rows: [order("5200001")] }).toString("utf8").replace("`150.00", "`15x.00"));
  const refused = cli("--batch", "HZ-CLI-W1", "--format", "wechat", file);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /line 2, column 订单金额: amountFormat/);
  assert.equal(refused.json.inserted, 0);
  assert.equal(cli("--batch", "HZ-CLI-W1", "--format", "pdf", file).status, 2);
  assert.equal(cli("--format", "wechat", file).status, 2);
});

test("npm run check-totals agrees with the rows, and fails on a kept total that does not", () => {
  const check = () => spawnSync(process.execPath, ["--import", "tsx", "scripts/check-totals.ts"], { env: { ...process.env, DATABASE_PATH: db.$client.name }, encoding: "utf8" });
  const good = check();
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /totals agree with the rows/);
  db.$client.prepare("update redemption_totals set subsidy_fen = subsidy_fen + 1 where rowid = (select min(rowid) from redemption_totals)").run();
  const bad = check();
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /kept totals differ/);
});
