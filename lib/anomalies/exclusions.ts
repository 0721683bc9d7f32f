// What review took out of the figures: the excluded rows' net figures, counted as the kept
// totals count them (lib/imports/totals.ts), so "excluded" plus what is shown is what the rows hold.
import type { Db } from "@/db/client";

export interface ExcludedFigures {
  /** Excluded flags in the scope. */
  flags: number;
  /** Excluded voucher orders that still count as redemptions (not fully refunded). */
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
}

export interface ExclusionScope {
  batchId?: number;
  campaignId?: number;
  /** The batches of these areas (a reader's scope); all when absent. */
  areaIds?: number[];
  departmentId?: number;
}

export function excludedFigures(db: Db, scope: ExclusionScope = {}): ExcludedFigures {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (scope.batchId !== undefined) add("b.id = ?", scope.batchId);
  if (scope.campaignId !== undefined) add("b.campaign_id = ?", scope.campaignId);
  if (scope.areaIds) add("b.area_id in (select value from json_each(?))", JSON.stringify(scope.areaIds));
  if (scope.departmentId !== undefined) add("b.department_id = ?", scope.departmentId);
  const filter = where.length ? `and ${where.join(" and ")}` : "";
  return db.$client
    .prepare(
      `with flags as (select f.id from anomaly_flags f join batches b on b.id = f.batch_id where f.excluded = 1 ${filter}),
       rows as (select distinct x.redemption_id as id from anomaly_exclusions x where x.flag_id in (select id from flags)),
       net as (
         select r.voucher_fen > 0 as with_voucher,
                r.order_fen - coalesce((select sum(refund_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as net_order,
                r.voucher_fen - coalesce((select sum(refund_voucher_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as net_voucher
         from rows join redemptions r on r.id = rows.id)
       select (select count(*) from flags) as flags,
              coalesce(sum(with_voucher and net_order > 0), 0) as redemptions,
              coalesce(sum(case when with_voucher then net_voucher else 0 end), 0) as subsidyFen,
              coalesce(sum(case when with_voucher then net_order else 0 end), 0) as grossFen
       from net`,
    )
    .get(...params) as ExcludedFigures;
}
