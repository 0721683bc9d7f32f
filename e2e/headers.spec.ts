import { test, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, login } from "./support/auth";

// The Content-Security-Policy of each kind of page (lib/security/csp.ts): pages Next renders per
// request carry a nonce, the stored public pages and the pages prerendered at build list their
// inline scripts' hashes. Each kind must also still work under its policy: a policy that blocks
// Next's own scripts would leave a page that renders and then never hydrates.

/** The directives of a CSP header, by name. */
function directives(csp: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectStrictScripts(csp: string | undefined, label: string) {
  const d = directives(csp);
  expect(d.get("frame-ancestors"), label).toEqual(["'none'"]);
  expect(d.get("object-src"), label).toEqual(["'none'"]);
  const script = d.get("script-src") ?? [];
  expect(script, label).toContain("'self'");
  expect(script, label).not.toContain("'unsafe-inline'");
  expect(script, label).not.toContain("'unsafe-eval'");
  expect(script, label).not.toContain("*");
  return script;
}

/** Collects CSP violations reported by the browser, from the event and from the console. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to execute: CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

/** True once React has hydrated the document: it attaches its fibers to the DOM nodes it adopts. */
async function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => [...document.querySelectorAll("main, main *")].some((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber"))));
}

test("@security a page rendered per request has a fresh nonce, no unsafe-inline, and works under it: the login form hydrates and signs in", async ({ page }) => {
  const violations = watchViolations(page);
  const first = await page.goto("/login");
  const csp = first!.headers()["content-security-policy"];
  const script = expectStrictScripts(csp, "/login");
  const nonce = script.find((s) => s.startsWith("'nonce-"));
  expect(nonce, "a nonce in script-src").toBeTruthy();
  // Next put the nonce on its own scripts, read from the request's policy.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  await expect.poll(() => hydrated(page)).toBe(true);
  const again = await page.request.get("/login");
  expect(directives(again.headers()["content-security-policy"]).get("script-src")).not.toContain(nonce);

  await page.getByLabel("用户名", { exact: true }).fill("staff");
  await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await expect.poll(() => hydrated(page)).toBe(true);
  // A client-side navigation fetches the next page's payload: connect-src allows our origin.
  await page.getByRole("link", { name: "账户" }).first().click();
  await expect(page).toHaveURL(/\/account$/);
  expect(violations).toEqual([]);
});

test("@security the stored public pages list their inline scripts' hashes (no nonce, no unsafe-inline) and hydrate under them", async ({ page }) => {
  const violations = watchViolations(page);
  for (const path of ["/", "/en/open-data"]) {
    const response = await page.goto(path);
    expect(response!.headers()["etag"], `${path} is served from the store`).toBeTruthy();
    const script = expectStrictScripts(response!.headers()["content-security-policy"], path);
    expect(script.some((s) => s.startsWith("'nonce-")), `${path}: a nonce sent to everyone is no secret`).toBe(false);
    const hashes = script.filter((s) => s.startsWith("'sha256-"));
    expect(hashes.length, path).toBeGreaterThan(0);
    // Every inline script of the page is one of them.
    expect(await page.locator("script:not([src])").count(), path).toBeLessThanOrEqual(hashes.length * 10);
    await expect.poll(() => hydrated(page), path).toBe(true);
  }
  expect(violations).toEqual([]);
});

test("@security the pages prerendered at build (the leverage note, the not-found page) run under hashes, without unsafe-inline", async ({ page }) => {
  const violations = watchViolations(page);
  // Signed in: an unknown path would otherwise send the visitor to the login page.
  await login(page, "auditor");
  for (const [path, status] of [["/leverage", 200], ["/en/leverage", 200], ["/no-such-page", 404]] as const) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(status);
    const script = expectStrictScripts(response!.headers()["content-security-policy"], path);
    expect(script.some((s) => s.startsWith("'sha256-")), path).toBe(true);
    await expect.poll(() => hydrated(page), path).toBe(true);
  }
  expect(violations).toEqual([]);
});

test("@security every kind of answer says nosniff, a referrer policy and no framing; route handlers allow nothing to run", async ({ request }) => {
  for (const path of ["/", "/leverage", "/login", "/no-such-page", "/api/health", "/api/open/summary"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(directives(headers["content-security-policy"]).get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
  const api = directives((await request.get("/api/health")).headers()["content-security-policy"]);
  expect(api.get("default-src")).toEqual(["'none'"]);
});

// The e2e server runs with TRUST_PROXY=true, as behind a TLS-terminating proxy: X-Forwarded-Proto
// is the proxy's word (lib/security/transport.ts; without TRUST_PROXY the server overwrites it).
test("@security HSTS is sent only on answers to requests that came over HTTPS", async ({ request }) => {
  for (const path of ["/", "/login", "/leverage"]) {
    expect((await request.get(path)).headers()["strict-transport-security"], `${path} over http`).toBeUndefined();
    const https = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(https.status(), `${path} over https`).toBe(200);
    expect(https.headers()["strict-transport-security"], `${path} over https`).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  }
});

/** The Set-Cookie headers of the session cookie sent while logging in through the form. */
async function sessionSetCookies(page: Page): Promise<string[]> {
  const cookies: string[] = [];
  page.on("response", async (response) => {
    for (const h of await response.headersArray()) {
      if (h.name.toLowerCase() === "set-cookie" && /authjs\.session-token=/.test(h.value)) cookies.push(h.value);
    }
  });
  await login(page, "auditor");
  return cookies;
}

test("@security the session cookie is HttpOnly and SameSite=Lax; Secure with the __Secure- prefix only behind HTTPS", async ({ browser }) => {
  const plain = await browser.newContext();
  const overHttp = await sessionSetCookies(await plain.newPage());
  expect(overHttp.length).toBeGreaterThan(0);
  for (const cookie of overHttp) {
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  }
  await plain.close();

  const behindTls = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const overHttps = await sessionSetCookies(await behindTls.newPage());
  expect(overHttps.length).toBeGreaterThan(0);
  for (const cookie of overHttps) {
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  }
  await behindTls.close();
});
