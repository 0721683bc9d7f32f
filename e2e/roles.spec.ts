import { test, expect } from "@playwright/test";
import { login } from "./support/auth";

type Role = "staff" | "manager" | "admin" | "auditor";

// Which pages each role may open; every other role gets 403 and the "not allowed" page.
const PAGES: Array<{ path: string; allowed: readonly Role[] }> = [
  { path: "/dashboard", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/account", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/inbox", allowed: ["manager"] },
  { path: "/registry/policies", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/actions", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/packages", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/events", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/carriers", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/campaigns", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/registry/batches", allowed: ["staff", "manager", "admin", "auditor"] },
  { path: "/merchants", allowed: ["staff", "manager", "admin", "auditor"] },
  // Staff register records; the other roles read them.
  { path: "/registry/packages/new", allowed: ["staff"] },
  { path: "/registry/batches/new", allowed: ["staff"] },
  { path: "/admin/users", allowed: ["admin"] },
  { path: "/admin/users/new", allowed: ["admin"] },
  { path: "/admin/departments", allowed: ["admin"] },
  { path: "/admin/areas", allowed: ["admin"] },
  { path: "/audit", allowed: ["auditor"] },
];

for (const role of ["staff", "manager", "admin", "auditor"] as const) {
  test(`@security ${role} opens what the role may and is refused the rest`, async ({ page }) => {
    await login(page, role);
    for (const { path, allowed } of PAGES) {
      const response = await page.goto(path);
      if (allowed.includes(role)) {
        expect(response?.status(), `${role} ${path}`).toBe(200);
        await expect(page.getByTestId("forbidden")).toHaveCount(0);
      } else {
        expect(response?.status(), `${role} ${path}`).toBe(403);
        await expect(page.getByTestId("forbidden")).toBeVisible();
      }
    }
  });
}

test("navigation shows each role its own entries", async ({ page }) => {
  await login(page, "admin");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "用户" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "审计日志" })).toHaveCount(0);
  await page.getByTestId("logout").click();
  // Wait for the logout to land before the next login, or /login still sees the old session.
  await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
  await login(page, "auditor");
  await expect(nav.getByRole("link", { name: "审计日志" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "用户" })).toHaveCount(0);
});

test("@security without a session every protected page sends the visitor to the login page", async ({ page }) => {
  for (const { path } of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login\?callbackUrl=/);
  }
});
