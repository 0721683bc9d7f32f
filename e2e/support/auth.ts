import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Huimin-demo-2026";

/** Logs in through the login form, as a person would, and waits for the workbench. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** Submits the login form and returns the error message shown (for failures). */
export async function failedLogin(page: Page, username: string, password: string): Promise<string> {
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  const error = page.getByTestId("form-error");
  await expect(error).toBeVisible();
  return (await error.textContent())?.trim() ?? "";
}

export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name.includes("authjs.session-token"));
}
