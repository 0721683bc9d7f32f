import { test } from "node:test";
import assert from "node:assert/strict";
import { fenToYuanText, formatWanYuan, formatYiYuan, formatYuan, parseYuanToFen } from "./fen";

test("yuan text parses to integer fen without floats", () => {
  assert.equal(parseYuanToFen("12.30"), 1230);
  assert.equal(parseYuanToFen("12.3"), 1230);
  assert.equal(parseYuanToFen("0.07"), 7);
  assert.equal(parseYuanToFen("1,234.56"), 123456);
  assert.equal(parseYuanToFen("¥8"), 800);
  assert.equal(parseYuanToFen(" 100元 "), 10000);
  assert.equal(parseYuanToFen("-5.10"), -510);
  // 0.1 + 0.2 style float errors cannot happen: 19.99 * 100 = 1998.9999999999998 in floats.
  assert.equal(parseYuanToFen("19.99"), 1999);
  assert.equal(parseYuanToFen("9999999999999.99"), 999999999999999);
});

test("text that is not an amount with at most two decimals is refused", () => {
  for (const bad of ["", "abc", "1.234", "1e5", "12.", ".5", "1 000", "12.3.4", "--1", "0x10", "12,30", "1,23,456"]) {
    assert.equal(parseYuanToFen(bad), null, bad);
  }
});

test("fen format back to yuan text and to 元/万元/亿元", () => {
  assert.equal(fenToYuanText(123450), "1234.50");
  assert.equal(fenToYuanText(7), "0.07");
  assert.equal(fenToYuanText(-510), "-5.10");
  assert.equal(formatYuan(123450), "1,234.50");
  assert.equal(formatWanYuan(283_000_000), "283.00");
  assert.equal(formatWanYuan(1_234_567), "1.23");
  assert.equal(formatWanYuan(1_235_000), "1.24");
  assert.equal(formatYiYuan(12_549_000_000_000), "1,254.90");
  assert.equal(formatYiYuan(21_500_000_000), "2.15");
  assert.throws(() => fenToYuanText(1.5));
});

test("parse and format round-trip for every fen value in a range", () => {
  for (let fen = -1000; fen <= 100_000; fen += 37) assert.equal(parseYuanToFen(fenToYuanText(fen)), fen);
});
