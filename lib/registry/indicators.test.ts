// Retail-sales indicators through the registry's one mechanism: parse, references, uniqueness,
// the workflow, and what the panel then reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { retailIndicators, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { loadAreaIndicators } from "@/lib/indicators/summary";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea, demoUser } from "@/lib/testing/demo";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { approveRevision } from "@/lib/workflow/revisions";
import { parseRecordValues } from "./parse";
import { openRevision, saveRecord, submitRecord } from "./records";
import { recordSpec } from "./specs";
import type { RawValues } from "./types";

const db: Db = await seededTestDb();
const cityStaff = demoUser(db, "staff");
const caoxianStaff = demoUser(db, "caoxian.staff");
const manager = demoUser(db, "manager");
const city = demoArea(db, "Heze City");
const caoxian = demoArea(db, "Cao County");
const mudan = demoArea(db, "Mudan District");
const spec = recordSpec("indicator");

function save(raw: RawValues, by: User = cityStaff, id?: number) {
  const parsed = parseRecordValues("indicator", raw, "zh-CN");
  return writeTransaction((tx) => saveRecord(tx, spec, by, id, parsed), db);
}
function record(raw: RawValues, by: User = cityStaff): number {
  const saved = save(raw, by);
  const revision = writeTransaction((tx) => submitRecord(tx, spec, by, saved.id), db);
  writeTransaction((tx) => approveRevision(tx, revision.id, manager, REVISION_HANDLERS.indicator!.apply), db);
  return saved.id;
}

/** The field errors of a refusal (parse or reference check). */
function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { $code: e.code, ...(e.fieldErrors ?? {}) };
    throw e;
  }
  assert.fail("expected a refusal");
}

const raw = (over: RawValues = {}): RawValues => ({
  subjectAreaId: String(city.id),
  indicator: "retailSales",
  year: "2024",
  periodKind: "cumulative",
  month: "6",
  value: "1166.2",
  yoy: "+6.1",
  source: "菏泽市统计局",
  ...over,
});

test("a city figure is stored as published: fen, tenths, rank out of 16 by default", () => {
  const id = record(raw({ rank: "2" }));
  const row = db.select().from(retailIndicators).where(eq(retailIndicators.id, id)).get()!;
  assert.equal(row.status, "approved");
  assert.equal(row.valueFen, 11_662_000_000_000);
  assert.equal(row.yoyTenths, 61);
  assert.deepEqual([row.rank, row.rankOf], [2, 16]);
  assert.equal(row.subjectAreaId, city.id);
  assert.equal(row.demo, false);
  // Shown back in the form as entered.
  assert.deepEqual({ value: spec.toRaw(row).value, yoy: spec.toRaw(row).yoy, rankOf: spec.toRaw(row).rankOf }, { value: "1166.2", yoy: "+6.1", rankOf: "16" });
});

test("each rule refuses with its own message, named on its field", () => {
  const cases: Array<[RawValues, string, string]> = [
    [{ value: "-1" }, "value", "indicatorValue"],
    [{ value: "1254.95万万" }, "value", "indicatorValue"],
    [{ value: "" }, "value", "required"],
    [{ month: "13" }, "month", "indicatorMonth"],
    [{ month: "0" }, "month", "indicatorMonth"],
    [{ periodKind: "cumulative", month: "1" }, "month", "indicatorCumulativeMonth"],
    [{ yoy: "7.65" }, "yoy", "indicatorGrowth"],
    [{ yoy: "百分之七" }, "yoy", "indicatorGrowth"],
    [{ rank: "3", rankOf: "2" }, "rank", "indicatorRankOver"],
    [{ rank: "0" }, "rank", "indicatorRank"],
    [{ rankOf: "16" }, "rank", "indicatorRankMissing"],
    [{ year: "25" }, "year", "yearFormat"],
    [{ source: "" }, "source", "required"],
    [{ indicator: "gdp" }, "indicator", "required"],
  ];
  for (const [over, field, key] of cases) {
    const errors = refusal(() => save(raw({ year: "2023", ...over })));
    assert.deepEqual(errors[field], [key], `${JSON.stringify(over)} → ${JSON.stringify(errors)}`);
    if (key.startsWith("indicator")) assert.ok((zh.errors as unknown as Record<string, string>)[key], `message ${key}`);
  }
  // The Chinese messages name what they are about.
  assert.match(zh.errors.indicatorGrowth, /同比增速/);
  assert.match(zh.errors.indicatorRankOver, /全省排名/);
  assert.match(zh.errors.indicatorCumulativeMonth, /1–N月/);
  assert.equal(db.select().from(retailIndicators).where(eq(retailIndicators.year, 2023)).all().length, 0, "nothing written");
});

