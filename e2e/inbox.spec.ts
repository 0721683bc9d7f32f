import { test, expect } from "@playwright/test";
import { login } from "./support/auth";

// What the inbox lists is covered by lib/workflow/queries.test.ts; no record type can be
// submitted through the UI yet, so here the page shows its empty state.
test("the manager sees an empty inbox", async ({ page }) => {
  await login(page, "manager");
  const response = await page.goto("/inbox");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/待审核/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待审核");
  await expect(page.getByTestId("inbox-empty")).toContainText("目前没有待审核的提交。");
  await expect(page.getByTestId("inbox-table")).toHaveCount(0);
});

test("staff are refused the inbox with 403", async ({ page }) => {
  await login(page, "staff");
  const response = await page.goto("/inbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("无权访问");
});
