import { strFromU8, unzipSync } from "fflate";
import { test, expect, type Page } from "@playwright/test";
import { login } from "./support/auth";

// The reports as a manager meets them: the demo city's first half of 2025 (S 283.00 万元,
// G 21,523.80 万元, 1 : 76, nothing the half-year before), a drill from the overview through an
// action, a campaign and a batch to an import's rows, and from a sector's row (a channel's, a
// merchant's) down the same way with the figures summing to the row, the page in English, the
// overview and a breakdown exported as CSV and XLSX with the page's figures, and so an anomaly
// flag's rows (payers masked) and the retail indicators; a county manager sees 曹县 only and
// exports no city flag.

test.describe.configure({ mode: "serial" });

const H1 = "from=2025-01-01&to=2025-06-30";
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
let cityImportPath = "";
let cityFlagId = "";

/** The text of a table's cell: the row whose header starts with `row`, the `column`th cell after it. */
async function cell(page: Page, table: string, row: string, column: number): Promise<string> {
  const tr = page.getByTestId(`table-${table}`).locator("tr", { has: page.locator("th", { hasText: row }) }).first();
  return ((await tr.locator("td").nth(column).textContent()) ?? "").trim();
}

test("a manager reads the city's first half of 2025 and drills from an action down to an import's rows", async ({ page }) => {
  await login(page, "manager");
  await page.getByRole("link", { name: "报表", exact: true }).click();
  await expect(page).toHaveURL(/\/reports$/);
  // Other specs' own batches run in 2026 (the report opens on the latest year): the demo is 2025.
  await page.goto("/reports?from=2025-01-01&to=2025-12-31");
  await page.getByTestId("report-filters").getByRole("link", { name: "上半年", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/reports\\?${H1}$`));
  await expect(page.getByTestId("report-period")).toContainText("2025年上半年（2025-01-01 至 2025-06-30）");
  await expect(page.getByTestId("figure-subsidy-value")).toHaveText("283.00 万元");
  await expect(page.getByTestId("figure-gross-value")).toHaveText("21,523.80 万元");
  await expect(page.getByTestId("figure-gross-leverage-value")).toHaveText("1 : 76");
  // 2024's second half has no imports: "no data", never a change against 0.
  await expect(page.getByTestId("figure-subsidy")).toContainText("上期 无数据");
  await expect(page.getByTestId("figure-subsidy-change")).toHaveText("环比 —");
  await expect(page.getByTestId("leverage-kinds")).toContainText("机械下限 X/Y");
  await expect(page.getByTestId("incremental-estimate-slot")).toBeVisible();
  await expect(page.getByTestId("trend-chart")).toBeVisible();
  // A figure leads to its breakdown, the period kept.
  await page.getByTestId("figure-gross").getByRole("link", { name: "拉动消费 G" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/actions\\?${H1}$`));
  await expect(page.getByTestId("table-actions-row")).toHaveCount(1);
  await page.goto(`/reports?${H1}`);

  // Action → its campaigns → a campaign's batches → a batch's imports → an import's rows.
  await page.getByTestId("table-actions").locator("tbody a").first().click();
  await expect(page).toHaveURL(/\/reports\/campaigns\?.*action=\d+/);
  await page.getByTestId("table-campaigns").getByRole("link", { name: "惠享菏泽·春节餐饮消费券" }).click();
  await expect(page).toHaveURL(/\/reports\/batches\?.*campaign=\d+/);
  await expect(page.getByTestId("drill-path")).toContainText("惠享菏泽·春节餐饮消费券");
  const batchRow = page.getByTestId("table-batches").locator("tr", { has: page.getByRole("link", { name: "HZ25-CATER-W1" }) });
  await expect(batchRow).toContainText("≥ 1 : 5");
  await batchRow.getByRole("link", { name: "HZ25-CATER-W1" }).click();
  await expect(page).toHaveURL(/\/reports\/imports\?.*batch=\d+/);
  await page.getByTestId("table-imports").locator("tbody a").first().click();
  await expect(page).toHaveURL(/\/reports\/imports\/\d+\?/);
  cityImportPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("drill-path")).toContainText("HZ25-CATER-W1");
  const read = Number(await page.getByTestId("import-rowsRead").textContent());
  expect(read).toBeGreaterThan(100);
  await expect(page.getByTestId("import-reconciles")).toHaveText(`读取 ${read} 行 = 各项合计 ${read} 行`);
  const rows = page.getByTestId("table-import-rows-row");
  await expect(rows).toHaveCount(100);
  // The payer as the statement's first four characters, nothing more.
  await expect(rows.first().locator("td").nth(3)).toHaveText(/^.{4}…$/);
  await page.getByTestId("pager").getByRole("link", { name: "下一页" }).click();
  await expect(page.getByTestId("pager")).toContainText("第 2 /");
  await expect(rows.first().locator("th")).toHaveText("101");

  // The same page in English.
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Import #\d+$/);
  await expect(page.getByTestId("import-reconciles")).toHaveText(`${read} rows read = ${read} rows accounted for`);
  await page.goto(`/reports?${H1}`);
  await expect(page.getByTestId("report-period")).toContainText("H1 2025 (2025-01-01 to 2025-06-30)");
  await expect(page.getByTestId("figure-gross-leverage")).toContainText("Gross leverage");
  await expect(page.getByTestId("figure-subsidy-value")).toHaveText("283.00 × 10k yuan");
  await page.getByTestId("language-switch").click();
  await expect(page.getByTestId("figure-subsidy-value")).toHaveText("283.00 万元");
});

