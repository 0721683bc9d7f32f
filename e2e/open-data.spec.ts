import { test, expect } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { makeProgressFixture, type ProgressFixture } from "./support/progress";

// The open data: GET /api/open/{summary,actions,campaigns,batches,indicators} as an anonymous
// client — the documented fields, CSV with a BOM, ETag/Last-Modified and 304 — and /open-data.

const ACTION_KEYS = [
  "approvedCarriers",
  "approvedEvents",
  "approvedLargeEvents",
  "approvedPackages",
  "endsOn",
  "leadDepartmentEn",
  "leadDepartmentZh",
  "number",
  "startsOn",
  "status",
  "targets",
  "titleEn",
  "titleZh",
];
const TARGET_KEYS = ["actual", "actualYuan", "measure", "note", "progressPercent", "status", "target", "targetYuan", "unit", "unitZh"];

let fixture: ProgressFixture;
test.beforeAll(() => {
  fixture = makeProgressFixture("open");
});

test("@security an anonymous GET answers 200 JSON with the documented fields and nothing personal", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get("/api/open/actions", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toContain("application/json");
  expect(headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
  expect(headers["etag"]).toMatch(/^".+-json-\d{4}-\d{2}-\d{2}"$/);

  const text = await response.text();
  const body = JSON.parse(text) as { updatedAt: string; asOf: string; licence: string; actions: Array<Record<string, unknown>> };
  expect(Object.keys(body).sort()).toEqual(["actions", "asOf", "licence", "updatedAt"]);
  expect(body.licence).toBe("CC BY 4.0");
  expect(new Date(body.updatedAt).toUTCString()).toBe(headers["last-modified"]);
  for (const action of body.actions) {
    expect(Object.keys(action).sort()).toEqual(ACTION_KEYS);
    for (const target of action.targets as Array<Record<string, unknown>>) expect(Object.keys(target).sort()).toEqual(TARGET_KEYS);
  }

  const mine = body.actions.find((a) => a.number === fixture.number);
  expect(mine, "the approved fixture action is listed").toBeTruthy();
  expect(mine).toMatchObject({
    titleZh: fixture.titleZh,
    titleEn: fixture.titleEn,
    leadDepartmentZh: "菏泽市商务局",
    startsOn: "2025-01-01",
    endsOn: "2099-12-31",
    approvedPackages: 1,
    approvedEvents: 1,
    approvedLargeEvents: 1,
    approvedCarriers: 1,
  });
  expect(mine!.targets).toEqual([
    expect.objectContaining({ measure: "packages", unit: "packages", target: 2, actual: 1, progressPercent: 50, targetYuan: null }),
    expect.objectContaining({ measure: "eventSalesFen", unit: "fen", target: 150000, targetYuan: "1500.00", actual: 30000, actualYuan: "300.00", progressPercent: 20 }),
    expect.objectContaining({ measure: "merchants", actual: null, progressPercent: null, status: "awaitingData", note: "awaiting voucher data" }),
  ]);
  // Nothing about people: no ids, authorship or names of users.
  expect(text).not.toMatch(/createdBy|created_by|submittedBy|decidedBy|userId|username|displayName|"id"/i);
  for (const name of ["李经办", "王审核", "系统管理员"]) expect(text).not.toContain(name);
  await anonymous.dispose();
});

test("?format=csv answers UTF-8 CSV with a BOM, a header row and one row per target", async ({ request }) => {
  const response = await request.get("/api/open/actions?format=csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe(
    "number,titleZh,titleEn,leadDepartmentZh,leadDepartmentEn,startsOn,endsOn,actionStatus,measure,unit,target,targetYuan,actual,actualYuan,progressPercent,status,note,approvedPackages,approvedEvents,approvedLargeEvents,approvedCarriers",
  );
  const mine = lines.filter((l) => l.startsWith(`${fixture.number},`));
  expect(mine).toHaveLength(3);
  expect(mine[1]).toContain(",eventSalesFen,fen,150000,1500.00,30000,300.00,20,");
});

const ENDPOINTS = ["summary", "actions", "campaigns", "batches", "indicators"] as const;

test("the ETag and Last-Modified answer 304 on revalidation, for every endpoint in JSON and CSV", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const name of ENDPOINTS) {
    for (const path of [`/api/open/${name}`, `/api/open/${name}?format=csv`]) {
      const first = await anonymous.get(path);
      expect(first.status(), path).toBe(200);
      const { etag, "last-modified": lastModified } = first.headers();
      expect(etag, path).toMatch(/^"[\w-]+-\d+-(json|csv)(-\d{4}-\d{2}-\d{2})?"$/);
      expect(Date.parse(lastModified!), path).not.toBeNaN();
      const again = await anonymous.get(path, { headers: { "If-None-Match": etag! } });
      expect(again.status(), path).toBe(304);
      expect(again.headers()["etag"], path).toBe(etag);
      expect((await again.body()).length, path).toBe(0);
      expect((await anonymous.get(path, { headers: { "If-Modified-Since": lastModified! } })).status(), path).toBe(304);
      expect((await anonymous.get(path, { headers: { "If-None-Match": '"something-else"' } })).status(), path).toBe(200);
      expect((await anonymous.get(path, { headers: { "If-Modified-Since": new Date(Date.parse(lastModified!) - 1000).toUTCString() } })).status(), path).toBe(200);
    }
  }
  await anonymous.dispose();
});

