// The incremental estimate of a voucher programme by difference in differences: how much more
// the participating merchants sold per day during the campaign than before, less how much more
// the comparison group sold over the same days. Pure arithmetic on what the caller loads; the
// interval comes from a bootstrap over merchants (resampled within each group, seeded, so the
// same data always give the same interval).
//
// Where the data are not enough the answer says why and carries no number: an estimate is never
// made up from too few merchants or days.

import { seededRandom } from "@/lib/statements/prng";

/** One merchant (or one comparison series) and its sales per day, before and during. */
export interface PanelUnit {
  id: string;
  /** Sales in fen on each day with data before the campaign, and during it. */
  before: readonly number[];
  during: readonly number[];
}

export interface DidInput {
  treated: readonly PanelUnit[];
  comparison: readonly PanelUnit[];
  /** Bootstrap resamples (default 1000) and the PRNG seed (default 1). */
  resamples?: number;
  seed?: number;
  /** The least a group and a period must hold to be judged (defaults: 5 treated, 1 comparison series, 7 days each side). */
  minTreated?: number;
  minComparison?: number;
  minDays?: number;
}

export type DidShortfall = "tooFewTreated" | "tooFewComparison" | "tooFewDaysBefore" | "tooFewDaysDuring";

export type DidResult =
  | {
      ok: true;
      /** Extra sales per merchant per day, in fen (may be negative): the point estimate and its 95 % interval. */
      perMerchantDayFen: number;
      lowFen: number;
      highFen: number;
      treatedChangeFen: number;
      comparisonChangeFen: number;
      treatedCount: number;
      comparisonCount: number;
      resamples: number;
    }
  | { ok: false; shortfall: DidShortfall[] };

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** A unit's change: its mean daily sales during less its mean before. */
const change = (unit: PanelUnit) => mean(unit.during) - mean(unit.before);

function percentile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export function differenceInDifferences(input: DidInput): DidResult {
  const minDays = input.minDays ?? 7;
  const usable = (u: PanelUnit) => u.before.length > 0 && u.during.length > 0;
  const treated = input.treated.filter(usable);
  const comparison = input.comparison.filter(usable);
  const shortfall: DidShortfall[] = [];
  if (treated.length < (input.minTreated ?? 5)) shortfall.push("tooFewTreated");
  if (comparison.length < (input.minComparison ?? 1)) shortfall.push("tooFewComparison");
  const days = (pick: (u: PanelUnit) => readonly number[]) => Math.max(0, ...[...treated, ...comparison].map((u) => pick(u).length));
  if (days((u) => u.before) < minDays) shortfall.push("tooFewDaysBefore");
  if (days((u) => u.during) < minDays) shortfall.push("tooFewDaysDuring");
  if (shortfall.length) return { ok: false, shortfall };

  const treatedChanges = treated.map(change);
  const comparisonChanges = comparison.map(change);
  const estimate = mean(treatedChanges) - mean(comparisonChanges);

  const random = seededRandom(input.seed ?? 1);
  const resample = (values: number[]) => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)]!;
    return sum / values.length;
  };
  const resamples = input.resamples ?? 1000;
  const draws: number[] = [];
  for (let b = 0; b < resamples; b++) draws.push(resample(treatedChanges) - resample(comparisonChanges));
  draws.sort((a, b) => a - b);

  return {
    ok: true,
    perMerchantDayFen: Math.round(estimate),
    lowFen: Math.round(percentile(draws, 0.025)),
    highFen: Math.round(percentile(draws, 0.975)),
    treatedChangeFen: Math.round(mean(treatedChanges)),
    comparisonChangeFen: Math.round(mean(comparisonChanges)),
    treatedCount: treated.length,
    comparisonCount: comparison.length,
    resamples,
  };
}
