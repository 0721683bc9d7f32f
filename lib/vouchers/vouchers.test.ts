import { test } from "node:test";
import assert from "node:assert/strict";
import { formatLeverageFloor, leverageFloor } from "./floor";
import { formatLeverage, leverageNumber } from "./leverage-format";

test("leverage: whole from 10 on, one decimal below, exact wholes whole", () => {
  // Heze: 215 million yuan on 2.83 million yuan of subsidy → 75.97 → 1 : 76.
  assert.equal(formatLeverage(21_500_000_000, 283_000_000), "1 : 76");
  assert.equal(formatLeverage(2000, 200), "1 : 10");
  assert.equal(formatLeverage(1000, 250), "1 : 4");
  assert.equal(formatLeverage(396, 100), "1 : 4.0");
  assert.equal(formatLeverage(345, 100), "1 : 3.5");
  assert.equal(formatLeverage(344, 100), "1 : 3.4");
  assert.equal(formatLeverage(996, 100), "1 : 10");
  assert.equal(formatLeverage(1049, 100), "1 : 10");
  assert.equal(formatLeverage(1050, 100), "1 : 11");
  assert.equal(formatLeverage(1, 3), "1 : 0.3");
  assert.equal(formatLeverage(0, 5), "1 : 0");
});

test("leverage: nothing to divide by gives null, not a number", () => {
  assert.equal(formatLeverage(100, 0), null);
  assert.equal(leverageNumber(-1, 5), null);
  assert.equal(leverageNumber(1.5, 5), null);
});

test("floor: threshold over face value; no threshold, no floor", () => {
  assert.equal(formatLeverageFloor({ thresholdFen: 20_000, faceValueFen: 2_000 }), "≥ 1 : 10");
  assert.equal(formatLeverageFloor({ thresholdFen: 20_000, faceValueFen: 5_000 }), "≥ 1 : 4");
  assert.equal(formatLeverageFloor({ thresholdFen: 10_000, faceValueFen: 3_000 }), "≥ 1 : 3.3");
  assert.equal(formatLeverageFloor({ thresholdFen: 300_000, faceValueFen: 10_000 }), "≥ 1 : 30");
  assert.equal(formatLeverageFloor({ thresholdFen: 0, faceValueFen: 1_000 }), null);
  assert.deepEqual(leverageFloor({ thresholdFen: 20_000, faceValueFen: 5_000 }), { numerator: 20_000, denominator: 5_000 });
  assert.equal(leverageFloor({ thresholdFen: 0, faceValueFen: 5_000 }), null);
});

test("terms: 满 X 减 Y in Chinese, spend X, Y off in English; whole yuan shown whole", async () => {
  const { formatTerms } = await import("./terms");
  assert.equal(formatTerms({ thresholdFen: 20_000, faceValueFen: 5_000 }, "zh-CN"), "满 200 减 50");
  assert.equal(formatTerms({ thresholdFen: 20_000, faceValueFen: 5_000 }, "en"), "Spend 200, 50 off");
  assert.equal(formatTerms({ thresholdFen: 0, faceValueFen: 2_050 }, "zh-CN"), "无门槛 减 20.50");
  assert.equal(formatTerms({ thresholdFen: 300_000, faceValueFen: 10_000 }, "zh-CN"), "满 3,000 减 100");
});
