import { test } from "@playwright/test";
import { login } from "../e2e/support/auth";
test("shots", async ({ page }) => {
  await login(page, "staff");
  for (const [name, path] of [["batches", "/registry/batches"], ["campaigns", "/registry/campaigns"], ["merchants", "/merchants"], ["merchant-new", "/merchants/new"], ["campaign", "/registry/campaigns/1"]] as const) {
    await page.goto(path);
    await page.screenshot({ path: `.shots/${name}.png`, fullPage: true });
  }
  await page.goto("/registry/batches");
  await page.getByRole("link", { name: "HZ25-AUTO-W1" }).first().click();
  await page.waitForURL(/batches\/\d+/);
  await page.screenshot({ path: ".shots/batch.png", fullPage: true });
  await page.goto("/merchants?review=1");
  await page.locator("table a").first().click();
  await page.waitForURL(/merchants\/\d+/);
  await page.screenshot({ path: ".shots/merchant.png", fullPage: true });
});
