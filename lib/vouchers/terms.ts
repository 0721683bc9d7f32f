// A voucher's terms as people say them: 满 200 减 50 ("spend 200, get 50 off"), or a plain
// 50-yuan voucher with no threshold. Yuan shown whole when whole (200, not 200.00).
import type { Locale } from "@/db/schema";
import { formatYuan } from "@/lib/money/fen";
import type { VoucherTerms } from "./floor";

export function compactYuan(fen: number): string {
  const text = formatYuan(fen);
  return text.endsWith(".00") ? text.slice(0, -3) : text;
}

export function formatTerms(terms: VoucherTerms, locale: Locale): string {
  const face = compactYuan(terms.faceValueFen);
  if (terms.thresholdFen <= 0) return locale === "en" ? `${face} yuan off, no threshold` : `无门槛 减 ${face}`;
  const threshold = compactYuan(terms.thresholdFen);
  return locale === "en" ? `Spend ${threshold}, ${face} off` : `满 ${threshold} 减 ${face}`;
}
