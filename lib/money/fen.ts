// Money is integer fen (分). Text is parsed digit by digit, never through floats.

const YUAN_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * "12.3" → 1230, "1,234.50" → 123450, "¥8" → 800. Null when the text is not an amount
 * in yuan with at most two decimals (or exceeds 10^13 yuan).
 */
export function parseYuanToFen(text: string): number | null {
  const stripped = text.trim().replace(/^[¥￥]/, "").replace(/元$/, "").trim();
  // Commas only as thousands separators: "12,30" (a decimal comma) is refused, not read as 1230.
  if (stripped.includes(",") && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(stripped)) return null;
  const match = YUAN_PATTERN.exec(stripped.replace(/,/g, ""));
  if (!match) return null;
  const [, minus, whole, decimals = ""] = match;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  return minus ? -fen : fen;
}

/** 123450 → "1234.50": plain yuan with two decimals, as CSV and form fields carry it. */
export function fenToYuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Rounds fen / divisor half away from zero, in integers. */
function divRound(fen: number, divisor: number, decimals: number): string {
  const scale = 10 ** decimals;
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  // units of (divisor / scale) fen, rounded half up
  const unit = divisor / scale;
  const scaled = Math.floor((abs + unit / 2) / unit);
  const whole = Math.floor(scaled / scale);
  const frac = String(scaled % scale).padStart(decimals, "0");
  return `${sign}${whole.toLocaleString("en-US")}${decimals ? `.${frac}` : ""}`;
}

/** 元 with thousands separators and two decimals: 123450 → "1,234.50". */
export function formatYuan(fen: number): string {
  return divRound(fen, 100, 2);
}

/** 万元 with two decimals, as Chinese statistical tables show campaign amounts: 283_000_000 → "283.00". */
export function formatWanYuan(fen: number): string {
  return divRound(fen, 1_000_000, 2);
}

/** 亿元 with two decimals, for aggregates: 12_549_000_000_000 → "1,254.90". */
export function formatYiYuan(fen: number): string {
  return divRound(fen, 10_000_000_000, 2);
}
