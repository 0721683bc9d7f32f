import { test, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, failedLogin, login } from "./support/auth";

const NEW_PASSWORD = "Peony-season-2026";

async function changePassword(page: Page, current: string, next: string, confirm = next) {
  await page.goto("/account");
  const form = page.getByTestId("change-password-form");
  await form.getByLabel("当前密码", { exact: true }).fill(current);
  await form.getByLabel("新密码", { exact: true }).fill(next);
  await form.getByLabel("再次输入新密码").fill(confirm);
  await form.getByRole("button", { name: "修改密码" }).click();
}

test("a user changes their own password: wrong current refused, then sessions end and only the new one works", async ({ page, browser }) => {
  // mudan.staff is used by no other spec; its password is put back at the end.
  await login(page, "mudan.staff");
  await page.goto("/account");
  await expect(page).toHaveTitle(/我的账户/);
  await expect(page.getByTestId("account-profile")).toContainText("mudan.staff");
  await expect(page.getByTestId("account-profile")).toContainText("牡丹区商务局");
  const fields = [["当前密码", "current-password"], ["新密码", "new-password"], ["再次输入新密码", "new-password"]] as const;
  for (const [label, autocomplete] of fields) {
    const input = page.getByTestId("change-password-form").getByLabel(label, { exact: true });
    await expect(input).toHaveAttribute("type", "password");
    await expect(input).toHaveAttribute("autocomplete", autocomplete);
  }

  await changePassword(page, "not-my-password", NEW_PASSWORD);
  const current = page.getByTestId("change-password-form").getByLabel("当前密码", { exact: true });
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAccessibleDescription("当前密码不正确。");
  await expect(page).toHaveURL(/\/account$/);

  let changed = false;
  try {
    await changePassword(page, DEMO_PASSWORD, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/login\?passwordChanged=1$/);
    changed = true;
    await expect(page.getByText("密码已修改，请用新密码重新登录。")).toBeVisible();

    expect(await failedLogin(page, "mudan.staff", DEMO_PASSWORD)).toBe("用户名或密码不正确。");
    await login(page, "mudan.staff", NEW_PASSWORD);
  } finally {
    if (changed) {
      const context = await browser.newContext();
      const restore = await context.newPage();
      await login(restore, "mudan.staff", NEW_PASSWORD);
      await changePassword(restore, NEW_PASSWORD, DEMO_PASSWORD);
      await expect(restore).toHaveURL(/\/login\?passwordChanged=1$/);
      await context.close();
    }
  }
  // Restoring the password ended this session too; the demo password works again.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await login(page, "mudan.staff");
});

test("the language choice belongs to the user and follows them to a new browser", async ({ page, browser }) => {
  // caoxian.staff is used by no other spec; the language is put back to Chinese at the end.
  await login(page, "caoxian.staff");
  try {
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
    await expect(page.getByTestId("account-language").getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("logout").click();
    await expect(page).toHaveURL(/\/login\?loggedOut=1$/);

    // A fresh browser has no language cookie: the login page is Chinese, the account English.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await login(other, "caoxian.staff");
    await expect(other.locator("html")).toHaveAttribute("lang", "en");
    await expect(other.getByTestId("signed-in-as")).toContainText("Signed in as");
    await other.goto("/account");
    await other.getByTestId("account-language").getByRole("button", { name: "中文" }).click();
    await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("我的账户");
    await fresh.close();
  } finally {
    const check = await browser.newContext();
    const last = await check.newPage();
    await login(last, "caoxian.staff");
    if ((await last.locator("html").getAttribute("lang")) !== "zh-CN") {
      await last.getByTestId("language-switch").click();
    }
    await expect(last.locator("html")).toHaveAttribute("lang", "zh-CN");
    await check.close();
  }
});