/** A money cell ("1,234.56") in fen. */
const fenOf = (text: string) => Math.round(Number(text.trim().replace(/,/g, "")) * 100);

test("a sector's row drills to its campaigns, a batch, its imports and an import's rows, the figures summing to the row", async ({ page }) => {
  await login(page, "manager");
  await page.goto(`/reports/sectors?${H1}`);
  const sectorRow = page.getByTestId("table-sectors-row").filter({ has: page.locator("th", { hasText: /^餐饮$/ }) });
  const sectorGross = fenOf((await sectorRow.locator("td").nth(2).textContent())!);
  const sectorSubsidy = fenOf((await sectorRow.locator("td").nth(1).textContent())!);
  expect(sectorGross).toBeGreaterThan(0);

  // Sector → its campaigns in the same period: the campaigns' figures add up to the sector's, to the fen.
  await sectorRow.getByRole("link", { name: "餐饮", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/campaigns\\?${H1}&sector=\\d+$`));
  const sectorUrl = page.url();
  await expect(page.getByTestId("drill-path")).toContainText("按行业 › 餐饮");
  await expect(page.getByTestId("filter-sector")).toContainText("行业：餐饮");
  const campaignRows = page.getByTestId("table-campaigns-row");
  const sumOf = async (column: number) => (await campaignRows.locator(`td:nth-of-type(${column + 1})`).allTextContents()).reduce((n, t) => n + fenOf(t), 0);
  expect(await sumOf(2)).toBe(sectorGross);
  expect(await sumOf(1)).toBe(sectorSubsidy);
  // The export re-reads the page's search, the sector with it: the same figures.
  const csvHref = await page.getByTestId("export-campaigns-csv").getAttribute("href");
  expect(csvHref).toMatch(/sector=\d+/);
  const csv = (await (await page.request.get(csvHref!)).body()).subarray(3).toString("utf8").split("\r\n").slice(1).filter((l) => l && !l.startsWith("合计"));
  expect(csv.reduce((n, line) => n + fenOf(line.split(",")[3]!), 0)).toBe(sectorGross);

  // → a campaign's batches (the sector kept) → a batch's imports → an import's rows.
  const campaignName = (await campaignRows.first().locator("th").textContent())!.trim();
  await campaignRows.first().locator("th a").click();
  await expect(page).toHaveURL(/\/reports\/batches\?.*campaign=\d+&sector=\d+/);
  await expect(page.getByTestId("drill-path")).toContainText(`餐饮 › ${campaignName}`);
  const batchLink = page.getByTestId("table-batches-row").first().locator("th a");
  const batchCode = (await batchLink.textContent())!.trim();
  await batchLink.click();
  await expect(page).toHaveURL(/\/reports\/imports\?.*batch=\d+/);
  await page.getByTestId("table-imports").locator("tbody a").first().click();
  await expect(page).toHaveURL(/\/reports\/imports\/\d+\?/);
  // The import's own path (its action, campaign and batch), the sector followed still named.
  await expect(page.getByTestId("drill-path")).toContainText("按行业 › 餐饮 › ");
  await expect(page.getByTestId("drill-path")).toContainText(`${campaignName} › ${batchCode}`);
  await expect(page.getByTestId("table-import-rows-row").first()).toBeVisible();

  // The filter is removable; a sector, channel or merchant that names nothing is not found, page and export alike.
  await page.goto(sectorUrl);
  await page.getByTestId("remove-filter-sector").click();
  await expect(page).toHaveURL(new RegExp(`/reports/campaigns\\?${H1}$`));
  expect((await page.goto(`/reports/campaigns?${H1}&sector=99999`))?.status()).toBe(404);
  expect((await page.goto(`/reports/batches?${H1}&channel=paypal`))?.status()).toBe(404);
  expect((await page.request.get(`/api/reports/export?table=campaigns&format=csv&${H1}&merchant=abc`)).status()).toBe(404);
});

test("a channel's row leads to its batches and a merchant's row to the batches it redeemed in", async ({ page }) => {
  await login(page, "manager");
  await page.goto(`/reports/channels?${H1}`);
  const channelRow = page.getByTestId("table-channels-row").first();
  const channelGross = fenOf((await channelRow.locator("td").nth(2).textContent())!);
  await channelRow.locator("th a").click();
  await expect(page).toHaveURL(new RegExp(`/reports/batches\\?${H1}&channel=\\w+$`));
  await expect(page.getByTestId("filter-channel")).toBeVisible();
  const batchGross = await page.getByTestId("table-batches-row").locator("td:nth-of-type(7)").allTextContents();
  expect(batchGross.reduce((n, t) => n + fenOf(t), 0)).toBe(channelGross);

  await page.goto(`/reports/merchants?${H1}`);
  const merchantRow = page.getByTestId("table-merchants-top-row").first();
  const merchantName = (await merchantRow.locator("th").textContent())!.trim();
  const merchantGross = fenOf((await merchantRow.locator("td").nth(2).textContent())!);
  await merchantRow.locator("th a").click();
  await expect(page).toHaveURL(new RegExp(`/reports/batches\\?${H1}&merchant=\\d+$`));
  await expect(page.getByTestId("drill-path")).toContainText(`按商户 › ${merchantName}`);
  const merchantBatches = await page.getByTestId("table-batches-row").locator("td:nth-of-type(7)").allTextContents();
  expect(merchantBatches.reduce((n, t) => n + fenOf(t), 0)).toBe(merchantGross);
  // Its record is a link away.
  await expect(page.getByTestId("filter-merchant").getByRole("link", { name: merchantName, exact: true })).toHaveAttribute("href", /^\/merchants\/\d+$/);
});

test("the overview and a breakdown export as CSV and XLSX with the page's figures", async ({ page }) => {
  await login(page, "manager");
  await page.goto(`/reports?${H1}`);
  const subsidyOnPage = await cell(page, "overview", "补贴支出 S（元）", 0);
  const grossOnPage = await cell(page, "overview", "拉动消费 G（元）", 0);
  expect(subsidyOnPage).toBe("2,830,000.00");
  expect(grossOnPage).toBe("215,238,000.00");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-overview-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csvBytes = Buffer.from(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
  expect(csvBytes.subarray(0, 3)).toEqual(BOM);
  const lines = csvBytes.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toBe("指标,本期,上期,环比");
  expect(lines[1]).toBe(`补贴支出 S（元）,${subsidyOnPage.replace(/,/g, "")},,`);
  expect(lines[2]).toBe(`拉动消费 G（元）,${grossOnPage.replace(/,/g, "")},,`);

  // A breakdown by county: the XLSX holds the page's figures as numbers.
  await page.goto(`/reports/areas?${H1}`);
  await expect(page.getByTestId("ranked-bars")).toBeVisible();
  const totalSubsidy = (await page.getByTestId("table-areas-total").locator("td").nth(1).textContent())!.trim();
  expect(totalSubsidy).toBe("2,830,000.00");
  const firstCounty = (await page.getByTestId("table-areas-row").first().locator("th").textContent())!.trim();
  const firstGross = (await page.getByTestId("table-areas-row").first().locator("td").nth(2).textContent())!.trim();
  const xlsxHref = await page.getByTestId("export-areas-xlsx").getAttribute("href");
  const xlsx = await page.request.get(xlsxHref!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const sheet = strFromU8(unzipSync(new Uint8Array(await xlsx.body()))["xl/worksheets/sheet1.xml"]!);
  expect(sheet).toContain(`<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">商户所在县区</t></is></c>`);
  expect(sheet).toContain(`<c r="C1" t="inlineStr" s="1"><is><t xml:space="preserve">补贴 S（元）</t></is></c>`);
  expect(sheet).toContain(`<c r="A2" t="inlineStr"><is><t xml:space="preserve">${firstCounty}</t></is></c>`);
  expect(sheet).toContain(`<c r="D2" s="2"><v>${firstGross.replace(/,/g, "")}</v></c>`);
  // The total at the foot: S as the exact number of yuan.
  expect(sheet).toMatch(/<c r="C\d+" s="2"><v>2830000\.00<\/v><\/c>/);

  // The export is guarded: an unknown table is a 404, no session a 401.
  expect((await page.request.get("/api/reports/export?table=nope&format=csv")).status()).toBe(404);
  const anonymous = await page.context().browser()!.newContext();
  expect((await anonymous.request.get(`/api/reports/export?table=overview&format=csv&${H1}`)).status()).toBe(401);
  await anonymous.close();
});

/** A download's CSV lines (after checking the BOM), each split into cells (no quoted commas in these tables). */
async function downloadCsv(page: Page, testId: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(0, 3)).toEqual(BOM);
  return bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean).map((line) => line.split(","));
}

