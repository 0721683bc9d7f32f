import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateWechatBill, randomOrders, wechatBillChunks } from "../lib/statements/generate";
import { test, expect } from "@playwright/test";
import { unique } from "./support/admin";
import { approvedCampaignWithBatch } from "./support/registry";
import { approveInInbox, fillRecord, saveAndSubmit, signedIn } from "./support/registry-ui";

// A voucher campaign and its batch through the registry's pages: city staff register both,
// the city manager approves each in the inbox, and the batch page reads its terms as 满 200 减 50
// with the mechanical leverage floor ≥ 1 : 4 — and no actual leverage before any import.
// Codes are unique per run (the demo seed may hold campaigns of its own).

test.describe.configure({ mode: "serial" });

const run = unique("").toUpperCase();
const campaignName = `e2e 汽车消费券 ${run}`;
const campaignCode = `E2E-${run}`;
const batchCode = `E2E-${run}-W1`;

test("city staff register a campaign and a batch; the city manager approves both; the batch shows its floor", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  const manager = await signedIn(browser, "manager");

  await staff.goto("/registry/campaigns");
  await staff.getByTestId("new-record").click();
  const form = staff.getByTestId("record-form");
  await fillRecord(form, {
    名称: campaignName,
    编号: campaignCode,
    "市级财政资金（元）": "3,000,000",
    "县级财政资金（元）": "1,000,000",
    "企业/平台配套（元）": "500,000",
    "预算上限（元）": "4,500,000",
    开始日期: "2025-03-01",
    结束日期: "2025-06-30",
  });
  // One of the demo's approved actions.
  await form.getByLabel("所属行动", { exact: true }).selectOption({ index: 1 });
  await form.getByLabel("微信支付", { exact: true }).check();
  await form.getByLabel("支付宝", { exact: true }).check();
  const campaignPath = await saveAndSubmit(staff, "campaigns");
  await expect(staff.getByTestId("record-values")).toContainText(campaignCode);
  await approveInInbox(manager, campaignName, { type: "消费券活动", values: [campaignCode, "4,500,000.00", "微信支付"] });
  await staff.goto(campaignPath);
  await expect(staff.getByTestId("record-status")).toHaveText("已通过");

  await staff.goto("/registry/batches/new");
  const batchForm = staff.getByTestId("record-form");
  await fillRecord(batchForm, {
    所属活动: { select: `${campaignName}（${campaignCode}）` },
    编号: batchCode,
    发放渠道: { select: "银行" },
    "面额（元）": "50",
    "使用门槛（元）": "50",
    "发放数量（张）": "10000",
    有效期自: "2025-02-01",
    有效期至: "2025-03-31",
  });
  // Refused per field: threshold not above the face value.
  await batchForm.getByRole("button", { name: "保存草稿" }).click();
  await expect(batchForm.getByText("门槛须高于面额（无门槛券请留空）。")).toBeVisible();
  await fillRecord(batchForm, { "使用门槛（元）": "200" });
  // Then the campaign's rules: the channel is not among its channels …
  await batchForm.getByRole("button", { name: "保存草稿" }).click();
  await expect(batchForm.getByText("所属活动未开通该渠道。")).toBeVisible();
  await fillRecord(batchForm, { 发放渠道: { select: "微信支付" } });
  // … and the validity starts before the campaign.
  await batchForm.getByRole("button", { name: "保存草稿" }).click();
  await expect(batchForm.getByText("有效期须在所属活动期间之内。")).toBeVisible();
  await fillRecord(batchForm, { 有效期自: "2025-03-01" });
  const batchPath = await saveAndSubmit(staff, "batches");
  await approveInInbox(manager, batchCode, { type: "发放批次", values: ["50.00", "200.00", "10,000"] });

  await staff.goto(batchPath);
  await expect(staff.getByTestId("record-status")).toHaveText("已通过");
  await expect(staff.getByTestId("batch-terms")).toHaveText("满 200 减 50");
  await expect(staff.getByTestId("record-values").getByTestId("leverage-floor")).toHaveText("≥ 1 : 4");
  await expect(staff.getByTestId("leverage-actual")).toContainText("—");

  // The list shows the floor too, beside an actual leverage that waits for imports.
  await staff.goto(`/registry/batches?q=${batchCode}`);
  const row = staff.getByTestId("registry-row").filter({ hasText: batchCode });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("leverage-floor")).toHaveText("≥ 1 : 4");
  await expect(row).toContainText("满 200 减 50");
});

