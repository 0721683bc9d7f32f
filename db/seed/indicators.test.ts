// The demo seed's retail-sales indicators: Heze's published first half exactly as published,
// the demo series labelled as demo and adding up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { and, eq } from "drizzle-orm";
import { retailIndicators } from "../schema";
import { loadAreaIndicators } from "@/lib/indicators/summary";
import { seededTestDb } from "@/lib/testing/db";
import { demoArea } from "@/lib/testing/demo";
import { PUBLISHED_SOURCE } from "./indicators";

const db = await seededTestDb({ registry: true });
const city = demoArea(db, "Heze City");
const all = db.select().from(retailIndicators).all();
const cityRows = all.filter((r) => r.subjectAreaId === city.id);

test("the city's Jan–Jun 2025 figures are recorded exactly as published, not as demo", () => {
  const h1 = (indicator: "retailSales" | "onlineRetailSales") =>
    db
      .select()
      .from(retailIndicators)
      .where(and(eq(retailIndicators.subjectAreaId, city.id), eq(retailIndicators.indicator, indicator), eq(retailIndicators.year, 2025), eq(retailIndicators.periodKind, "cumulative"), eq(retailIndicators.month, 6)))
      .get()!;
  const retail = h1("retailSales");
  assert.deepEqual(
    { value: retail.valueFen, yoy: retail.yoyTenths, rank: retail.rank, of: retail.rankOf, demo: retail.demo, source: retail.source, on: retail.publishedOn, status: retail.status },
    { value: 12_549_000_000_000, yoy: 76, rank: 1, of: 16, demo: false, source: PUBLISHED_SOURCE, on: "2025-08-23", status: "approved" },
  );
  const online = h1("onlineRetailSales");
  assert.deepEqual(
    { value: online.valueFen, yoy: online.yoyTenths, rank: online.rank, of: online.rankOf, demo: online.demo, source: online.source },
    { value: 1_514_000_000_000, yoy: 91, rank: 5, of: 16, demo: false, source: PUBLISHED_SOURCE },
  );
  // Only these two are published figures; everything else is demo and says so in its source.
  assert.deepEqual(all.filter((r) => !r.demo).map((r) => r.id).sort(), [retail.id, online.id].sort());
  assert.ok(all.filter((r) => r.demo).every((r) => r.source.startsWith("演示数据")));
});

test("the demo months add up to the year to date, and the counties roughly to the city", () => {
  assert.equal(all.length, 180);
  assert.ok(all.every((r) => r.status === "approved" && r.year === 2025));
  for (const indicator of ["retailSales", "onlineRetailSales"] as const) {
    const areaIds = [...new Set(all.map((r) => r.subjectAreaId))];
    assert.equal(areaIds.length, 10);
    for (const areaId of areaIds) {
      const rows = all.filter((r) => r.subjectAreaId === areaId && r.indicator === indicator);
      const cumulative = new Map(rows.filter((r) => r.periodKind === "cumulative").map((r) => [r.month, r.valueFen]));
      const single = new Map(rows.filter((r) => r.periodKind === "month").map((r) => [r.month, r.valueFen]));
      assert.deepEqual([...cumulative.keys()].sort(), [2, 3, 4, 5, 6]);
      assert.deepEqual([...single.keys()].sort(), [3, 4, 5, 6], "Jan and Feb are released together");
      for (const m of [3, 4, 5, 6]) assert.equal(cumulative.get(m), cumulative.get(m - 1)! + single.get(m)!, `${indicator} ${areaId} month ${m}`);
    }
    const cityH1 = cityRows.find((r) => r.indicator === indicator && r.periodKind === "cumulative" && r.month === 6)!.valueFen;
    const counties = all.filter((r) => r.subjectAreaId !== city.id && r.indicator === indicator && r.periodKind === "cumulative" && r.month === 6).reduce((s, r) => s + r.valueFen, 0);
    // The development zones hold the rest: the counties come to 90–100 % of the city.
    assert.ok(counties <= cityH1 && counties >= (cityH1 * 9) / 10, `${indicator}: ${counties} of ${cityH1}`);
  }
});

test("the panel's reading of the city in June 2025: the published figures, the months labelled demo", () => {
  const data = loadAreaIndicators(db, { areaId: city.id, year: 2025, month: 6 });
  const [retail, online] = data.indicators;
  assert.deepEqual([retail!.latest?.valueFen, retail!.latest?.yoyTenths, retail!.latest?.rank, retail!.latest?.demo], [12_549_000_000_000, 76, 1, false]);
  assert.deepEqual([online!.latest?.valueFen, online!.latest?.yoyTenths, online!.latest?.rank, online!.latest?.demo], [1_514_000_000_000, 91, 5, false]);
  assert.equal(retail!.months.length, 5);
  assert.equal(data.anyDemo, true);
});
