import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom } from "@/lib/statements/prng";
import { differenceInDifferences, type PanelUnit } from "./did";

/** Merchants with their own level, a common trend over the campaign days, noise, and an effect for the treated. */
function panel(seed: number, count: number, { trendFen, effectFen }: { trendFen: number; effectFen: number }): PanelUnit[] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, (_, i) => {
    const level = 10_000 + 3_000 * normal();
    const day = (extra: number) => Math.max(0, Math.round(level + extra + 1_500 * normal()));
    return {
      id: `m${i}`,
      before: Array.from({ length: 30 }, () => day(0)),
      during: Array.from({ length: 30 }, () => day(trendFen + effectFen)),
    };
  });
}

test("a planted effect of 15 yuan per merchant-day is recovered within its interval, and the interval excludes zero", () => {
  const result = differenceInDifferences({
    treated: panel(1, 60, { trendFen: 500, effectFen: 1_500 }),
    comparison: panel(2, 60, { trendFen: 500, effectFen: 0 }),
  });
  assert.ok(result.ok);
  assert.ok(result.lowFen <= 1_500 && 1_500 <= result.highFen, `[${result.lowFen}, ${result.highFen}] covers 1500`);
  assert.ok(result.lowFen > 0, "the interval excludes zero");
  assert.ok(Math.abs(result.perMerchantDayFen - 1_500) < 300, `estimate ${result.perMerchantDayFen}`);
  // The common trend is taken out: the treated changed by trend + effect, the comparison by the trend.
  assert.ok(Math.abs(result.comparisonChangeFen - 500) < 300);
});

test("without an effect the interval covers zero, however large the common trend", () => {
  const result = differenceInDifferences({
    treated: panel(3, 60, { trendFen: 4_000, effectFen: 0 }),
    comparison: panel(4, 60, { trendFen: 4_000, effectFen: 0 }),
  });
  assert.ok(result.ok);
  assert.ok(result.lowFen <= 0 && 0 <= result.highFen, `[${result.lowFen}, ${result.highFen}] covers 0`);
});

test("the same data give the same interval (seeded), and a different seed nearly the same", () => {
  const input = { treated: panel(5, 30, { trendFen: 0, effectFen: 800 }), comparison: panel(6, 30, { trendFen: 0, effectFen: 0 }) };
  assert.deepEqual(differenceInDifferences(input), differenceInDifferences(input));
  const a = differenceInDifferences(input);
  const b = differenceInDifferences({ ...input, seed: 99 });
  assert.ok(a.ok && b.ok);
  assert.equal(a.perMerchantDayFen, b.perMerchantDayFen);
  assert.ok(Math.abs(a.lowFen - b.lowFen) < 200);
});

test("too few merchants or days: no number, only what is missing", () => {
  const few = differenceInDifferences({ treated: panel(7, 3, { trendFen: 0, effectFen: 0 }), comparison: [] });
  assert.deepEqual(few, { ok: false, shortfall: ["tooFewTreated", "tooFewComparison"] });
  const short = panel(8, 10, { trendFen: 0, effectFen: 0 }).map((u) => ({ ...u, before: u.before.slice(0, 3) }));
  assert.deepEqual(differenceInDifferences({ treated: short, comparison: short }), { ok: false, shortfall: ["tooFewDaysBefore"] });
  // A merchant with no sales before the campaign cannot show a change: it is left out, not counted as zero.
  const noBefore = panel(9, 5, { trendFen: 0, effectFen: 0 }).map((u, i) => (i === 0 ? { ...u, before: [] } : u));
  assert.deepEqual(differenceInDifferences({ treated: noBefore, comparison: panel(10, 5, { trendFen: 0, effectFen: 0 }) }), { ok: false, shortfall: ["tooFewTreated"] });
});
