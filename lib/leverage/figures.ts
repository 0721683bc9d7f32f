// The figures of a leverage row from its integer sums: co-payment, gross leverage, redemption
// rates and budget use. Pure and in integers (fen, counts); a ratio is made only here, at the edge.
import { tenthsOfPercent } from "@/lib/numbers/percent";

/** The sums a breakdown row is made of, all integers (money in fen). */
export interface LeverageSums {
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
}

/** Gross leverage G / S; null when no subsidy was spent (no ratio, never Infinity). */
export function grossLeverage({ subsidyFen, grossFen }: LeverageSums): number | null {
  return subsidyFen > 0 ? grossFen / subsidyFen : null;
}

/** What consumers paid on top of the subsidy: G − S. */
export function copayFen({ subsidyFen, grossFen }: LeverageSums): number {
  return grossFen - subsidyFen;
}

/** Redeemed over claimed and over issued, in tenths of a percent; null without a denominator. */
export function redemptionRates(redemptions: number, claimed: number | null, issued: number | null): { ofClaimed: number | null; ofIssued: number | null } {
  return {
    ofClaimed: claimed !== null && claimed > 0 ? tenthsOfPercent(redemptions, claimed) : null,
    ofIssued: issued !== null && issued > 0 ? tenthsOfPercent(redemptions, issued) : null,
  };
}

/** Budget use is flagged from 90 % of the cap on. */
export const BUDGET_WARN_TENTHS = 900;

export interface BudgetUse {
  budgetCapFen: number;
  /** S / cap in tenths of a percent; null for a cap of 0. */
  budgetUsedTenths: number | null;
  /** S ≥ 90 % of the cap (or any subsidy against a cap of 0). */
  warn: boolean;
  /** S > cap. */
  overCap: boolean;
}

/** Subsidy spent against a budget cap, compared in integers (S · 10 ≥ cap · 9, not a rounded share). */
export function budgetUse(subsidyFen: number, budgetCapFen: number): BudgetUse {
  const overCap = subsidyFen > budgetCapFen;
  if (budgetCapFen <= 0) return { budgetCapFen, budgetUsedTenths: null, warn: overCap, overCap };
  return {
    budgetCapFen,
    budgetUsedTenths: tenthsOfPercent(subsidyFen, budgetCapFen),
    warn: BigInt(subsidyFen) * 10n >= BigInt(budgetCapFen) * 9n,
    overCap,
  };
}
