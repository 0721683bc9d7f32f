import { test, expect } from "@playwright/test";
import { login } from "./support/auth";

// What the inbox lists is covered by lib/workflow/queries.test.ts. The demo seed leaves
// submissions waiting (db/seed/registry.ts): six for the city's manager, two of them in 曹县.
// This spec only reads them; the empty state is covered by the unit tests.
test("the manager's inbox lists the seeded submissions of the whole city", async ({ page }) => {
  await login(page, "manager");
  const response = await page.goto("/inbox");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/待审核/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待审核");
  await expect(page.getByTestId("inbox-empty")).toHaveCount(0);
  const rows = page.getByTestId("inbox-table").getByTestId("inbox-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(6);
  await expect(rows.filter({ hasText: "菏泽市金秋汽车博览会" })).toContainText("李经办（市商务局）");
  await expect(rows.filter({ hasText: "巨野县金秋农民画文创市集" })).toContainText("巨野县");
});

test("a county manager's inbox holds only that county's submissions", async ({ page }) => {
  await login(page, "caoxian.manager");
  await page.goto("/inbox");
  const rows = page.getByTestId("inbox-table").getByTestId("inbox-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const row of await rows.all()) await expect(row).toContainText("曹县");
  await expect(rows.filter({ hasText: "菏泽市金秋汽车博览会" })).toHaveCount(0);
});

test("@security staff are refused the inbox with 403", async ({ page }) => {
  await login(page, "staff");
  const response = await page.goto("/inbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("无权访问");
});
