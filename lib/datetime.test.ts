import { test } from "node:test";
import assert from "node:assert/strict";
import { formatShanghai, isCalendarDay, shanghaiDayBounds } from "./datetime";

test("times show in Beijing time, 24-hour clock", () => {
  assert.equal(formatShanghai("2026-11-27T12:15:03.456Z"), "2026-11-27 20:15:03");
  assert.equal(formatShanghai(new Date("2026-11-27T16:00:00Z")), "2026-11-28 00:00:00");
  assert.equal(formatShanghai(Date.UTC(2026, 0, 1, 4, 5, 6)), "2026-01-01 12:05:06");
  assert.equal(formatShanghai(null), "");
  assert.equal(formatShanghai("not a time"), "");
});

test("a Beijing day runs from 16:00 UTC the day before", () => {
  assert.deepEqual(shanghaiDayBounds("2026-11-27"), { start: "2026-11-26T16:00:00.000Z", end: "2026-11-27T16:00:00.000Z" });
  assert.deepEqual(shanghaiDayBounds("2026-01-01"), { start: "2025-12-31T16:00:00.000Z", end: "2026-01-01T16:00:00.000Z" });
});

test("only real calendar days count", () => {
  assert.ok(isCalendarDay("2028-02-29"));
  for (const bad of ["2026-02-30", "2026-13-01", "2026-1-01", "20261127", "", "2026-11-27T00:00"]) {
    assert.equal(isCalendarDay(bad), false, bad);
  }
});
