import { test } from "node:test";
import assert from "node:assert/strict";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { etagMatches } from "@/lib/http/conditional";
import { seededTestDb } from "@/lib/testing/db";
import { registryFixtures } from "@/lib/testing/progress-fixtures";
import { buildOpenActions, OPEN_ACTIONS_CSV_COLUMNS, openActionsCsv, openActionsEndpoint } from "./actions";
import { openDataResponse } from "./response";

const db: Db = await seededTestDb();
const f = registryFixtures(db);
const NOW = new Date("2025-07-01T16:30:00Z"); // 2025-07-02 00:30 in Beijing
const HEAD = { updatedAt: "2025-07-01T10:00:00.000Z", licence: "CC BY 4.0" } as const;
const build = () => buildOpenActions(db, { head: HEAD, today: "2025-07-02" });

// Built before any record exists (the test bodies run after the module's top level).
const emptyBody = build();
test("with nothing approved the document is empty but well formed", () => {
  const body = emptyBody;
  assert.deepEqual(body, { updatedAt: "2025-07-01T10:00:00.000Z", licence: "CC BY 4.0", asOf: "2025-07-02", actions: [] });
  assert.equal(openActionsCsv(body), `\uFEFF${OPEN_ACTIONS_CSV_COLUMNS.join(",")}\r\n`);
});

const policyId = f.policy();
const actionId = f.action(policyId, {
  number: "7",
  titleZh: "家电以旧换新",
  titleEn: "Appliance trade-in, \"old for new\"",
  target_1_measure: "packages",
  target_1_value: "4",
  target_2_measure: "eventSalesFen",
  target_2_value: "1500",
  target_3_measure: "stimulatedSpendingFen",
  target_3_value: "215000000",
});
f.pkg(actionId);
f.pkg(actionId, { name: "第二批" });
f.pkg(actionId, { name: "草稿" }, "draft");
f.event(actionId, { largeScale: "on", sales: "600.50" });
f.event(actionId, { name: "待审活动", largeScale: "on", sales: "900" }, "submitted");
f.carrier(actionId);
// Text a spreadsheet would run as a formula, and an action with no targets.
f.action(policyId, { number: "3", titleZh: "=HYPERLINK(\"http://evil.example\")", titleEn: "-2+3", description: "说明" });
f.action(policyId, { number: "9", titleZh: "草稿行动", titleEn: "Draft" }, "draft");

const ACTION_KEYS = [
  "number",
  "titleZh",
  "titleEn",
  "leadDepartmentZh",
  "leadDepartmentEn",
  "startsOn",
  "endsOn",
  "status",
  "targets",
  "approvedPackages",
  "approvedEvents",
  "approvedLargeEvents",
  "approvedCarriers",
].sort();
const TARGET_KEYS = ["measure", "unit", "unitZh", "target", "targetYuan", "actual", "actualYuan", "progressPercent", "status", "note"].sort();

test("approved actions only, by number, with targets, actuals and approved counts", () => {
  const body = build();
  assert.deepEqual(body.actions.map((a) => a.number), [3, 7]);
  const action = body.actions[1]!;
  assert.deepEqual(Object.keys(action).sort(), ACTION_KEYS);
  assert.deepEqual(
    { ...action, targets: undefined },
    {
      number: 7,
      titleZh: "家电以旧换新",
      titleEn: 'Appliance trade-in, "old for new"',
      leadDepartmentZh: "菏泽市商务局",
      leadDepartmentEn: "Heze Municipal Bureau of Commerce",
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
      status: "behind",
      targets: undefined,
      approvedPackages: 2,
      approvedEvents: 1,
      approvedLargeEvents: 1,
      approvedCarriers: 1,
    },
  );
  for (const t of action.targets) assert.deepEqual(Object.keys(t).sort(), TARGET_KEYS);
  assert.deepEqual(action.targets, [
    { measure: "packages", unit: "packages", unitZh: "个", target: 4, targetYuan: null, actual: 2, actualYuan: null, progressPercent: 50, status: "onTrack", note: null },
    { measure: "eventSalesFen", unit: "fen", unitZh: "分", target: 150_000, targetYuan: "1500.00", actual: 60_050, actualYuan: "600.50", progressPercent: 40, status: "behind", note: null },
    {
      measure: "stimulatedSpendingFen",
      unit: "fen",
      unitZh: "分",
      target: 21_500_000_000,
      targetYuan: "215000000.00",
      actual: null,
      actualYuan: null,
      progressPercent: null,
      status: "awaitingData",
      note: "awaiting voucher data",
    },
  ]);
  assert.deepEqual(body.actions[0]!.targets, []);
  assert.equal(body.actions[0]!.status, "noTargets");
});

