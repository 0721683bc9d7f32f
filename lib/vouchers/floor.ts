// The mechanical leverage floor of a "spend X, get Y off" voucher (满 X 减 Y): a redeemed
// voucher comes with an order of at least X, so gross leverage is at least X / Y by construction,
// whatever consumers would have spent anyway. No threshold, no floor.
import { formatLeverage } from "./leverage-format";

export interface VoucherTerms {
  faceValueFen: number;
  /** 0: no threshold. */
  thresholdFen: number;
}

/** The floor as a fraction (threshold / face value), or null when the voucher has no threshold. */
export function leverageFloor(terms: VoucherTerms): { numerator: number; denominator: number } | null {
  if (terms.thresholdFen <= 0 || terms.faceValueFen <= 0) return null;
  return { numerator: terms.thresholdFen, denominator: terms.faceValueFen };
}

/** "≥ 1 : 10" for 满200减20; null without a threshold (shown as "—"). */
export function formatLeverageFloor(terms: VoucherTerms): string | null {
  const floor = leverageFloor(terms);
  if (!floor) return null;
  const ratio = formatLeverage(floor.numerator, floor.denominator);
  return ratio === null ? null : `≥ ${ratio}`;
}