test("a city's rank above 16 is refused; a county's rank needs its denominator as published", () => {
  assert.deepEqual(refusal(() => save(raw({ year: "2022", rank: "17" }))), { $code: "INVALID", rank: ["indicatorRankOver"] });
  const county = raw({ year: "2022", subjectAreaId: String(caoxian.id), value: "180.3", rank: "12" });
  assert.deepEqual(refusal(() => save(county)), { $code: "INVALID", rankOf: ["indicatorRankOfRequired"] });
  const id = record({ ...county, rankOf: "136" });
  assert.deepEqual(db.select({ rank: retailIndicators.rank, of: retailIndicators.rankOf }).from(retailIndicators).where(eq(retailIndicators.id, id)).get(), { rank: 12, of: 136 });
});

test("one figure per area, indicator, year and period: a second is refused, other periods are not", () => {
  const first = save(raw({ year: "2021", month: "3" }));
  assert.deepEqual(refusal(() => save(raw({ year: "2021", month: "3", value: "500" }))), { $code: "CONFLICT", month: ["indicatorTaken"] });
  // The same month as a single month, another indicator, another area: all different figures.
  save(raw({ year: "2021", month: "3", periodKind: "month" }));
  save(raw({ year: "2021", month: "3", indicator: "onlineRetailSales" }));
  save(raw({ year: "2021", month: "3", subjectAreaId: String(mudan.id) }));
  // Saving the record again is no clash with itself.
  save(raw({ year: "2021", month: "3", value: "501" }), cityStaff, first.id);
  // And the database holds the line even past the check.
  const row = db.select().from(retailIndicators).where(eq(retailIndicators.id, first.id)).get()!;
  assert.throws(() => db.insert(retailIndicators).values({ ...row, id: undefined }).run(), /UNIQUE constraint failed/);
});

test("county staff record their own county only; city staff record the city and its counties", () => {
  assert.deepEqual(refusal(() => save(raw({ year: "2020" }), caoxianStaff)), { $code: "FORBIDDEN", subjectAreaId: ["outsideArea"] });
  assert.deepEqual(refusal(() => save(raw({ year: "2020", subjectAreaId: String(mudan.id) }), caoxianStaff)), { $code: "FORBIDDEN", subjectAreaId: ["outsideArea"] });
  const own = save(raw({ year: "2020", subjectAreaId: String(caoxian.id), value: "35678.5万" }), caoxianStaff);
  assert.equal(db.select().from(retailIndicators).where(eq(retailIndicators.id, own.id)).get()!.valueFen, 35_678_500_000);
  const byCity = save(raw({ year: "2020", subjectAreaId: String(caoxian.id), periodKind: "month" }));
  // Kept by the city, about 曹县: the inbox's title names the area it is about.
  assert.equal(openRevision(db as never, spec, byCity.id)?.title, "曹县 2020年6月 社会消费品零售总额");
});

test("the panel's reading: the latest approved year-to-date figure up to the month, and the months", () => {
  const y = { year: "2019" };
  record(raw({ ...y, month: "2", value: "400" }));
  record(raw({ ...y, month: "3", value: "600.5", yoy: "-0.3%", rank: "1" }));
  record(raw({ ...y, month: "3", periodKind: "month", value: "200.5", yoy: "+1.2", demo: "on" }));
  save(raw({ ...y, month: "4", value: "800" })); // a draft: not shown
  const data = loadAreaIndicators(db, { areaId: city.id, year: 2019, month: 12 });
  const retail = data.indicators.find((i) => i.indicator === "retailSales")!;
  assert.deepEqual(
    { month: retail.latest?.month, value: retail.latest?.valueFen, yoy: retail.latest?.yoyTenths, rank: [retail.latest?.rank, retail.latest?.rankOf] },
    { month: 3, value: 6_005_000_000_000, yoy: -3, rank: [1, 16] },
  );
  assert.deepEqual(
    retail.months.map((m) => [m.month, m.single?.valueFen ?? null, m.cumulative?.valueFen ?? null]),
    [
      [2, null, 4_000_000_000_000],
      [3, 2_005_000_000_000, 6_005_000_000_000],
    ],
  );
  assert.equal(data.anyDemo, true);
  assert.equal(loadAreaIndicators(db, { areaId: city.id, year: 2019, month: 2 }).indicators[0]!.latest?.valueFen, 4_000_000_000_000);
  assert.equal(data.indicators.find((i) => i.indicator === "onlineRetailSales")!.latest, null);
});
