import { test, expect } from "@playwright/test";
import { expectFieldError } from "./support/admin";
import { e2eDb } from "./support/db";
import { approveInInbox, fillRecord, saveAndSubmit, signedIn } from "./support/registry-ui";

// Retail-sales indicators: city staff record a county's monthly figure as published, the city
// manager approves it in the inbox, the indicators panel shows it; the seed's published Jan–Jun
// 2025 figures of Heze are shown as published. The e2e database is freshly seeded: 2026 is empty.

test.describe.configure({ mode: "serial" });

const areaId = (nameZh: string) => (e2eDb().$client.prepare("select id from areas where name_zh = ?").get(nameZh) as { id: number }).id;

test("staff record 曹县's March 2026 retail sales; a wrong growth is refused on its field; the manager approves; the panel shows it", async ({ browser }) => {
  const staff = await signedIn(browser, "staff");
  const manager = await signedIn(browser, "manager");

  await staff.goto("/registry/indicators");
  await staff.getByTestId("new-record").click();
  const form = staff.getByTestId("record-form");
  await fillRecord(form, {
    统计地区: { select: "曹县" },
    指标: { select: "社会消费品零售总额" },
    年份: "2026",
    期间类型: { select: "单月（N月）" },
    月份: "3",
    "数值（亿元）": "31.27",
    "同比增速（%）": "7.65",
    数据来源: "曹县统计局",
    发布日期: "2026-04-20",
  });
  await form.getByRole("button", { name: "保存草稿" }).click();
  await expectFieldError(form, "同比增速（%）", "同比增速须照公布数填写，如 +7.6、-1.2 或 7.6%，最多一位小数。");
  await fillRecord(form, { "同比增速（%）": "-1.2%" });
  const path = await saveAndSubmit(staff, "indicators");
  await expect(staff.getByTestId("record-values")).toContainText("曹县");

  await approveInInbox(manager, "2026年3月 社会消费品零售总额", { type: "零售指标", values: ["曹县", "31.27", "-1.2%"] });
  await manager.goto(path);
  await expect(manager.getByTestId("record-status")).toHaveText("已通过");

  await manager.goto(`/reports/indicators?area=${areaId("曹县")}&year=2026&month=3`);
  const panel = manager.getByTestId("retail-indicators");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("曹县 零售指标（2026年1–3月）");
  const row = panel.getByTestId("table-indicator-months-retailSales-row");
  await expect(row).toHaveCount(1);
  await expect(row.locator("th")).toHaveText("3月");
  await expect(row.locator("td").nth(0)).toHaveText("31.27");
  await expect(row.locator("td").nth(1)).toHaveText("-1.2%");
  // A single month is no year-to-date figure: the card says there is none yet, and nothing is labelled demo.
  await expect(panel.getByTestId("indicator-retailSales").getByTestId("indicator-none")).toBeVisible();
  await expect(panel.getByTestId("indicator-demo")).toHaveCount(0);
  await expect(row.locator("td").nth(5)).toHaveText("—");

  // The list filters by indicator, year and area reported.
  await staff.goto(`/registry/indicators?indicator=retailSales&year=2026&areaId=${areaId("曹县")}`);
  await expect(staff.getByTestId("registry-row")).toHaveCount(1);
  await expect(staff.getByTestId("registry-row")).toContainText("31.27");
});

test("the city's published first half: 1,254.90 亿元, +7.6 %, 1/16, not demo; the months beside it are labelled demo", async ({ browser }) => {
  const manager = await signedIn(browser, "manager");
  await manager.goto("/reports/indicators");
  const panel = manager.getByTestId("retail-indicators");
  await expect(panel.getByRole("heading", { level: 2 })).toHaveText("菏泽市 零售指标（2025年1–6月）");
  const retail = panel.getByTestId("indicator-retailSales");
  await expect(retail.getByTestId("indicator-value")).toHaveText("1,254.90");
  await expect(retail).toContainText("亿元");
  await expect(retail.getByTestId("indicator-yoy")).toHaveText("同比 +7.6%");
  await expect(retail.getByTestId("indicator-rank")).toHaveText("全省第 1/16");
  await expect(retail.getByTestId("indicator-demo")).toHaveCount(0);
  await expect(retail).toContainText("搜狐财经 2025-08-23");
  const online = panel.getByTestId("indicator-onlineRetailSales");
  await expect(online.getByTestId("indicator-value")).toHaveText("151.40");
  await expect(online.getByTestId("indicator-yoy")).toHaveText("同比 +9.1%");
  await expect(online.getByTestId("indicator-rank")).toHaveText("全省第 5/16");
  // The made-up months are labelled, in the table and above it.
  await expect(panel.getByTestId("indicator-demo-note")).toBeVisible();
  const months = panel.getByTestId("table-indicator-months-retailSales-row");
  await expect(months).toHaveCount(5);
  await expect(months.first().locator("th")).toHaveText("1–2月");
  // June: the single month is demo (marked), the published 1–6月 beside it is not.
  const june = months.last();
  await expect(june.locator("th")).toHaveText("6月");
  await expect(june.locator("td").nth(0)).toHaveText("226.30");
  await expect(june.locator("td").nth(2)).toHaveText("1,254.90");
  await expect(june.locator("td").nth(4)).toHaveText("1/16");
  await expect(june.locator("td").nth(5)).toHaveText("本月");
});
