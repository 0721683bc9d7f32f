import { test } from "node:test";
import assert from "node:assert/strict";
import enMessages from "@/lib/i18n/messages/en.json";
import zhMessages from "@/lib/i18n/messages/zh-CN.json";
import { RETAIL_INDICATORS } from "@/db/schema";
import {
  fenToYiText,
  formatGrowth,
  formatIndicatorPeriod,
  formatRank,
  indicatorHeading,
  INDICATOR_NAMES,
  parseGrowthTenths,
  parseIndicatorAmount,
  tenthsToGrowthText,
} from "./format";

test("growth as published → tenths of a percent, exactly", () => {
  const cases: Array<[string, number]> = [
    ["+7.6", 76],
    ["7.6", 76],
    ["7.6%", 76],
    ["+9.1 %", 91],
    ["-1.2", -12],
    ["-0.3%", -3],
    ["−0.3", -3], // U+2212, as typeset tables print it
    ["－2.5％", -25], // full-width
    ["12", 120],
    ["0.0", 0],
    ["-0", 0],
    ["+0.1", 1],
    ["100.5", 1005],
  ];
  for (const [text, tenths] of cases) assert.equal(parseGrowthTenths(text), tenths, text);
  assert.ok(Object.is(parseGrowthTenths("-0.0"), 0), "no negative zero");
});

test("growth text that is not one published percentage is refused", () => {
  for (const text of ["", "+", "7.65", "7.", ".5", "abc", "7,6", "+-1", "1e1", "7.6%%", "同比7.6"]) assert.equal(parseGrowthTenths(text), null, text);
});

test("growth shown back as published: sign, one decimal, percent", () => {
  assert.equal(formatGrowth(76), "+7.6%");
  assert.equal(formatGrowth(-3), "-0.3%");
  assert.equal(formatGrowth(0), "0.0%");
  for (const tenths of [76, -12, 0, 1005, -3]) assert.equal(parseGrowthTenths(tenthsToGrowthText(tenths)), tenths);
});

test("amounts in 亿元 (or 万元 when written so) → fen, exactly, without floats", () => {
  assert.equal(parseIndicatorAmount("1254.9"), 12_549_000_000_000);
  assert.equal(parseIndicatorAmount("1254.9亿元"), 12_549_000_000_000);
  assert.equal(parseIndicatorAmount("1,254.90 亿"), 12_549_000_000_000);
  assert.equal(parseIndicatorAmount("151.4"), 1_514_000_000_000);
  assert.equal(parseIndicatorAmount("0.1"), 1_000_000_000);
  assert.equal(parseIndicatorAmount("0.0000000001"), 1, "one fen in 亿元");
  assert.equal(parseIndicatorAmount("35678.5万"), 35_678_500_000);
  assert.equal(parseIndicatorAmount("35678.5万元"), 35_678_500_000);
  assert.equal(parseIndicatorAmount("0.000001万"), 1);
  assert.equal(parseIndicatorAmount("0"), 0);
  for (const text of ["", "-1", "1.00000000001", "0.0000001万", "abc", "1254.9美元"]) assert.equal(parseIndicatorAmount(text), null, text);
  assert.equal(parseIndicatorAmount("900000"), 9_000_000_000_000_000, "more than China's yearly retail sales, still exact");
  assert.equal(parseIndicatorAmount("999999999"), null, "beyond an exact integer");
  for (const fen of [12_549_000_000_000, 1_514_000_000_000, 1, 35_678_500_000, 0]) assert.equal(parseIndicatorAmount(fenToYiText(fen)), fen);
  assert.equal(fenToYiText(12_549_000_000_000), "1254.9");
});

test("periods, ranks and headings as Chinese statistical tables write them", () => {
  assert.equal(formatIndicatorPeriod("cumulative", 6, "zh-CN"), "1–6月");
  assert.equal(formatIndicatorPeriod("month", 6, "zh-CN", 2025), "2025年6月");
  assert.equal(formatIndicatorPeriod("cumulative", 6, "en", 2025), "Jan–Jun 2025");
  assert.equal(formatRank(1, 16), "1/16");
  assert.equal(indicatorHeading({ indicator: "retailSales", year: 2025, periodKind: "cumulative", month: 6 }, "zh-CN"), "2025年1–6月 社会消费品零售总额");
});

test("every indicator has its names, the same in the message files as in the headings", () => {
  for (const code of RETAIL_INDICATORS) {
    assert.equal(zhMessages.registry.enums.indicator[code], INDICATOR_NAMES[code].zh);
    assert.equal(enMessages.registry.enums.indicator[code], INDICATOR_NAMES[code].en);
  }
});
