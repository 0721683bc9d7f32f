// What lib/statements hands the importer: one entry per data line of a channel statement
// (a row, or a rejection naming line and column), plus the statement's own totals.
// Pure data: no database, no HTTP.

export type StatementFormat = "wechat" | "alipay" | "csv";

export type RowKind = "payment" | "refund" | "revoked";

/** One readable data line. Amounts are integer fen, never negative. */
export interface StatementRow {
  line: number;
  kind: RowKind;
  /** "wechat", "alipay", or the canonical CSV's own channel column (e.g. "unionpay"). */
  channel: string;
  /** The channel's id of this record: the trade id of a payment, the refund id of a refund. */
  orderId: string;
  /** For refunds: the channel order id of the payment being refunded. */
  originalOrderId?: string;
  /** The merchant's own order id (商户订单号), kept for tracing. */
  merchantOrderId?: string;
  merchantId: string;
  merchantName?: string;
  payer?: string;
  /** Beijing local time as written, with its offset: "2025-06-01T10:00:00+08:00". */
  occurredAt: string;
  /** Order amount of a payment (0 on refund rows). */
  orderFen: number;
  /** Voucher discount of a payment (0 on refund rows). */
  voucherFen: number;
  /**
   * Order amount refunded, the voucher part included (refund rows only): a full refund
   * equals the payment's orderFen, so netting removes the order from gross spending.
   */
  refundFen: number;
  /** Voucher amount given back by the refund (refund rows only). */
  refundVoucherFen: number;
  /** WeChat only: 应结订单金额 as written, so the bill's summary can be reconciled. */
  settledFen?: number;
}

/** Why a data line cannot be read; each has a message under `statements.rejection`. */
export const REJECTION_REASONS = ["amountFormat", "missingValue", "unknownStatus", "timeFormat", "csvSyntax", "refundNotSettled", "afterTotals", "voucherExceedsOrder"] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A data line that cannot be read: its line, the column (header name) and why. */
export interface StatementRejection {
  line: number;
  column: string | null;
  reason: RejectionReason;
  /** The offending text, for the report (cut to 80 characters). */
  value?: string;
}

export type StatementEntry = ({ type: "row" } & StatementRow) | ({ type: "rejected" } & StatementRejection);

/**
 * Figures a statement states about itself (WeChat summary block, Alipay footer), in the
 * same terms as `RowSummary` so `reconcile` can compare them key by key. A statement gives
 * only some of them.
 */
export type TotalKey = "rows" | "payments" | "refunds" | "orderFen" | "settledFen" | "refundFen" | "refundVoucherFen";

export interface StatementTotals {
  /** The line the totals were read from (the last one, when spread over several). */
  line: number;
  values: Partial<Record<TotalKey, number>>;
}

/** A parser for one format, fed one line at a time after its header. */
export interface LineParser {
  /** An entry for a data line; null for a line that is not one (blank, `#`, summary block). */
  push(line: number, text: string): StatementEntry | null;
  /** The statement's own totals, once every line was pushed; null when it states none. */
  totals(): StatementTotals | null;
}