test("@security no personal data: no user ids, names or authorship anywhere in the document", () => {
  const text = JSON.stringify(build());
  assert.doesNotMatch(text, /created_?by|createdBy|submittedBy|decidedBy|userId|username|displayName|departmentId|areaId|"id"/i);
  for (const user of db.select().from(users).all()) {
    assert.ok(!text.includes(user.displayName), `display name of ${user.username}`);
    assert.ok(!text.includes(`"${user.username}"`), `username ${user.username}`);
  }
  // The description (free text) is not published either.
  assert.ok(!text.includes("说明"));
});

test("@security CSV: BOM, header, one row per action-target, formula-safe and quoted cells", () => {
  const csv = openActionsCsv(build());
  assert.ok(csv.startsWith("\uFEFFnumber,titleZh,titleEn,"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.at(-1), "", "ends with a line break");
  assert.equal(lines[0], OPEN_ACTIONS_CSV_COLUMNS.join(","));
  assert.equal(lines.length - 2, 1 + 3, "one row for the action without targets, three for the one with");
  assert.ok(lines[1]!.startsWith(`3,"'=HYPERLINK(""http://evil.example"")",'-2+3,菏泽市商务局,`), lines[1]);
  assert.ok(lines[2]!.startsWith('7,家电以旧换新,"Appliance trade-in, ""old for new""",'), lines[2]);
  assert.ok(lines[3]!.includes(",eventSalesFen,fen,150000,1500.00,60050,600.50,40,behind,,2,1,1,1"), lines[3]);
  assert.ok(lines[4]!.includes(",stimulatedSpendingFen,fen,21500000000,215000000.00,,,,awaitingData,awaiting voucher data,2,1,1,1"), lines[4]);
});


test("the response: a daily document, its ETag and Last-Modified moving at midnight in Beijing", () => {
  const ask = (now: Date, ifNoneMatch: string | null = null) => openDataResponse(db, openActionsEndpoint, { format: null, ifNoneMatch, ifModifiedSince: null, now });
  const first = ask(NOW);
  assert.equal(first.status, 200);
  assert.match(first.headers.etag!, /^"[\w-]+-json-2025-07-02"$/);
  // The statuses are judged on the day: the document was last modified at the day's start at the earliest.
  assert.ok(Date.parse(first.headers["last-modified"]!) >= Date.parse("2025-07-01T16:00:00Z"));
  assert.equal(ask(new Date(NOW.getTime() + 60_000), first.headers.etag!).status, 304);
  const nextDay = ask(new Date(NOW.getTime() + 24 * 3_600_000), first.headers.etag!);
  assert.equal(nextDay.status, 200);
  assert.equal((JSON.parse(nextDay.body!) as { asOf: string }).asOf, "2025-07-03");
});

test("If-None-Match compares weakly and honours *", () => {
  assert.equal(etagMatches(null, '"a"'), false);
  assert.equal(etagMatches("*", '"a"'), true);
  assert.equal(etagMatches('W/"a"', '"a"'), true);
  assert.equal(etagMatches('"b", W/"a"', 'W/"a"'), true);
  assert.equal(etagMatches('"b"', '"a"'), false);
});
