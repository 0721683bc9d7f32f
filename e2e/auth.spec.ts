import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, failedLogin, login, sessionCookie } from "./support/auth";
import { auditCount, createTestUser } from "./support/db";

test("a visitor sees the public home page and a way in for staff", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("菏泽市促消费成效");
  await expect(page.getByTestId("public-counties")).toContainText("曹县");
  await page.getByRole("link", { name: "工作人员入口" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
});

test("the public pages are cached snapshots: the second visitor gets the same render, and the inner path answers nobody", async ({ request }) => {
  const first = await request.get("/");
  const again = await request.get("/");
  expect(again.status()).toBe(200);
  // The ETag names the render (lib/public/snapshot-store.ts): the same one means it was not rendered again.
  expect(again.headers()["etag"]).toBe(first.headers()["etag"]);
  expect(again.headers()["set-cookie"]).toBeUndefined();
  const english = await request.get("/en/leverage");
  expect(await english.text()).toContain("gross leverage");
  for (const inner of ["/snapshot/zh-CN/leverage", "/snapshot/zh-CN/v/1", "/snapshot"]) {
    expect((await request.get(inner)).status(), inner).toBe(404);
    expect((await request.get(inner, { headers: { "x-huimin-snapshot": "a guess" } })).status(), inner).toBe(404);
  }
});

test("@security login and logout; the logged-out cookie no longer works", async ({ page, browser }) => {
  await login(page, "staff");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard-role")).toHaveText("经办人");
  const cookie = await sessionCookie(page);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");

  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1$/);

  // A stolen copy of the old cookie is worthless after logout: the session version moved on.
  const replay = await browser.newContext();
  await replay.addCookies([cookie!]);
  const other = await replay.newPage();
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);
  await replay.close();
});

test("@security each login issues a new session token", async ({ browser }) => {
  const first = await browser.newContext();
  const a = await first.newPage();
  await login(a, "auditor");
  const second = await browser.newContext();
  const b = await second.newPage();
  await login(b, "auditor");
  expect((await sessionCookie(a))?.value).not.toBe((await sessionCookie(b))?.value);
  await first.close();
  await second.close();
});

test("@security a wrong password and an unknown user get the same answer; both are audited", async ({ page }) => {
  const before = auditCount({ action: "login", outcome: "failure" });
  const wrongPassword = await failedLogin(page, "manager", "not-the-password");
  const unknownUser = await failedLogin(page, "nobody-by-this-name", "not-the-password");
  expect(wrongPassword).toBe("用户名或密码不正确。");
  expect(unknownUser).toBe(wrongPassword);
  expect(auditCount({ action: "login", outcome: "failure" })).toBe(before + 2);
  await login(page, "manager");
  expect(auditCount({ action: "login", outcome: "success", actorName: "manager" })).toBeGreaterThan(0);
});

test("@security repeated failed logins are throttled, even with the right password afterwards", async ({ page }) => {
  const username = `throttle-${Date.now()}`;
  await createTestUser({ username, password: DEMO_PASSWORD, role: "staff" });
  for (let i = 0; i < 5; i++) expect(await failedLogin(page, username, `wrong-${i}`)).toBe("用户名或密码不正确。");
  expect(await failedLogin(page, username, DEMO_PASSWORD)).toBe("登录失败次数过多，请稍后再试。");
  // An unknown name is throttled alike, so the lock tells nothing about who exists.
  for (let i = 0; i < 5; i++) await failedLogin(page, `${username}-ghost`, `wrong-${i}`);
  expect(await failedLogin(page, `${username}-ghost`, DEMO_PASSWORD)).toBe("登录失败次数过多，请稍后再试。");
  expect(auditCount({ action: "login", outcome: "denied", detail: "throttled", actorName: username })).toBe(1);
});

for (const evil of ["//evil.example", "https://evil.example", "/\\evil.example", "/\\/evil.example"]) {
  test(`@security callbackUrl ${evil} cannot leave the site`, async ({ page }) => {
    await login(page, "staff", DEMO_PASSWORD, evil);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    await expect(page).toHaveURL(/\/dashboard$/);
  });
}

test("a safe callbackUrl is honoured after login", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await page.getByLabel("用户名").fill("staff");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/account$/);
});
