import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "@playwright/test";
import { generateWechatBill, type StatementOrder } from "../lib/statements/generate";
import { unique } from "./support/admin";
import { approvedCampaignWithBatch } from "./support/registry";
import { signedIn } from "./support/registry-ui";

// A city batch with one payer redeeming eight vouchers (150 yuan orders, 20 off each) among three
// ordinary orders (200 yuan, 20 off), imported with the operators' command, which runs the checks.
// The city manager finds the repeat-payer flag with its eight rows, confirms it, excludes it —
// the batch's figures drop by exactly those rows and say so — and restores it; re-runs the
// checks, which are queued and run in their own process, and the page follows them.

test.describe.configure({ mode: "serial" });

const run = unique("").toUpperCase();
const batchCode = `E2E-${run}-AN`;
const payer = `oRpt${run}`;
let batchId = 0;
let flagPath = "";

test("a statement with one payer redeeming eight vouchers is imported and flagged", () => {
  ({ batchId } = approvedCampaignWithBatch({ name: `e2e 异常核查 ${run}`, code: `E2E-${run}-ANC`, capYuan: "100000", batchCode, faceValue: "20" }));
  const order = (i: number, who: string, orderFen: number, merchantId: string): StatementOrder => ({
    orderId: `${run}AN${String(i).padStart(4, "0")}`, merchantId, merchantName: `e2e 商户 ${merchantId.slice(-2)}`, payer: who, time: `2026-06-${String(10 + i).padStart(2, "0")} 12:00:00`, orderFen, voucherFen: 2_000,
  });
  const rows = [
    ...Array.from({ length: 8 }, (_, i) => order(i, payer, 15_000, i % 2 ? "1900009911" : "1900009912")),
    ...Array.from({ length: 3 }, (_, i) => order(8 + i, `oOther${run}${i}`, 20_000, "1900009912")),
  ];
  const file = join(mkdtempSync(join(tmpdir(), "huimin-e2e-")), "bill.csv");
  writeFileSync(file, generateWechatBill({ rows }));
  const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--batch", batchCode, "--format", "wechat", file], { encoding: "utf8", env: process.env });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain("anomaly checks: 1 new flags");
});

test("the manager reviews the flag, confirms and excludes it; the batch's figures drop by exactly its rows; then restores it", async ({ browser }) => {
  test.setTimeout(90_000);
  const manager = await signedIn(browser, "manager");
  const figures = manager.getByTestId("leverage-actual");
  await manager.goto(`/registry/batches/${batchId}`);
  await expect(figures).toContainText("补贴 220.00 元，拉动消费 1,800.00 元，核销 11 笔");
  await expect(manager.getByTestId("exclusion-notice")).toHaveCount(0);

  await manager.goto(`/reports/anomalies?batch=${batchId}`);
  const row = manager.getByTestId("table-anomaly-flags-row").filter({ hasText: "同一付款人多次核销" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("同一付款人核销 8 张（上限 5 张）");
  // The payer id shows its first four characters only.
  await expect(row).toContainText("付款人 oRpt…");
  await expect(row).not.toContainText(payer);
  await row.getByRole("link").click();
  await manager.waitForURL(/\/reports\/anomalies\/\d+$/);
  flagPath = new URL(manager.url()).pathname;
  await expect(manager.getByTestId("table-anomaly-rows-row")).toHaveCount(8);
  await expect(manager.getByTestId("flag-figures")).toHaveText("8 笔核销，补贴 160.00 元，订单金额 1,200.00 元（已冲减退款）");

  const decide = manager.getByTestId("decide-flag");
  await decide.getByLabel("结论").selectOption({ label: "已确认" });
  await decide.getByLabel("核查说明").fill("同一微信用户一周内在两家商户核销 8 张，经电话核实为代领代用");
  await decide.getByRole("button", { name: "保存结论" }).click();
  await expect(manager.getByTestId("flag-status")).toHaveText("已确认");
  await expect(manager.getByTestId("flag-decision")).toContainText("经电话核实为代领代用");

  await manager.getByTestId("exclude-flag").getByRole("button", { name: "剔除这些核销" }).click();
  await expect(manager.getByTestId("flag-excluded")).toHaveText("已剔除");
  await expect(manager.getByTestId("table-anomaly-rows-row").filter({ hasText: "已剔除" })).toHaveCount(8);

  // 220 − 160 = 60 yuan of subsidy, 1,800 − 1,200 = 600 yuan of orders, 11 − 8 = 3 redemptions.
  await manager.goto(`/registry/batches/${batchId}`);
  await expect(figures).toContainText("补贴 60.00 元，拉动消费 600.00 元，核销 3 笔");
  const notice = manager.getByTestId("exclusion-notice");
  await expect(notice).toContainText("8 笔核销（补贴 160.00 元，订单金额 1,200.00 元）经核查已从统计中剔除");
  await notice.getByRole("link", { name: "查看核查记录" }).click();
  await expect(manager.getByTestId("table-anomaly-flags-row")).toHaveCount(1);

  await manager.goto(flagPath);
  await manager.getByTestId("restore-flag").getByRole("button", { name: "恢复计入统计" }).click();
  await expect(manager.getByTestId("flag-excluded")).toHaveCount(0);
  await manager.goto(`/registry/batches/${batchId}`);
  await expect(figures).toContainText("补贴 220.00 元，拉动消费 1,800.00 元，核销 11 笔");
  await expect(manager.getByTestId("exclusion-notice")).toHaveCount(0);
});

test("the manager re-runs the checks: they are queued, run in their own process, and the page shows when they finished", async ({ browser }) => {
  test.setTimeout(90_000);
  const manager = await signedIn(browser, "manager");
  await manager.goto(`/reports/anomalies?batch=${batchId}`);
  const status = manager.getByTestId("checks-status");
  await manager.getByTestId("rerun-checks").getByRole("button", { name: "重新核查" }).click();
  await expect(manager.getByTestId("rerun-checks")).toContainText("已排队重新核查");
  // The page follows the job and is drawn again when it ends (every approved batch of the city: a few seconds).
  await expect(status).toHaveAttribute("data-state", "idle", { timeout: 60_000 });
  await expect(status).toContainText("最近一次核查完成于");
  await expect(manager.getByTestId("table-anomaly-flags-row").filter({ hasText: "同一付款人多次核销" })).toHaveCount(1);
});

test("a county manager cannot see a city batch's flag; the auditor reads it without the forms", async ({ browser }) => {
  const county = await signedIn(browser, "caoxian.manager");
  const answer = await county.goto(flagPath);
  expect(answer?.status()).toBe(404);
  const auditor = await signedIn(browser, "auditor");
  await auditor.goto(flagPath);
  await expect(auditor.getByTestId("table-anomaly-rows-row")).toHaveCount(8);
  await expect(auditor.getByTestId("flag-read-only")).toBeVisible();
  await expect(auditor.getByTestId("decide-flag")).toHaveCount(0);

  // Each decision is in the audit log with what it changed.
  const flagId = flagPath.split("/").at(-1)!;
  await auditor.goto("/audit?actor=manager");
  const decided = auditor.getByTestId("audit-row").filter({ hasText: "anomaly.decide" }).filter({ hasText: `#${flagId}` });
  await expect(decided).toHaveCount(1);
  await expect(decided).toContainText('"status": "confirmed"');
  for (const action of ["anomaly.exclude", "anomaly.restore"]) await expect(auditor.getByTestId("audit-row").filter({ hasText: action }).filter({ hasText: `#${flagId}` })).toHaveCount(1);
});
