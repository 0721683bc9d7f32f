// Does the detail add up to the statement's own totals? The importer refuses a file whose rows
// disagree with its summary block or footer: a truncated or edited export shows up here.
import type { StatementRow, StatementTotals, TotalKey } from "./types";

export type RowSummary = Record<TotalKey, number>;

export function emptySummary(): RowSummary {
  return { rows: 0, payments: 0, refunds: 0, orderFen: 0, settledFen: 0, refundFen: 0, refundVoucherFen: 0 };
}

/**
 * Adds a row to the running summary, in the statements' terms: `rows` counts every detail
 * row (revoked too, as WeChat's 总交易单数 does); order, settled and voucher amounts are
 * summed over payments only; refund amounts over refunds.
 */
export function addToSummary(summary: RowSummary, row: StatementRow): RowSummary {
  summary.rows++;
  if (row.kind === "payment") {
    summary.payments++;
    summary.orderFen += row.orderFen;
    summary.settledFen += row.settledFen ?? 0;
  } else if (row.kind === "refund") {
    summary.refunds++;
    summary.refundFen += row.refundFen;
    summary.refundVoucherFen += row.refundVoucherFen;
  }
  return summary;
}

export interface TotalCheck {
  key: TotalKey;
  /** What the statement says. */
  stated: number;
  /** What its rows add up to. */
  counted: number;
  agrees: boolean;
}

export interface Reconciliation {
  /** True when the statement states totals and every one of them agrees with the rows. */
  agrees: boolean;
  /** False when the file states no totals at all (the canonical CSV, a footer cut off). */
  stated: boolean;
  checks: TotalCheck[];
  /** The line the totals were read from, for the report. */
  line: number | null;
}

/** Compares each total the statement states with the same figure summed from its rows. */
export function reconcile(summary: RowSummary, totals: StatementTotals | null): Reconciliation {
  if (!totals) return { agrees: false, stated: false, checks: [], line: null };
  const checks = (Object.entries(totals.values) as Array<[TotalKey, number]>).map(([key, stated]) => ({
    key,
    stated,
    counted: summary[key],
    agrees: stated === summary[key],
  }));
  return { agrees: checks.length > 0 && checks.every((check) => check.agrees), stated: checks.length > 0, checks, line: totals.line };
}
