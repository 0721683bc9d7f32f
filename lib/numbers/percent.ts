// Percentages as Chinese statistical tables print them: one decimal, computed in integers.

/** part / whole as a percentage in tenths, rounded half up, in integers (no float error at .x5). */
export function tenthsOfPercent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  const p = BigInt(Math.trunc(part));
  const w = BigInt(Math.trunc(whole));
  return Number((p * 2000n + w) / (2n * w));
}

/** 375 → "37.5" */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}