/** Imports a WeChat bill into a batch with the operators' command; returns its JSON summary. */
function importByCommand(code: string, rows: Parameters<typeof generateWechatBill>[0]["rows"]) {
  const dir = mkdtempSync(join(tmpdir(), "huimin-e2e-"));
  const file = join(dir, "bill.csv");
  writeFileSync(file, generateWechatBill({ rows }));
  const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--batch", code, "--format", "wechat", file], { encoding: "utf8", env: process.env });
  expect(cli.status, cli.stderr).toBe(0);
  return JSON.parse(cli.stdout.trim().split("\n").at(-1)!) as { subsidyFen: number };
}

test("a statement imported into the batch (by the operators' command) gives the batch page its gross leverage", async ({ browser }) => {
  // Two voucher orders of 300 yuan with 50 off, one of 260 yuan without a voucher (baseline), one revoked.
  const order = (id: string, orderFen: number, voucherFen: number, revoked = false) => ({
    orderId: `${run}${id}`, merchantId: "1900009901", merchantName: "e2e 龙都小吃", payer: "oUpF8e2e", time: "2025-03-05 12:00:00", orderFen, voucherFen, revoked,
  });
  const dir = mkdtempSync(join(tmpdir(), "huimin-e2e-"));
  const file = join(dir, "bill.csv");
  writeFileSync(file, generateWechatBill({ rows: [order("01", 30_000, 5_000), order("02", 30_000, 5_000), order("03", 26_000, 0), order("04", 30_000, 5_000, true)] }));
  const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--batch", batchCode, "--format", "wechat", file], { encoding: "utf8", env: process.env });
  expect(cli.status, cli.stderr).toBe(0);
  expect(JSON.parse(cli.stdout.trim().split("\n").at(-1)!)).toEqual({ inserted: 2, duplicates: 0, refunds: 0, revoked: 1, nonVoucher: 1, rejected: 0, subsidyFen: 10_000, grossFen: 60_000 });

  const staff = await signedIn(browser, "staff");
  await staff.goto(`/registry/batches?q=${batchCode}`);
  await staff.getByTestId("registry-row").filter({ hasText: batchCode }).getByRole("link").first().click();
  // G / S = 600 / 100: 1 : 6, beside the floor of 满200减50 (≥ 1 : 4).
  await expect(staff.getByTestId("leverage-actual")).toContainText("1 : 6");
  await expect(staff.getByTestId("leverage-actual")).toContainText("补贴 100.00 元，拉动消费 600.00 元，核销 2 笔");
});

test("staff upload a statement on the batch page; a broken one is refused by line; a manager voids an import", async ({ browser }) => {
  const order = (id: string, orderFen: number, voucherFen: number) => ({ orderId: `${run}U${id}`, merchantId: "1900009902", payer: "oUpF8e2u", time: "2025-03-06 18:30:00", orderFen, voucherFen });
  const good = generateWechatBill({ rows: [order("01", 40_000, 5_000)] });
  const broken = Buffer.from(generateWechatBill({ rows: [order("02", 40_000, 5_000)] }).toString("utf8").replace("`400.00", "`4OO.00"));

  const staff = await signedIn(browser, "staff");
  await staff.goto(`/registry/batches?q=${batchCode}`);
  await staff.getByTestId("registry-row").filter({ hasText: batchCode }).getByRole("link").first().click();
  const upload = staff.getByTestId("statement-upload");
  // The upload answers 202 with a job; the import runs in its own process and the form polls it.
  const IMPORT_TIMEOUT = { timeout: 20_000 };
  await upload.getByLabel("对账单文件").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: broken });
  const accepted = staff.waitForResponse((r) => r.url().includes("/imports?") && r.request().method() === "POST");
  await upload.getByRole("button", { name: "导入" }).click();
  const answer = await accepted;
  expect(answer.status()).toBe(202);
  const { jobId } = (await answer.json()) as { jobId: number };
  const refused = staff.getByTestId("import-refused");
  await expect(refused).toContainText("整份文件未导入", IMPORT_TIMEOUT);
  await expect(refused.locator("tbody tr").first()).toContainText("2");
  await expect(refused).toContainText("订单金额");

  // The job answers only to those who may read its batch: another county's staff get 404.
  const otherCounty = await signedIn(browser, "caoxian.staff");
  expect((await otherCounty.request.get(`/api/imports/jobs/${jobId}`)).status()).toBe(404);
  const auditorJob = await (await signedIn(browser, "auditor")).request.get(`/api/imports/jobs/${jobId}`);
  expect(await auditorJob.json()).toMatchObject({ status: "failed", error: "INVALID" });

  await upload.getByLabel("对账单文件").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: good });
  await upload.getByRole("button", { name: "导入" }).click();
  await expect(staff.getByTestId("import-result")).toContainText("新增用券订单 1", IMPORT_TIMEOUT);
  // 600 + 400 spent on 100 + 50 of subsidy: 1 : 6.7.
  await expect(staff.getByTestId("leverage-actual")).toContainText("1 : 6.7");
  await expect(staff.getByTestId("import-row")).toHaveCount(2);

  const manager = await signedIn(browser, "manager");
  await manager.goto(staff.url());
  const newest = manager.getByTestId("import-row").first();
  await expect(newest).toContainText("good.csv");
  await newest.getByLabel("作废原因").fill("e2e: wrong file");
  await newest.getByRole("button", { name: "作废此次导入" }).click();
  await expect(manager.getByTestId("import-row").first()).toContainText("已作废");
  await expect(manager.getByTestId("leverage-actual")).toContainText("1 : 6");
  await expect(manager.getByTestId("leverage-actual")).not.toContainText("6.7");
  // The void queued the batch's anomaly checks as a job: the review page follows it until the batch is checked again.
  await manager.goto("/reports/anomalies");
  await expect(manager.getByTestId("checks-status")).toHaveAttribute("data-state", "idle", { timeout: 30_000 });
  await expect(manager.getByTestId("checks-outdated").filter({ hasText: batchCode })).toHaveCount(0);
});

