import { test, expect, type Page } from "@playwright/test";
import { createUser, expectFieldError, login, NEW_PASSWORD, openSession, unique } from "./support/admin";

// The admin pages, driven as an administrator would: users, departments, areas, and what a
// change to a user does to that user's open session.

test.beforeEach(async ({ page }) => {
  await login(page, "admin");
});

test("admin creates a user and that user can log in", async ({ page, browser }) => {
  const username = unique("e2e-new-");
  await createUser(page, username);
  await page.goto("/admin/users");
  const row = page.getByTestId(`user-row-${username}`);
  await expect(row).toContainText("经办人");
  await expect(row).toContainText("曹县商务局");
  await expect(row).toContainText("正常");
  await expect(row).toContainText("从未登录");

  const userPage = await openSession(browser, username);
  await expect(userPage.getByTestId("dashboard-role")).toHaveText("经办人");
  await userPage.context().close();
});

test("a bad field shows its error under that field, keeps the input and creates nothing", async ({ page }) => {
  const username = unique("e2e-bad-");
  await page.goto("/admin/users");
  const caption = await page.locator("table caption").textContent();
  await page.goto("/admin/users/new");
  const form = page.getByTestId("user-create-form");
  await form.getByLabel("用户名", { exact: true }).fill(username);
  await form.getByLabel("姓名", { exact: true }).fill("测试 短密码");
  await form.getByLabel("初始密码", { exact: true }).fill("short");
  await form.getByLabel("角色", { exact: true }).selectOption({ label: "经办人" });
  await form.getByLabel("部门", { exact: true }).selectOption({ label: "曹县商务局（曹县）" });
  await form.getByLabel("区域", { exact: true }).selectOption({ label: "曹县" });
  await form.getByRole("button", { name: "新建" }).click();

  await expect(form.getByTestId("form-error")).toHaveText("提交的内容有误，请按提示修改。");
  await expectFieldError(form, "初始密码", "密码至少 10 位。");
  await expect(form.getByLabel("用户名", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("用户名", { exact: true })).toHaveValue(username);
  await expect(form.getByLabel("部门", { exact: true })).toHaveValue(/\d+/);
  await expect(page).toHaveURL(/\/admin\/users\/new$/);

  await page.goto("/admin/users");
  await expect(page.getByTestId(`user-row-${username}`)).toHaveCount(0);
  await expect(page.locator("table caption")).toHaveText(caption!);
});

test("@security disabling a user ends their open session and refuses their next login", async ({ page, browser }) => {
  const username = unique("e2e-off-");
  const editPath = await createUser(page, username);
  const userPage = await openSession(browser, username);

  await page.goto(editPath);
  const form = page.getByTestId("user-disable-form");
  await form.getByRole("button", { name: "停用账号" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("账号已停用，其会话已全部结束。");
  await expect(page.getByTestId("user-state")).toHaveText("已停用");
  await expect(form.getByRole("button", { name: "启用账号" })).toBeVisible();

  await userPage.goto("/dashboard");
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel("用户名", { exact: true }).fill(username);
  await userPage.getByLabel("密码", { exact: true }).fill(NEW_PASSWORD);
  await userPage.getByRole("button", { name: "登录" }).click();
  await expect(userPage.getByTestId("form-error")).toHaveText("用户名或密码不正确。");
  await userPage.context().close();
});

test("@security a role change ends the user's session; after logging in again the new role applies", async ({ page, browser }) => {
  const username = unique("e2e-role-");
  const editPath = await createUser(page, username);
  const userPage = await openSession(browser, username);

  await page.goto(editPath);
  const form = page.getByTestId("user-edit-form");
  await form.getByLabel("角色", { exact: true }).selectOption({ label: "审核人" });
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("已保存");

  await userPage.goto("/dashboard");
  await expect(userPage).toHaveURL(/\/login/);
  await login(userPage, username, NEW_PASSWORD);
  await userPage.goto("/dashboard");
  await expect(userPage.getByTestId("dashboard-role")).toHaveText("审核人");
  await userPage.context().close();
});

test("a password reset ends the user's session; the new password works", async ({ page, browser }) => {
  const username = unique("e2e-pw-");
  const editPath = await createUser(page, username);
  const userPage = await openSession(browser, username);

  await page.goto(editPath);
  const form = page.getByTestId("user-password-form");
  await form.getByLabel("新密码", { exact: true }).fill("Reset-by-admin-2026");
  await form.getByRole("button", { name: "重置密码" }).click();
  await expect(form.getByTestId("form-success")).toHaveText("密码已重置。");

  await userPage.goto("/dashboard");
  await expect(userPage).toHaveURL(/\/login/);
  await login(userPage, username, "Reset-by-admin-2026");
  await userPage.context().close();
});

test("an area with a malformed code is refused under the code field; a good one is created", async ({ page }) => {
  const nameZh = unique("测试区");
  await page.goto("/admin/areas");
  const form = page.getByTestId("area-create-form");
  await form.getByLabel("区划代码", { exact: true }).fill("12345");
  await form.getByLabel("中文名称", { exact: true }).fill(nameZh);
  await form.getByLabel("英文名称", { exact: true }).fill(`Test District ${nameZh}`);
  await form.getByLabel("级别", { exact: true }).selectOption({ label: "县（区）" });
  await form.getByLabel("上级区域", { exact: true }).selectOption({ label: "菏泽市" });
  await form.getByRole("button", { name: "新建" }).click();

  await expectFieldError(form, "区划代码", "区划代码为 6 位数字（GB/T 2260）。");
  await expect(form.getByLabel("中文名称", { exact: true })).toHaveValue(nameZh);
  await expect(page.getByTestId("areas-table")).not.toContainText(nameZh);

  const code = `65${String(Date.now()).slice(-4)}`;
  await form.getByLabel("区划代码", { exact: true }).fill(code);
  await form.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(/\/admin\/areas\?saved=created$/);
  await expect(page.getByTestId("area-created")).toBeVisible();
  await expect(page.getByTestId("areas-table").getByRole("row", { name: nameZh })).toContainText(code);
});

test("a new department appears in the user form's department select, and leaves it when deactivated", async ({ page }) => {
  const nameZh = unique("测试局");
  await page.goto("/admin/departments");
  const form = page.getByTestId("department-create-form");
  await form.getByLabel("中文名称", { exact: true }).fill(nameZh);
  await form.getByLabel("英文名称", { exact: true }).fill(`Test Bureau ${nameZh}`);
  await form.getByLabel("所在区域", { exact: true }).selectOption({ label: "单县" });
  await expect(form.getByLabel("启用", { exact: true })).toBeChecked();
  await form.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(/\/admin\/departments\?saved=created$/);
  await expect(page.getByTestId("departments-table")).toContainText(nameZh);

  const option = (p: Page) => p.getByTestId("user-create-form").getByLabel("部门", { exact: true }).locator("option", { hasText: `${nameZh}（单县）` });
  await page.goto("/admin/users/new");
  await expect(option(page)).toHaveCount(1);

  // Deactivated, it leaves the select; a failed save keeps the box as the admin left it.
  await page.goto("/admin/departments");
  await page.getByRole("link", { name: nameZh }).click();
  const edit = page.getByTestId("department-edit-form");
  await edit.getByLabel("启用", { exact: true }).uncheck();
  await edit.getByLabel("中文名称", { exact: true }).fill("");
  await edit.getByRole("button", { name: "保存" }).click();
  await expectFieldError(edit, "中文名称", "此项为必填。");
  await expect(edit.getByLabel("启用", { exact: true })).not.toBeChecked();
  await edit.getByLabel("中文名称", { exact: true }).fill(nameZh);
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(edit.getByTestId("form-success")).toHaveText("已保存");
  await page.goto("/admin/users/new");
  await expect(option(page)).toHaveCount(0);
});

test("edit pages answer 404 for an unknown or malformed id, and 403 to non-admins", async ({ page, browser }) => {
  for (const path of ["/admin/users/999999", "/admin/users/abc", "/admin/users/0", "/admin/departments/1.5", "/admin/areas/999999"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
  const context = await browser.newContext();
  const staff = await context.newPage();
  await login(staff, "staff");
  for (const path of ["/admin/users/1", "/admin/departments/1", "/admin/areas/1"]) {
    const response = await staff.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(staff.getByTestId("forbidden")).toBeVisible();
  }
  await context.close();
});
