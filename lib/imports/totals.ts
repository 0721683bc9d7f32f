// The kept totals per batch, day and merchant, recomputed from the rows in SQL. Imports and
// voids call it inside their write transaction; the check command compares it with what is kept.
import type { Db } from "@/db/client";

/**
 * Net figures of each order after its refunds: a full refund removes it from every figure.
 * Rows a manager excluded after review (anomaly_exclusions) are left out of every figure.
 */
const NET_ROWS = `
  select r.batch_id, r.day, r.merchant_id, r.voucher_fen > 0 as with_voucher,
         r.order_fen - coalesce(f.refund_fen, 0) as net_order,
         r.voucher_fen - coalesce(f.refund_voucher_fen, 0) as net_voucher
  from redemptions r
  left join (select redemption_id, sum(refund_fen) as refund_fen, sum(refund_voucher_fen) as refund_voucher_fen
             from redemption_refunds group by redemption_id) f on f.redemption_id = r.id
  where not exists (select 1 from anomaly_exclusions x where x.redemption_id = r.id)`;

export const TOTALS_SELECT = `
  select batch_id, day, merchant_id,
         sum(with_voucher and net_order > 0) as redemptions,
         sum(case when with_voucher then net_voucher else 0 end) as subsidy_fen,
         sum(case when with_voucher then net_order else 0 end) as gross_fen,
         sum(not with_voucher and net_order > 0) as non_voucher_orders,
         sum(case when with_voucher then 0 else net_order end) as non_voucher_fen
  from (${NET_ROWS}) n`;

export interface BatchTotals {
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
}

/** Replaces the batch's kept totals with a recomputation from its rows; returns the batch sums. */
export function recomputeBatchTotals(db: Db, batchId: number): BatchTotals {
  const c = db.$client;
  c.prepare(`delete from redemption_totals where batch_id = ?`).run(batchId);
  c.prepare(
    `insert into redemption_totals (batch_id, day, merchant_id, redemptions, subsidy_fen, gross_fen, non_voucher_orders, non_voucher_fen)
     ${TOTALS_SELECT} where batch_id = ? group by batch_id, day, merchant_id`,
  ).run(batchId);
  return batchTotals(db, batchId);
}

/**
 * Replaces the kept totals of the given (day, merchant) pairs of the batch only, e.g. those an
 * import's rows fell on: a void of a small import into a large batch reads its own rows' days and
 * merchants, not the whole batch (1 M rows: seconds). Returns the batch sums.
 */
export function recomputeTotalsOf(db: Db, batchId: number, pairs: Array<{ day: string; merchantId: number }>): BatchTotals {
  const c = db.$client;
  const keys = JSON.stringify(pairs.map((p) => [p.day, p.merchantId]));
  const PAIRS = `select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(?)`;
  c.prepare(`delete from redemption_totals where batch_id = ? and (day, merchant_id) in (${PAIRS})`).run(batchId, keys);
  c.prepare(
    `insert into redemption_totals (batch_id, day, merchant_id, redemptions, subsidy_fen, gross_fen, non_voucher_orders, non_voucher_fen)
     ${TOTALS_SELECT} where batch_id = ? and (day, merchant_id) in (${PAIRS}) group by batch_id, day, merchant_id`,
  ).run(batchId, keys);
  return batchTotals(db, batchId);
}

export function batchTotals(db: Db, batchId: number): BatchTotals {
  return db.$client
    .prepare(
      `select coalesce(sum(redemptions), 0) as redemptions, coalesce(sum(subsidy_fen), 0) as subsidyFen, coalesce(sum(gross_fen), 0) as grossFen
       from redemption_totals where batch_id = ?`,
    )
    .get(batchId) as BatchTotals;
}

export interface TotalsDifference {
  batchId: number;
  day: string;
  merchantId: number;
  kept: string;
  recomputed: string;
}

/** Every (batch, day, merchant) whose kept totals differ from the rows. Empty when all agree. */
export function checkTotals(db: Db): TotalsDifference[] {
  const rows = db.$client
    .prepare(
      `with fresh as (${TOTALS_SELECT} group by batch_id, day, merchant_id),
       keys as (select batch_id, day, merchant_id from fresh union select batch_id, day, merchant_id from redemption_totals)
       select k.batch_id as batchId, k.day, k.merchant_id as merchantId,
              coalesce(t.redemptions || '/' || t.subsidy_fen || '/' || t.gross_fen || '/' || t.non_voucher_orders || '/' || t.non_voucher_fen, 'none') as kept,
              coalesce(f.redemptions || '/' || f.subsidy_fen || '/' || f.gross_fen || '/' || f.non_voucher_orders || '/' || f.non_voucher_fen, 'none') as recomputed
       from keys k
       left join redemption_totals t on t.batch_id = k.batch_id and t.day = k.day and t.merchant_id = k.merchant_id
       left join fresh f on f.batch_id = k.batch_id and f.day = k.day and f.merchant_id = k.merchant_id`,
    )
    .all() as TotalsDifference[];
  return rows.filter((r) => r.kept !== r.recomputed);
}
