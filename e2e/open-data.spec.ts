import { test, expect } from "@playwright/test";
import { makeProgressFixture, type ProgressFixture } from "./support/progress";

// GET /api/open/actions: public open data — approved actions only, no personal data.

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

test("an anonymous GET answers 200 JSON with the documented fields and nothing personal", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await anonymous.get("/api/open/actions", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-type"]).toContain("application/json");
  expect(headers["cache-control"]).toBe("public, max-age=60");
  expect(headers["etag"]).toMatch(/^W\/".+"$/);

  const text = await response.text();
  const body = JSON.parse(text) as { generatedAt: string; asOf: string; licence: string; actions: Array<Record<string, unknown>> };
  expect(Object.keys(body).sort()).toEqual(["actions", "asOf", "generatedAt", "licence"]);
  expect(body.licence).toBe("CC BY 4.0");
  expect(new Date(body.generatedAt).toISOString()).toBe(body.generatedAt);
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
  expect(response.headers()["cache-control"]).toBe("public, max-age=60");
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