const FIELDS = {
  summary: ["area_code", "area_name_en", "area_name_zh", "batches", "campaigns", "copay_fen", "copay_yuan", "events", "gross_fen", "gross_yuan", "large_events", "leverage", "leverage_gross", "licence", "online_retail_sales", "packages", "redemptions", "retail_sales", "subsidy_fen", "subsidy_yuan", "updatedAt", "vouchers_issued"],
  campaigns: ["action_number", "action_title_en", "action_title_zh", "area_code", "area_name_en", "area_name_zh", "batches", "budget_cap_fen", "budget_cap_yuan", "budget_used_percent", "channels", "city_fund_fen", "city_fund_yuan", "code", "cofund_fen", "cofund_yuan", "copay_fen", "copay_yuan", "county_fund_fen", "county_fund_yuan", "ends_on", "gross_fen", "gross_yuan", "leverage", "leverage_gross", "name", "redemptions", "starts_on", "subsidy_fen", "subsidy_yuan", "vouchers_issued"],
  batches: ["campaign_code", "campaign_name", "channel", "code", "excluded_redemptions", "face_value_fen", "gross_fen", "gross_yuan", "leverage", "leverage_floor", "redemptions", "subsidy_fen", "subsidy_yuan", "threshold_fen", "valid_from", "valid_to"],
  indicators: ["area_code", "area_level", "area_name_en", "area_name_zh", "demo", "indicator", "indicator_name_en", "indicator_name_zh", "month", "period_en", "period_kind", "period_zh", "published_on", "rank", "rank_of", "source", "value_fen", "value_yuan", "year", "yoy_percent", "yoy_tenths"],
};

const PERSONAL = /payer|openid|phone|mobile|created_?by|submitted_?by|user_?id|username|display_?name|oUpF8|1\d{2}\*{4}\d{4}/i;

test("@security summary, campaigns, batches and indicators: the documented fields, the seed's figures, nothing personal", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const get = async (name: string) => {
    const response = await anonymous.get(`/api/open/${name}`, { maxRedirects: 0 });
    expect(response.status(), name).toBe(200);
    const text = await response.text();
    expect(text, name).not.toMatch(PERSONAL);
    for (const person of ["李经办", "王审核", "系统管理员"]) expect(text, name).not.toContain(person);
    return JSON.parse(text) as Record<string, unknown> & Record<"campaigns" | "batches" | "indicators", Array<Record<string, unknown>>>;
  };
  const summary = await get("summary");
  expect(Object.keys(summary).sort()).toEqual(FIELDS.summary);
  // The demo seed's story (other specs may add approved data: the demo's own figures are a floor).
  expect(summary.area_code).toBe("371700");
  expect(summary.subsidy_fen as number).toBeGreaterThanOrEqual(283_000_000);
  expect(summary.subsidy_yuan).toBe(`${Math.floor((summary.subsidy_fen as number) / 100)}.${String((summary.subsidy_fen as number) % 100).padStart(2, "0")}`);
  expect(summary.packages as number).toBeGreaterThanOrEqual(327);
  expect(summary.retail_sales).toMatchObject({ value_yuan: "125490000000.00", yoy_tenths: 76, yoy_percent: "+7.6%", rank: 1, rank_of: 16 });
  expect(summary.online_retail_sales).toMatchObject({ value_yuan: "15140000000.00", yoy_tenths: 91, rank: 5, rank_of: 16 });

  for (const name of ["campaigns", "batches", "indicators"] as const) {
    const body = await get(name);
    expect(Object.keys(body).sort(), name).toEqual(["licence", name, "updatedAt", ...(name === "batches" ? ["leverageDefinition"] : [])].sort());
    expect(body[name].length, name).toBeGreaterThan(0);
    for (const row of body[name]) expect(Object.keys(row).sort(), name).toEqual(FIELDS[name]);
  }
  const campaigns = (await get("campaigns")).campaigns;
  const seeded = campaigns.find((c) => (c.subsidy_fen as number) > 0)!;
  expect(seeded.leverage).toMatch(/^1 : \d+(\.\d)?$/);
  expect(typeof seeded.leverage_gross).toBe("number");
  const indicators = (await get("indicators")).indicators;
  expect(new Set(indicators.map((i) => i.area_code)).size).toBe(10);
  await anonymous.dispose();
});

