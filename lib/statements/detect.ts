// Which statement a file is, from its first lines: the header's own column names decide,
// never a file name or an extension.
import { AppError } from "@/lib/errors";
import { cleanCell, splitLine } from "./cells";
import type { StatementFormat } from "./types";

/**
 * The app's canonical CSV (UTF-8, with or without BOM; GBK read too), for channels without a
 * known export — UnionPay QuickPass, Meituan, bank apps. One line per record:
 *
 * - channel              channel code, lower case: "unionpay", "meituan", "icbc" …
 * - order_id             the channel's id of the record (the refund id on a refund line)
 * - original_order_id    refunds: the order_id of the payment refunded (empty otherwise)
 * - merchant_id          the channel's merchant id
 * - merchant_name        optional
 * - merchant_order_id    optional: the merchant's own order number
 * - payer                optional: the channel's pseudonymous payer id (no names, no phones)
 * - paid_at              Beijing time "2025-06-01 10:00:00"
 * - kind                 payment | refund | revoked
 * - order_yuan           order amount in yuan, "128.00" (payments and revoked)
 * - voucher_yuan         voucher discount in yuan (payments; 0 or empty without a voucher)
 * - refund_yuan          amount refunded (refunds)
 * - refund_voucher_yuan  voucher amount given back by the refund (refunds)
 *
 * Columns are found by name, in any order; extra columns are ignored. No totals line: the
 * canonical file states no totals of its own.
 */
export const CANONICAL_HEADER = [
  "channel",
  "order_id",
  "original_order_id",
  "merchant_id",
  "merchant_name",
  "merchant_order_id",
  "payer",
  "paid_at",
  "kind",
  "order_yuan",
  "voucher_yuan",
  "refund_yuan",
  "refund_voucher_yuan",
] as const;

/** Canonical columns a file must have; the others may be left out. */
export const CANONICAL_REQUIRED = ["channel", "order_id", "merchant_id", "paid_at", "kind", "order_yuan"] as const;

export interface DetectedFormat {
  format: StatementFormat;
  /** Index (0-based, into the lines given) of the header line. */
  headerIndex: number;
}

/** How many leading lines detection looks at for a header (Alipay has a `#` preface). */
export const DETECT_LINES = 30;

function headerNames(text: string): Set<string> {
  return new Set((splitLine(text) ?? []).map((cell) => cleanCell(cell.replace(/^\uFEFF/, ""))));
}

/**
 * The format and header line of a statement, from its first lines. WeChat: a header with
 * 交易时间 and 微信订单号. Alipay: the preface `#支付宝业务明细查询` or a header with 支付宝交易号.
 * Canonical: a header with the canonical required columns. Anything else is refused.
 */
export function detectFormat(firstLines: readonly string[]): DetectedFormat {
  let alipayPreface = false;
  for (let i = 0; i < Math.min(firstLines.length, DETECT_LINES); i++) {
    const text = (firstLines[i] ?? "").replace(/^\uFEFF/, "").trim();
    if (!text) continue;
    if (text.startsWith("#")) {
      if (text.startsWith("#支付宝业务明细查询")) alipayPreface = true;
      continue;
    }
    const names = headerNames(text);
    if (names.has("交易时间") && names.has("微信订单号")) return { format: "wechat", headerIndex: i };
    if (names.has("支付宝交易号")) return { format: "alipay", headerIndex: i };
    if (CANONICAL_REQUIRED.every((name) => names.has(name))) return { format: "csv", headerIndex: i };
    // The first line that is not a comment is the header; anything else there is unknown.
    break;
  }
  throw new AppError("INVALID", alipayPreface ? "statementHeaderMissing" : "statementFormatUnknown");
}

/** Refuses a header that lacks a column the parser cannot do without. */
export function requireColumns(index: Map<string, number>, columns: readonly string[]): void {
  const missing = columns.filter((column) => !index.has(column));
  if (missing.length > 0) {
    throw new AppError("INVALID", "statementColumnMissing", Object.fromEntries(missing.map((column) => [column, ["statementColumnMissing"]])));
  }
}