test("the anomaly review and the retail indicators export as CSV and XLSX with the page's figures, payers masked", async ({ page }) => {
  await login(page, "manager");
  // The review list: the first flag's subsidy, to the fen.
  await page.goto("/reports/anomalies");
  const first = page.getByTestId("table-anomaly-flags-row").first();
  const flagText = (await first.locator("th").textContent())!.trim();
  const subsidy = (await first.locator("td").nth(5).textContent())!.trim();
  expect(subsidy).toMatch(/^\d[\d,]*\.\d{2}$/);
  const flags = await downloadCsv(page, "export-anomaly-flags-csv");
  expect(flags[0]).toEqual(["标记", "批次", "活动", "对象", "情况", "核销笔数", "补贴（元）", "订单金额（元）", "状态"]);
  expect(flags[1]![0]).toBe(flagText);
  expect(flags[1]![6]).toBe(subsidy.replace(/,/g, ""));

  // Its rows: the first row's voucher amount and its payer, masked as on the page.
  await first.locator("th").getByRole("link").click();
  await page.waitForURL(/\/reports\/anomalies\/\d+$/);
  cityFlagId = new URL(page.url()).pathname.split("/").pop()!;
  const row = page.getByTestId("table-anomaly-rows-row").first();
  const orderId = (await row.locator("th").textContent())!.trim();
  const payer = (await row.locator("td").nth(2).textContent())!.trim();
  const voucher = (await row.locator("td").nth(4).textContent())!.trim();
  const rows = await downloadCsv(page, "export-anomaly-rows-csv");
  expect(rows[0]).toEqual(["订单号", "交易时间", "商户", "付款人", "订单金额（元）", "券金额（元）", "退款（元）", "剔除"]);
  const exported = rows.find((r) => r[0] === orderId)!;
  expect(exported[3]).toBe(payer);
  expect(payer === "—" || payer.endsWith("…")).toBe(true);
  expect(exported[5]).toBe(voucher.replace(/,/g, ""));
  expect(rows.length - 1).toBe(Number((await page.getByTestId("table-anomaly-rows").locator("caption").textContent())!.match(/共 (\d+) 笔/)![1]));

  // The city's retail sales: the published 1–6月 on the page (亿元, two decimals) and exact in the files.
  await page.goto("/reports/indicators");
  const june = page.getByTestId("table-indicator-months-retailSales-row").filter({ has: page.locator("th", { hasText: /^6月$/ }) });
  await expect(june.locator("td").nth(2)).toHaveText("1,254.90");
  const months = await downloadCsv(page, "export-indicator-months-retailSales-csv");
  expect(months[0]).toEqual(["月份", "本月（亿元）", "本月同比", "1–本月（亿元）", "累计同比", "全省排名", "演示数据"]);
  expect(months.find((r) => r[0] === "6月")).toEqual(["6月", "226.3", "+8.0%", "1254.9", "+7.6%", "1/16", "本月"]);
  const xlsxHref = await page.getByTestId("export-indicator-months-retailSales-xlsx").getAttribute("href");
  const sheet = strFromU8(unzipSync(new Uint8Array(await (await page.request.get(xlsxHref!)).body()))["xl/worksheets/sheet1.xml"]!);
  expect(sheet).toMatch(/<c r="D\d+" s="2"><v>1254\.9<\/v><\/c>/);
});

test("@security a county manager reads 曹县's scope only and cannot open a city import", async ({ page }) => {
  expect(cityImportPath).not.toBe("");
  await login(page, "caoxian.manager");
  await page.goto(`/reports?${H1}`);
  await expect(page.getByTestId("report-period")).toContainText("曹县");
  await expect(page.getByTestId("figure-subsidy-value")).not.toHaveText("283.00 万元");
  const areas = page.getByTestId("report-area").locator("option");
  await expect(areas).toHaveText(["我的全部范围", "曹县"]);
  await expect(page.getByTestId("table-actions")).not.toContainText("惠享菏泽·春节餐饮消费券");
  const response = await page.goto(cityImportPath);
  expect(response?.status()).toBe(404);
  const exported = await page.request.get(`/api/reports/export?table=import-rows&format=csv&import=${cityImportPath.split("/").pop()}`);
  expect(exported.status()).toBe(404);
  // Nor a city batch's anomaly flag.
  expect(cityFlagId).not.toBe("");
  expect((await page.request.get(`/api/reports/export?table=anomaly-rows&format=csv&flag=${cityFlagId}`)).status()).toBe(404);
});
