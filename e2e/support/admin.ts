// Helpers for the admin specs: logging in through the form, a second signed-in browser,
// field errors as a screen reader meets them, a user made through the admin form.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { login } from "./auth";

export { login };

export const NEW_PASSWORD = "e2e-Password-2026";

let counter = 0;
/** A name no other test (or earlier run against the same database) has used. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** A second browser (its own cookies) in which `username` is signed in. */
export async function openSession(browser: Browser, username: string, password = NEW_PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-role")).toBeVisible();
  return page;
}

/** The error shown under a field: the field is marked invalid and points at the message. */
export async function expectFieldError(form: Locator, label: string, message: string): Promise<void> {
  const field = form.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const errorId = (await field.getAttribute("aria-describedby"))?.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, `${label} has no error in aria-describedby`).toBeTruthy();
  const error = form.locator(`[id="${errorId}"]`);
  await expect(error).toHaveText(message);
  await expect(error).toBeVisible();
}

/** Creates a staff user of Cao County through the form; returns the edit page's path. */
export async function createUser(page: Page, username: string): Promise<string> {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "新建用户" }).click();
  const form = page.getByTestId("user-create-form");
  await form.getByLabel("用户名", { exact: true }).fill(username);
  await form.getByLabel("姓名", { exact: true }).fill(`测试 ${username}`);
  await form.getByLabel("初始密码", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("角色", { exact: true }).selectOption({ label: "经办人" });
  await form.getByLabel("部门", { exact: true }).selectOption({ label: "曹县商务局（曹县）" });
  await form.getByLabel("区域", { exact: true }).selectOption({ label: "曹县" });
  await form.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+\?saved=created$/);
  await expect(page.getByTestId("user-created")).toHaveText("用户已创建。");
  return new URL(page.url()).pathname;
}