test("every role reads the merchants page; it filters by review flag", async ({ browser }) => {
  const auditor = await signedIn(browser, "auditor");
  const response = await auditor.goto("/merchants?review=1");
  expect(response?.status()).toBe(200);
  await expect(auditor.getByRole("heading", { level: 1 })).toHaveText("商户");
});

test("the campaign page lists the batch with its figures and budget use; the batch page breaks them down; the merchant page shows its share", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  // The batch list shows the actual beside the floor.
  await staff.goto(`/registry/batches?q=${batchCode}`);
  const listed = staff.getByTestId("registry-row").filter({ hasText: batchCode });
  await expect(listed.getByTestId("leverage-floor")).toHaveText("≥ 1 : 4");
  await expect(listed.getByTestId("leverage-actual")).toHaveText("1 : 6");
  await staff.goto(`/registry/campaigns?q=${campaignCode}`);
  await staff.getByTestId("registry-row").filter({ hasText: campaignCode }).getByRole("link").first().click();
  // After the imports above (the uploaded one voided): 2 redeemed, S 100 yuan, G 600 yuan.
  const row = staff.getByTestId("campaign-batch-row").filter({ hasText: batchCode });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("满 200 减 50");
  await expect(row.getByTestId("row-floor")).toHaveText("≥ 1 : 4");
  await expect(row.getByTestId("row-leverage")).toHaveText("1 : 6");
  await expect(row.getByTestId("row-redeemed")).toHaveText("2");
  await expect(row.getByTestId("row-subsidy")).toHaveText("100.00");
  await expect(row.getByTestId("row-gross")).toHaveText("600.00");
  await expect(row).toContainText("10,000");
  await expect(row).toContainText("500.00");
  const figures = staff.getByTestId("campaign-figures");
  await expect(figures.getByTestId("headline-subsidy")).toHaveText("0.01 万元");
  await expect(figures.getByTestId("headline-gross")).toHaveText("0.06 万元");
  await expect(figures.getByTestId("headline-leverage")).toHaveText("1 : 6");
  const budget = staff.getByTestId("budget-use");
  await expect(budget).toHaveAttribute("data-state", "ok");
  await expect(budget).toContainText("已用 0.01 万元，预算上限 450.00 万元（0.0%）");
  await expect(staff.getByTestId("budget-notice")).toHaveCount(0);

  await row.getByRole("link", { name: batchCode }).click();
  const byDay = staff.getByTestId("batch-by-day");
  await expect(byDay.getByTestId("batch-by-day-row")).toHaveCount(1);
  await expect(byDay.getByTestId("batch-by-day-row")).toContainText("2025-03-05");
  await expect(byDay.getByTestId("batch-by-day-row").getByTestId("row-leverage")).toHaveText("1 : 6");
  const merchantRow = staff.getByTestId("batch-by-merchant").getByTestId("batch-by-merchant-row");
  await expect(merchantRow).toHaveCount(1);
  await expect(merchantRow).toContainText("600.00");
  await expect(staff.getByTestId("batch-by-sector")).toContainText("未登记行业");
  await merchantRow.getByRole("link").click();
  const share = staff.getByTestId("merchant-by-batch").getByTestId("merchant-by-batch-row").filter({ hasText: batchCode });
  await expect(share).toContainText(campaignName);
  await expect(share).toContainText("600.00");
  await expect(share.getByTestId("row-leverage")).toHaveText("1 : 6");
});

