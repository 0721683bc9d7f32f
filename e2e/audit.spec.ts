import { test, expect } from "@playwright/test";
import { failedLogin, login } from "./support/auth";

/** Today in Beijing, YYYY-MM-DD: the day the log rows written by this test fall on. */
function beijingToday(): string {
  return new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

test("the auditor reads the log: logins incl. a failed one, filters narrow it, the chain is intact", async ({ page }) => {
  const stranger = `ghost-${Date.now()}`;
  await failedLogin(page, stranger, "not-the-password");
  await login(page, "auditor");

  const response = await page.goto("/audit");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/审计日志/);
  await expect(page.getByTestId("audit-chain")).toHaveText(/^哈希链完整：已校验 \d+ 行。$/);
  const rows = page.getByTestId("audit-row");
  const allCount = Number((await page.getByTestId("audit-total").textContent())?.match(/\d+/)?.[0]);
  expect(allCount).toBeGreaterThan(2);

  // Newest first: the auditor's own login, then the failed attempt just before it.
  await expect(rows.nth(0)).toContainText("auditor");
  await expect(rows.nth(0)).toContainText("login");
  await expect(rows.nth(0).locator(".badge")).toHaveText("成功");
  await expect(rows.nth(1)).toContainText(stranger);
  await expect(rows.nth(1).locator(".badge")).toHaveText("失败");
  await expect(rows.nth(1)).toContainText("unknown user");
  await expect(rows.nth(0).locator("time")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

  // Filters are a GET form: they land in the URL.
  const filters = page.getByTestId("audit-filters");
  await filters.getByLabel("操作人包含").fill(stranger);
  await filters.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${stranger}`));
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("audit-total")).toHaveText("共 1 条");

  await page.goto("/audit");
  await filters.getByLabel("操作", { exact: true }).selectOption("login");
  await filters.getByLabel("结果").selectOption("failure");
  await filters.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/action=login/);
  await expect(page).toHaveURL(/outcome=failure/);
  const failures = await rows.count();
  expect(failures).toBeGreaterThanOrEqual(1);
  expect(failures).toBeLessThan(allCount);
  for (const badge of await rows.locator(".badge").all()) await expect(badge).toHaveText("失败");
  await expect(filters.getByLabel("结果")).toHaveValue("failure");

  // Dates are Beijing calendar days, both ends included.
  const today = beijingToday();
  await page.goto(`/audit?actor=${stranger}&from=${today}&to=${today}`);
  await expect(rows).toHaveCount(1);
  await page.goto("/audit?to=2000-01-01");
  await expect(page.getByTestId("audit-empty")).toHaveText("没有符合条件的记录。");

  // Values that do not parse are ignored, not an error.
  const odd = await page.goto("/audit?outcome=deleted&from=2026-02-30&page=-1&actor=%25");
  expect(odd?.status()).toBe(200);
  await expect(page.getByTestId("audit-empty")).toBeVisible();
  await page.goto("/audit?outcome=deleted&from=2026-02-30&page=abc");
  await expect(page.getByTestId("audit-total")).toHaveText(`共 ${allCount} 条`);

  await page.getByRole("link", { name: "重置" }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

test("a row's before and after are shown as JSON, with no secrets", async ({ page }) => {
  await login(page, "auditor");
  await page.goto("/audit?action=user.create");
  const row = page.getByTestId("audit-row").filter({ has: page.locator("td", { hasText: /^user #1$/ }) });
  await row.locator("summary").click();
  await expect(row.locator("pre")).toContainText('"username": "admin"');
  expect(await page.content()).not.toMatch(/\$2[aby]\$\d\d\$/);
});

for (const role of ["staff", "manager", "admin"] as const) {
  test(`${role} is refused the audit log with 403`, async ({ page }) => {
    await login(page, role);
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toContainText("无权访问");
    await expect(page.getByTestId("audit-table")).toHaveCount(0);
  });
}
