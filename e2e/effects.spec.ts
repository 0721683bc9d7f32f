// The incremental estimate as a manager meets it: a baseline file uploaded (refused whole with
// its lines first, then taken, then not twice, then voided), a demo campaign's estimate with its interval and
// method, and a campaign without comparison data showing what is missing and no number.
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support/auth";

const HEADER = "商户（merchant）,地区（area）,行业（sector）,日期（date）,销售额（元）（sales）,对照组（group）";

async function uploadFile(page: Page, name: string, text: string) {
  const form = page.getByTestId("baseline-upload-form");
  await form.getByLabel("基期销售文件").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await form.getByRole("button", { name: "上传" }).click();
}

async function campaignId(page: Page, name: string): Promise<string> {
  const value = await page.locator("#effects-campaign option", { hasText: name }).getAttribute("value");
  expect(value).toBeTruthy();
  return value!;
}

test("a manager uploads a baseline file: refused whole with each line's problem, then taken, then not twice, then voided", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/reports/effects");
  await expect(page.getByRole("heading", { level: 1, name: "增量效果估计" })).toBeVisible();
  await expect(page.getByTestId("baseline-format")).toContainText("销售额（元）（sales）");
  await expect(page.getByTestId("baseline-template")).toHaveAttribute("href", "/api/effects/baseline/template");

  const stamp = Date.now().toString(36);
  await uploadFile(page, "bad.csv", [HEADER, `e2e对照${stamp},371702,其他,2025-05-01,100.00,e2e`, `e2e对照${stamp},火星,其他,2025-05-02,100.00,e2e`, `e2e对照${stamp},371702,其他,2025-05-03,abc,e2e`].join("\n"));
  await expect(page.getByTestId("baseline-error")).toHaveText("文件有 2 个问题，未导入任何一行。");
  const errors = page.getByTestId("baseline-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(2);
  await expect(errors.locator("tbody tr").nth(0)).toContainText("3地区未知地区：火星。");
  await expect(errors.locator("tbody tr").nth(1)).toContainText("4销售额（元）金额应为元，最多两位小数：abc。");

  const good = [HEADER, ...Array.from({ length: 10 }, (_, i) => `e2e对照${stamp},371702,其他,2025-05-${String(i + 1).padStart(2, "0")},${100 + i}.00,e2e`)].join("\n");
  await uploadFile(page, `e2e-${stamp}.csv`, good);
  await expect(page.getByTestId("baseline-result")).toHaveText("已导入 10 行。");
  await expect(page.getByTestId("table-baseline-uploads")).toContainText(`e2e-${stamp}.csv`);
  await uploadFile(page, `e2e-${stamp}-again.csv`, good);
  await expect(page.getByTestId("baseline-result")).toHaveText("该文件已上传过（10 行），未重复导入。");

  // Voided, its rows stop counting; the list says so.
  const row = page.getByTestId("table-baseline-uploads").locator("tbody tr", { hasText: `e2e-${stamp}.csv` });
  await row.getByRole("button", { name: "作废" }).click();
  await expect(row).toContainText("已作废");
  await expect(row.getByRole("button", { name: "作废" })).toHaveCount(0);
});

test("a demo campaign's estimate: the figure with its 95% interval beside the gross figure, its data and the method note", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/reports/effects");
  await page.goto(`/reports/effects?campaign=${await campaignId(page, "春节餐饮消费券")}`);
  const panel = page.getByTestId("incremental-estimate");
  await expect(panel.getByRole("heading", { name: "增量消费估计：惠享菏泽·春节餐饮消费券" })).toBeVisible();
  await expect(panel.getByTestId("estimate-value")).toHaveText(/^\d[\d,]*\.\d{2} 万元$/);
  await expect(panel.getByTestId("estimate-range")).toHaveText(/^95% 区间 \d[\d,]*\.\d{2} 万元 至 \d[\d,]*\.\d{2} 万元$/);
  await expect(panel.getByTestId("estimate-per-yuan")).toContainText("元（区间");
  await expect(panel.getByTestId("estimate-gross")).toHaveText("306.80 万元，毛杠杆 1 : 6.1");
  await expect(panel.getByTestId("estimate-treated")).toContainText("参与商户 162 家，其中对账单中有用券前销售的 160 家计入");
  await expect(panel.getByTestId("estimate-before")).toHaveText("2024-12-28 至 2025-01-24（28 天）");
  await expect(panel.getByTestId("estimate-during")).toHaveText("2025-01-25 至 2025-03-15（50 天）");
  await expect(panel.getByTestId("estimate-comparison")).toContainText("未参与活动的餐饮商户：40 个序列（餐饮）");
  await expect(panel.getByTestId("estimate-uploads")).toHaveText("基期销售_HZ2025-CATER_2024-12-28_2025-03-15.csv");
  await expect(panel).toContainText("双重差分");
  await expect(panel.getByTestId("estimate-shortfall")).toHaveCount(0);
  // The increment is far below the gross figure, as the research finds.
  const value = Number((await panel.getByTestId("estimate-value").textContent())!.replace(/[^\d.]/g, ""));
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(306.8 / 2);
  const note = page.getByTestId("method-note");
  await expect(note).toContainText("3.4–5.8 元");
  await expect(note).toContainText("约为 2 倍");
  await expect(note).toContainText("80%–101%");
  await expect(note).toContainText("满 200 减 20");
});

test("a campaign without comparison data: the shortfall in words and no number; the same in English", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/reports/effects");
  await page.goto(`/reports/effects?campaign=${await campaignId(page, "家电焕新消费券")}`);
  const panel = page.getByTestId("incremental-estimate");
  const shortfall = panel.getByTestId("estimate-shortfall");
  await expect(shortfall).toContainText("数据不足，不作估计");
  await expect(shortfall).toContainText("对账单中没有这些商户（45 家）在用券前的销售");
  await expect(shortfall).toContainText("没有上传家用电器和音像器材类的对照组销售数据");
  await expect(panel.getByTestId("estimate-figures")).toHaveCount(0);
  await expect(panel.getByTestId("estimate-value")).toHaveCount(0);
  await expect(panel).not.toContainText("万元");

  await page.getByTestId("language-switch").click();
  try {
    await expect(page.getByRole("heading", { level: 1, name: "Incremental effect estimate" })).toBeVisible();
    await expect(panel.getByTestId("estimate-shortfall")).toContainText("The statements hold no sales before the campaign for these merchants (45)");
    await expect(panel.getByTestId("estimate-shortfall")).toContainText("No comparison group uploaded for Household appliances and AV equipment");
    await expect(panel.getByTestId("estimate-value")).toHaveCount(0);
  } finally {
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { level: 1, name: "增量效果估计" })).toBeVisible();
  }
});