test("the campaign page warns at 90 % of the budget cap and flags subsidy past it, with the import that passed it", async ({ browser }) => {
  const name = `e2e 小额消费券 ${run}`;
  const code = `E2E-${run}-CAP`;
  const smallBatch = `E2E-${run}-CAP1`;
  const { campaignId } = approvedCampaignWithBatch({ name, code, capYuan: "100", batchCode: smallBatch, faceValue: "10" });
  const voucher = (i: number) => ({ orderId: `${run}C${String(i).padStart(3, "0")}`, merchantId: "1900009903", payer: "oUpF8cap", time: "2026-06-02 12:00:00", orderFen: 5_000, voucherFen: 1_000 });
  // 9 vouchers of 10 yuan against a cap of 100 yuan: 90 %.
  expect(importByCommand(smallBatch, Array.from({ length: 9 }, (_, i) => voucher(i))).subsidyFen).toBe(9_000);
  const staff = await signedIn(browser, "staff");
  await staff.goto(`/registry/campaigns/${campaignId}`);
  await expect(staff.getByTestId("budget-use")).toHaveAttribute("data-state", "warn");
  await expect(staff.getByTestId("budget-use")).toContainText("已用 0.01 万元，预算上限 0.01 万元（90.0%）");
  await expect(staff.getByTestId("budget-notice")).toHaveText("补贴支出已达预算上限的 90%，请控制后续发放。");
  await expect(staff.getByTestId("over-cap-imports")).toHaveCount(0);
  // Two more: 110 yuan, past the cap.
  importByCommand(smallBatch, [voucher(9), voucher(10)]);
  await staff.reload();
  await expect(staff.getByTestId("budget-use")).toHaveAttribute("data-state", "over");
  await expect(staff.getByTestId("budget-use")).toContainText("110.0%");
  await expect(staff.getByTestId("budget-notice")).toHaveText("补贴支出已超过预算上限。");
  await expect(staff.getByTestId("over-cap-imports")).toContainText("有 1 次导入使补贴超过预算上限");
  await expect(staff.getByTestId("campaign-batch-row").filter({ hasText: smallBatch }).getByTestId("row-subsidy")).toHaveText("110.00");
  // The batch page carries its campaign's warning too, beside the import marked over the cap.
  await staff.getByRole("link", { name: smallBatch }).click();
  await expect(staff.getByTestId("batch-leverage").getByTestId("budget-notice")).toHaveText("补贴支出已超过预算上限。");
  await expect(staff.getByTestId("import-row").first()).toContainText("超预算");
});

test("the batch page documents the app's own statement format, and its template downloads with that header", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  await staff.goto(`/registry/batches?q=${batchCode}`);
  await staff.getByTestId("registry-row").filter({ hasText: batchCode }).getByRole("link").first().click();
  const format = staff.getByTestId("canonical-format");
  await format.locator("summary").click();
  await expect(format).toContainText("order_yuan *");
  await expect(format).toContainText("券核销金额");
  const download = staff.waitForEvent("download");
  await format.getByRole("link", { name: "下载标准格式模板" }).click();
  const file = await (await download).path();
  const text = readFileSync(file, "utf8");
  expect(text.startsWith("\uFEFFchannel,order_id,original_order_id,merchant_id")).toBe(true);
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(4);
});

// Last: it adds 55,000 orders to the batch whose figures the tests above check.
test("a statement over 10 MB reaches the import whole (the proxy does not cut the body) and is imported off the request path", async ({ browser }) => {
  test.setTimeout(90_000);
  const ROWS = 55_000;
  const bill = Buffer.concat([...wechatBillChunks({ rows: randomOrders({ count: ROWS, seed: 3, idPrefix: `${run}L` }) })]);
  expect(bill.byteLength).toBeGreaterThan(10 * 1024 * 1024);
  const staff = await signedIn(browser, "staff");
  await staff.goto(`/registry/batches?q=${batchCode}`);
  await staff.getByTestId("registry-row").filter({ hasText: batchCode }).getByRole("link").first().click();
  await staff.waitForURL(/\/registry\/batches\/\d+$/);
  const batchId = /\/registry\/batches\/(\d+)/.exec(staff.url())![1];
  const answer = await staff.request.post(`/api/batches/${batchId}/imports?format=wechat&name=large.csv`, { data: bill, headers: { "content-type": "application/octet-stream" } });
  expect(answer.status()).toBe(202);
  const { jobId } = (await answer.json()) as { jobId: number };
  let job: { status: string; counts?: { rowsRead: number }; message?: string } = { status: "queued" };
  await expect
    .poll(async () => (job = await (await staff.request.get(`/api/imports/jobs/${jobId}`)).json()).status, { timeout: 60_000, intervals: [1_000] })
    .toMatch(/done|failed/);
  // A body cut at 10 MB would end mid-line and be refused; whole, every order is read (and its refunds).
  expect(job.status, job.message).toBe("done");
  expect(job.counts?.rowsRead).toBeGreaterThanOrEqual(ROWS);
});
