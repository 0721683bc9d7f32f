// The period logic: the previous period of equal length (whole months or days), 1–N月 presets,
// the names Chinese statistics give periods, and ISO weeks for the trend.
import { test } from "node:test";
import assert from "node:assert/strict";
import { describePeriod, isDay, periodDays, presetsOfYear, previousPeriod, yearToDate } from "./period";
import { periodText } from "./period-text";
import { changeTenths, ratioChangeTenths } from "./overview";
import { fillPeriod, niceMax, weekOf } from "./trend";

test("whole months compare with as many months before, across years", () => {
  assert.deepEqual(previousPeriod({ from: "2025-01-01", to: "2025-06-30" }), { from: "2024-07-01", to: "2024-12-31" });
  assert.deepEqual(previousPeriod({ from: "2025-03-01", to: "2025-03-31" }), { from: "2025-02-01", to: "2025-02-28" });
  assert.deepEqual(previousPeriod({ from: "2024-03-01", to: "2024-03-31" }), { from: "2024-02-01", to: "2024-02-29" });
  assert.deepEqual(previousPeriod({ from: "2025-01-01", to: "2025-03-31" }), { from: "2024-10-01", to: "2024-12-31" });
  assert.deepEqual(previousPeriod({ from: "2025-01-01", to: "2025-12-31" }), { from: "2024-01-01", to: "2024-12-31" });
});

test("any other span compares with as many days just before", () => {
  assert.deepEqual(previousPeriod({ from: "2025-06-10", to: "2025-06-19" }), { from: "2025-05-31", to: "2025-06-09" });
  assert.deepEqual(previousPeriod({ from: "2025-01-01", to: "2025-01-01" }), { from: "2024-12-31", to: "2024-12-31" });
  assert.equal(periodDays({ from: "2025-03-01", to: "2025-03-31" }), 31);
});

test("days are real calendar days", () => {
  assert.equal(isDay("2025-02-28"), true);
  assert.equal(isDay("2025-02-29"), false);
  assert.equal(isDay("2025-2-1"), false);
});

test("periods are named as statistics name them, in both languages", () => {
  assert.deepEqual(describePeriod({ from: "2025-01-01", to: "2025-06-30" }), { kind: "half", year: 2025, half: 1 });
  assert.equal(periodText({ from: "2025-01-01", to: "2025-06-30" }, "zh-CN"), "2025年上半年");
  assert.equal(periodText({ from: "2025-01-01", to: "2025-05-31" }, "zh-CN"), "2025年1–5月");
  assert.equal(periodText({ from: "2025-07-01", to: "2025-09-30" }, "zh-CN"), "2025年三季度");
  assert.equal(periodText({ from: "2025-03-01", to: "2025-03-31" }, "zh-CN"), "2025年3月");
  assert.equal(periodText({ from: "2025-01-01", to: "2025-05-31" }, "en"), "Jan–May 2025");
  assert.equal(periodText({ from: "2025-03-05", to: "2025-03-09" }, "zh-CN"), "2025-03-05 至 2025-03-09");
});

test("presets of a year: 1–N月 from 1–2月 on, four quarters, each month; year to date", () => {
  const presets = presetsOfYear(2025);
  assert.deepEqual(presets.cumulative[0], { from: "2025-01-01", to: "2025-02-28", label: { kind: "months", year: 2025, first: 1, last: 2 } });
  assert.equal(presets.cumulative.length, 11);
  assert.deepEqual(presets.quarters.map((q) => q.to), ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]);
  assert.equal(presets.months.length, 12);
  assert.deepEqual(yearToDate("2026-11-27"), { from: "2026-01-01", to: "2026-11-30" });
});

test("changes in tenths of a percent, in integers, rounded half away from zero; none against nothing", () => {
  assert.equal(changeTenths(150, 100), 500);
  assert.equal(changeTenths(50, 100), -500);
  assert.equal(changeTenths(1, 3), -667);
  assert.equal(changeTenths(5, 0), null);
  assert.equal(changeTenths(5, 4, false), null);
  // 1 : 76 against 1 : 50 is +52 %.
  assert.equal(ratioChangeTenths(7_600, 100, 5_000, 100), 520);
  assert.equal(ratioChangeTenths(1, 0, 1, 1), null);
});

test("weeks start on Monday; an axis ends on 1, 2 or 5 times a power of ten", () => {
  assert.equal(weekOf("2025-06-01"), "2025-05-26");
  assert.equal(weekOf("2025-06-02"), "2025-06-02");
  assert.equal(niceMax(0), 1);
  assert.equal(niceMax(730), 1_000);
  assert.equal(niceMax(180), 200);
  assert.equal(niceMax(4_100), 5_000);
});

test("the chart's axis: every day or week of the period, 0 where nothing was redeemed", () => {
  const empty = (key: string) => ({ key, fen: 0 });
  assert.deepEqual(fillPeriod([{ key: "2025-06-02", fen: 5 }], { from: "2025-06-01", to: "2025-06-03" }, "day", empty), [
    { key: "2025-06-01", fen: 0 },
    { key: "2025-06-02", fen: 5 },
    { key: "2025-06-03", fen: 0 },
  ]);
  assert.deepEqual(fillPeriod([{ key: "2025-06-09", fen: 7 }], { from: "2025-06-01", to: "2025-06-10" }, "week", empty).map((p) => [p.key, p.fen]), [
    ["2025-05-26", 0],
    ["2025-06-02", 0],
    ["2025-06-09", 7],
  ]);
});
