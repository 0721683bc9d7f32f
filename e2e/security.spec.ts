import { test, expect, type APIRequestContext } from "@playwright/test";
import { login } from "./support/auth";
import { auditCount } from "./support/db";
import { builtRouteHandlers, builtServerActions } from "./support/manifest";

// The only actions anyone may call: they are how a visitor gets in or picks a language.
const PUBLIC_ACTIONS = new Set(["loginAction", "setLocaleAction"]);
// Route handlers open by design: Auth.js's own endpoints, the health check and open data
// (approved actions and counts, no personal data; see e2e/open-data.spec.ts).
const PUBLIC_ROUTES = new Set([
  // Auth.js's own endpoints: the way in cannot require being in.
  "/api/auth/[...nextauth]",
  // Reachability; reports no data.
  "/api/health",
  // Open data (CC BY 4.0): read-only aggregates of approved records and published statistics, no personal data (e2e/open-data.spec.ts).
  "/api/open/summary",
  "/api/open/actions",
  "/api/open/campaigns",
  "/api/open/batches",
  "/api/open/indicators",
]);

// Actions are posted to a page of the signed-in site (the public pages are cached snapshots).
async function callAction(request: APIRequestContext, id: string, origin: string) {
  return request.post("/login", {
    headers: { "Next-Action": id, Origin: origin, "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
}

test("@security every server action of the build refuses a caller without a session, and the refusal is audited", async ({ playwright, baseURL }) => {
  const actions = builtServerActions();
  expect(actions.length).toBeGreaterThan(PUBLIC_ACTIONS.size);
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const action of actions) {
    const before = auditCount({ detail: "UNAUTHENTICATED", actorName: "anonymous" });
    const response = await callAction(anonymous, action.id, baseURL!);
    const body = await response.text();
    const label = `${action.filename}#${action.exportedName}`;
    if (PUBLIC_ACTIONS.has(action.exportedName)) {
      expect(body, label).not.toContain("UNAUTHENTICATED");
      continue;
    }
    expect(response.status(), label).toBe(200);
    expect(body, label).toContain('"code":"UNAUTHENTICATED"');
    expect(auditCount({ detail: "UNAUTHENTICATED", actorName: "anonymous" }), label).toBe(before + 1);
  }
  console.log(`server actions checked: ${actions.map((a) => a.exportedName).join(", ")}`);
  await anonymous.dispose();
});

test("@security every route handler of the build answers 401 without a session unless it is public by design", async ({ playwright, baseURL }) => {
  const routes = builtRouteHandlers();
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const route of routes) {
    if (PUBLIC_ROUTES.has(route)) continue;
    const path = route.replace(/\[\.\.\.[^\]]+\]/g, "x/y").replace(/\[[^\]]+\]/g, "1");
    for (const method of ["GET", "POST"] as const) {
      const response = await anonymous.fetch(path, { method, headers: { Origin: baseURL! } });
      expect([401, 405], `${method} ${path}`).toContain(response.status());
    }
  }
  console.log(`route handlers: ${routes.join(", ")}`);
  await anonymous.dispose();
});

test("@security a staff member calling an admin action is refused with 403-equivalent FORBIDDEN", async ({ page, baseURL }) => {
  await login(page, "staff");
  const create = builtServerActions().find((a) => a.exportedName === "createUserAction");
  expect(create, "createUserAction is in the build").toBeTruthy();
  const response = await callAction(page.request, create!.id, baseURL!);
  expect(await response.text()).toContain('"code":"FORBIDDEN"');
});

test("@security a server action posted from a foreign Origin does not run", async ({ playwright, baseURL }) => {
  const logout = builtServerActions().find((a) => a.exportedName === "logoutAction")!;
  const anonymous = await playwright.request.newContext({ baseURL });
  const before = auditCount({ action: "logout" });
  const response = await callAction(anonymous, logout.id, "https://evil.example");
  expect(response.status()).toBeGreaterThanOrEqual(400);
  const body = await response.text();
  expect(body).not.toContain("UNAUTHENTICATED");
  expect(body).not.toMatch(/at \w+ \(|\.tsx?:\d+|sqlite/i);
  expect(auditCount({ action: "logout" })).toBe(before);
  await anonymous.dispose();
});

test("@security an x-middleware-subrequest header grants nothing", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const value of ["proxy", "middleware", "proxy:proxy:proxy:proxy:proxy", "middleware:middleware:middleware:middleware:middleware", "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware"]) {
    for (const path of ["/dashboard", "/admin/users", "/audit"]) {
      const response = await anonymous.get(path, { headers: { "x-middleware-subrequest": value }, maxRedirects: 0 });
      expect([307, 308], `${value} ${path}`).toContain(response.status());
      expect(response.headers()["location"], `${value} ${path}`).toContain("/login");
    }
  }
  await anonymous.dispose();
});

test("the health check answers 200 with the database reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});

test("@security pages set basic security headers and no framework banner", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("@security an unknown page answers 404 without a stack trace", async ({ page }) => {
  await login(page, "staff");
  const response = await page.request.get("/no-such-page");
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toMatch(/at \w+ \(|node_modules|SQLITE/);
});
