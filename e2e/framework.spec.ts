import { test, expect } from "@playwright/test";
import { login } from "./support/auth";
import { makeProgressFixture, type ProgressFixture } from "./support/progress";

// The framework overview: approved policies and actions with their progress, for every role.

let fixture: ProgressFixture;
test.beforeAll(() => {
  fixture = makeProgressFixture("framework");
});

test("a staff member sees the approved action with its progress, bars and rolled-up counts", async ({ page }) => {
  await login(page, "staff");
  const response = await page.goto("/registry/framework");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/政策框架/);
  const card = page.getByTestId("framework-action").filter({ hasText: fixture.titleZh });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("link", { name: fixture.titleZh })).toHaveAttribute("href", `/registry/actions/${fixture.actionId}`);
  // The period runs to 2099: 1 of 2 packages (50 %) and 20 % of the sales target are ahead of
  // the few per cent of time elapsed; participating merchants await voucher data.
  await expect(card.getByTestId("framework-action-summary")).toHaveText("2/2 项目标按进度，另 1 项待数据");
  await expect(card.getByTestId("framework-action-status")).toHaveText("按进度");

  await card.getByText("查看目标与进度").click();
  const progress = card.getByTestId("action-progress");
  const packages = progress.getByTestId("target-packages");
  await expect(packages.getByRole("progressbar", { name: "促消费政策包完成进度" })).toHaveAttribute("value", "50");
  await expect(packages.getByTestId("target-percent")).toHaveText("50.0%");
  await expect(packages.getByTestId("target-actual")).toHaveText("1个");
  await expect(progress.getByTestId("target-eventSalesFen").getByTestId("target-actual")).toHaveText("0.03 万元");
  await expect(progress.getByTestId("target-merchants").getByTestId("target-actual")).toContainText("待消费券数据接入");
  await expect(progress.getByTestId("target-merchants").getByRole("progressbar")).toHaveCount(0);
  await expect(progress.getByTestId("total-packages")).toHaveText("1 个，预算合计 0.10 万元");
  await expect(progress.getByTestId("total-events")).toHaveText("1 场，其中大型活动 1 场");
});

test("every role may open the overview; a visitor without a session is sent to the login", async ({ page, browser }) => {
  for (const role of ["manager", "auditor", "admin"]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await login(other, role);
    const response = await other.goto("/registry/framework");
    expect(response?.status(), role).toBe(200);
    await expect(other.getByRole("heading", { level: 1 }), role).toHaveText("政策框架");
    await context.close();
  }
  await page.goto("/registry/framework");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fregistry%2Fframework/);
});
