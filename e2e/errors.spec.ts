import { test, expect, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, login } from "./support/auth";
import { createTestUser, e2eDb } from "./support/db";
import { builtRouteHandlers, builtServerActions } from "./support/manifest";

// Nothing about the server's insides reaches the browser: no stack frame, no source path, no
// SQL or SQLite error — whatever is sent (bad JSON, broken multipart, unknown ids) and even when
// the database itself fails. Errors are logged on the server; the answer says only what failed.

/** A stack frame, a source or install path, SQL, or the SQLite driver's own words. */
const LEAK = /\bat [\w$.<>]+ \(|\s+at (async )?\/|\.(tsx?|jsx?|mjs):\d+|\/work\/|\/home\/|node_modules|\.next\/server|SQLITE_|SqliteError|better-sqlite3|\b(select|insert into|update|delete from)\b[^"\n]{0,120}\b(from|values|set|where)\b/i;

function expectNoLeak(body: string, label: string) {
  const match = body.match(LEAK);
  expect(match?.[0] ?? null, `${label}: ${body.slice(Math.max(0, (match?.index ?? 0) - 80), (match?.index ?? 0) + 120)}`).toBeNull();
}

/** Bodies a careless or hostile client sends. */
const JUNK: Array<{ name: string; headers: Record<string, string>; data: string | Buffer }> = [
  { name: "bad JSON", headers: { "content-type": "application/json" }, data: '{"id": 1, "role": "admin",' },
  { name: "broken multipart", headers: { "content-type": "multipart/form-data; boundary=xyz" }, data: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc' },
  { name: "multipart without boundary", headers: { "content-type": "multipart/form-data" }, data: "--\r\n" },
  { name: "binary", headers: { "content-type": "application/octet-stream" }, data: Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0]) },
];

/** Fills a route pattern's parameters with values that name nothing, or are not ids at all. */
function concretePaths(route: string): string[] {
  const unknown = route.replace(/\[\.\.\.[^\]]+\]/g, "x/y").replace(/\[segment\]/g, "events").replace(/\[[^\]]+\]/g, "987654321");
  const notAnId = route.replace(/\[\.\.\.[^\]]+\]/g, "..%2f..%2fetc").replace(/\[segment\]/g, "no-such-segment").replace(/\[[^\]]+\]/g, "1%27%20or%201%3D1--");
  return [...new Set([unknown, notAnId])];
}

async function sweepRoutes(api: APIRequestContext, label: string) {
  const routes = builtRouteHandlers();
  expect(routes.length).toBeGreaterThan(10);
  let tried = 0;
  for (const route of routes) {
    for (const path of concretePaths(route)) {
      for (const query of ["", "?table=nope&format=xlsx&from=2025-13-45&id=-1", "?format=%00%ff&name=%0d%0aX-Injected:1"]) {
        const get = await api.get(path + query, { maxRedirects: 0 });
        expectNoLeak(await get.text(), `${label} GET ${path}${query}`);
        expect(get.status(), `${label} GET ${path}${query}`).toBeLessThan(500);
        tried++;
      }
      for (const junk of JUNK) {
        const post = await api.post(path, { headers: junk.headers, data: junk.data, maxRedirects: 0 });
        expectNoLeak(await post.text(), `${label} POST ${path} ${junk.name}`);
        expect(post.status(), `${label} POST ${path} ${junk.name}`).toBeLessThan(500);
        tried++;
      }
    }
  }
  return tried;
}

test("@security no route handler answers junk, unknown ids or malformed bodies with a stack trace, a path or SQL — signed in or not", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const anonymous = await playwright.request.newContext({ baseURL });
  const anonymousTried = await sweepRoutes(anonymous, "anonymous");
  await anonymous.dispose();
  await login(page, "admin");
  const adminTried = await sweepRoutes(page.request, "admin");
  const staffContext = await page.context().browser()!.newContext();
  const staffPage = await staffContext.newPage();
  // A staff member of their own: the sweep's posts to the upload routes count against the upload limit.
  const username = `errors.sweep.${Date.now().toString(36)}`;
  await createTestUser({ username, password: DEMO_PASSWORD, role: "staff" });
  await login(staffPage, username);
  const staffTried = await sweepRoutes(staffPage.request, "staff");
  await staffContext.close();
  console.log(`route requests tried: ${anonymousTried + adminTried + staffTried}`);
});

test("@security server actions posted malformed bodies answer without a stack trace, a path or SQL", async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  await login(page, "admin");
  const actions = builtServerActions();
  for (const action of actions) {
    for (const junk of [
      { "content-type": "text/plain;charset=UTF-8", data: "[{]" },
      { "content-type": "text/plain;charset=UTF-8", data: '["$K1", {"id": "1 or 1=1", "role": "admin"}]' },
      { "content-type": "multipart/form-data; boundary=xyz", data: '--xyz\r\nContent-Disposition: form-data; name="1_$ACTION_ID_x"\r\n\r\n' },
      { "content-type": "application/x-www-form-urlencoded", data: "id=987654321&role=admin&approvedBy=1&createdBy=1" },
    ]) {
      const response = await page.request.post("/login", { headers: { "Next-Action": action.id, Origin: baseURL!, "content-type": junk["content-type"] }, data: junk.data, maxRedirects: 0 });
      expectNoLeak(await response.text(), `${action.exportedName} ${junk.data.slice(0, 20)}`);
    }
  }
  // An action id that is not in the build.
  const unknown = await page.request.post("/login", { headers: { "Next-Action": "7f".repeat(21), Origin: baseURL!, "content-type": "text/plain" }, data: "[]" });
  expectNoLeak(await unknown.text(), "unknown action");
  console.log(`server actions tried with malformed bodies: ${actions.length}`);
});

test("@security a forced database error (SQLite refusing the write with SQL in its message) answers a plain error, without SQL or a stack", async ({ page }) => {
  await login(page, "staff");
  const db = e2eDb().$client;
  // A fault inside the write, as a full disk or a violated constraint would raise: a trigger
  // refuses the upload's insert with a message that names SQL, a table and a column.
  db.exec(`CREATE TRIGGER e2e_forced_failure BEFORE INSERT ON baseline_uploads BEGIN SELECT RAISE(ABORT, 'forced: insert into baseline_uploads (file_sha256) values (?) where uploaded_by = 1'); END`);
  try {
    const response = await page.request.post("/api/effects/baseline", { multipart: { file: { name: "b.csv", mimeType: "text/csv", buffer: Buffer.from(`商户,地区,行业,日期,销售额（元）,对照组\r\n甲${Date.now()},371702,餐饮,2025-05-01,100.00,是\r\n`) } } });
    const body = await response.text();
    expect(response.status()).toBe(500);
    expect(body).toBe(JSON.stringify({ error: "ERROR" }));
    expectNoLeak(body, "baseline upload refused by the database");
  } finally {
    db.exec("DROP TRIGGER e2e_forced_failure");
  }
});
