// A leverage ratio as the domain writes it: "1 : N", N with one decimal, or whole when ≥ 10.
// Computed from the two integer amounts (fen), never from a rounded float: 21,500 / 283 → "1 : 76".
// An exact whole ratio below 10 is written whole too (满200减50 is exactly 1 : 4, not "about 4.0").

/** N rounded half up to `decimals` places, as text, from integers (no float error). */
function roundedRatio(numerator: bigint, denominator: bigint, decimals: 0 | 1): string {
  const scale = decimals === 1 ? 10n : 1n;
  const scaled = (numerator * scale * 2n + denominator) / (2n * denominator);
  if (decimals === 0) return scaled.toString();
  return `${scaled / 10n}.${scaled % 10n}`;
}

/** The N of "1 : N" for numerator / denominator (e.g. gross spending / subsidy); null when the denominator is 0. */
export function leverageNumber(numerator: number, denominator: number): string | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) return null;
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (n % d === 0n || n >= 10n * d) return roundedRatio(n, d, 0);
  const oneDecimal = roundedRatio(n, d, 1);
  // 9.96 rounds to 10.0: from 10 on the figure is whole.
  return oneDecimal === "10.0" ? "10" : oneDecimal;
}

/** "1 : N", or null when there is nothing to divide by. */
export function formatLeverage(numerator: number, denominator: number): string | null {
  const n = leverageNumber(numerator, denominator);
  return n === null ? null : `1 : ${n}`;
}