test("every endpoint's CSV: UTF-8 with a BOM, a header row, CRLF", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const name of ENDPOINTS) {
    const response = await anonymous.get(`/api/open/${name}?format=csv`);
    expect(response.status(), name).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="huimin-${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text, name).not.toMatch(PERSONAL);
    const header = text.slice(1).split("\r\n")[0]!;
    if (name === "summary") expect(header).toBe("field,value");
    else if (name !== "actions") expect(header.split(",").sort(), name).toEqual(FIELDS[name]);
  }
  const batches = (await (await anonymous.get("/api/open/batches?format=csv")).text()).slice(1).split("\r\n")[0];
  expect(batches).toBe("code,campaign_code,campaign_name,channel,valid_from,valid_to,face_value_fen,threshold_fen,subsidy_fen,subsidy_yuan,gross_fen,gross_yuan,redemptions,leverage,leverage_floor,excluded_redemptions");
  await anonymous.dispose();
});

test("/open-data and /en/open-data document every endpoint with the licence, the update time and the field tables", async ({ page }) => {
  const response = await page.goto("/open-data");
  expect(response!.status()).toBe(200);
  await expect(page).toHaveTitle(/开放数据/);
  await expect(page.getByRole("heading", { level: 1, name: "开放数据" })).toBeVisible();
  await expect(page.getByTestId("open-data-licence")).toContainText("CC BY 4.0");
  await expect(page.getByTestId("open-data-updated")).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  for (const name of ENDPOINTS) {
    await expect(page.getByTestId("open-data-endpoints")).toContainText(`GET /api/open/${name}`);
    await expect(page.getByTestId(`open-data-fields-${name}`)).toBeVisible();
  }
  await expect(page.getByTestId("open-data-fields-campaigns").getByRole("row", { name: /subsidy_fen/ })).toContainText("分（整数）");
  await expect(page.getByTestId("open-data-leverage").getByRole("link")).toHaveAttribute("href", "/leverage");
  await expect(page.getByRole("navigation").getByRole("link", { name: "开放数据" })).toHaveAttribute("aria-current", "page");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId("public-language-switch").click();
  await expect(page).toHaveURL(/\/en\/open-data$/);
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByTestId("open-data-fields-indicators").getByRole("row", { name: /yoy_tenths/ })).toContainText("tenths of a percent");
  await expect(page.getByTestId("open-data-leverage").getByRole("link")).toHaveAttribute("href", "/en/leverage");
  expect(await seriousViolations(page)).toEqual([]);
});

test("/open-data is a cached snapshot of the data version: the second visitor gets the same render", async ({ request }) => {
  const first = await request.get("/open-data");
  const again = await request.get("/open-data");
  expect(again.status()).toBe(200);
  expect(again.headers()["etag"]).toBe(first.headers()["etag"]);
  expect(again.headers()["set-cookie"]).toBeUndefined();
});

test("the ETag answers 304 to If-None-Match, for JSON and CSV", async ({ request }) => {
  for (const path of ["/api/open/actions", "/api/open/actions?format=csv"]) {
    const first = await request.get(path);
    const etag = first.headers()["etag"]!;
    expect(etag, path).toBeTruthy();
    const again = await request.get(path, { headers: { "If-None-Match": etag } });
    expect(again.status(), path).toBe(304);
    expect(again.headers()["etag"], path).toBe(etag);
    expect((await again.body()).length, path).toBe(0);
    const other = await request.get(path, { headers: { "If-None-Match": '"something-else"' } });
    expect(other.status(), path).toBe(200);
  }
});
