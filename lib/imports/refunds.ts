// What the refunds of a staged statement must satisfy before anything is written.
import type { Db } from "@/db/client";
import type { Staging } from "./staging";

export interface RefundProblem {
  line: number;
  column: null;
  reason: "refundWithoutOrder" | "refundExceedsOrder";
  /** The refunded order's id. */
  value: string;
}

/**
 * Refunds must refund a known order (one in the database or in this same file), and an
 * order's refunds — those already imported plus this file's, each refund id once — must not
 * come to more than its order amount or its voucher amount. An order refunded too far is
 * named once, at the line where its refunds pass the order.
 */
export function refundProblems(db: Db, staging: Staging): RefundProblem[] {
  return db.$client
    .prepare(
      `with refunds as (select line, channel, refund_id, order_id, refund_fen, refund_voucher_fen from ${staging.refunds}),
       named as (select distinct channel, order_id from refunds),
       -- The file's payments of those orders, found in one pass over the file.
       paid_here as (
         select channel, order_id, min(line), order_fen, voucher_fen
         from ${staging.payments} where (channel, order_id) in (select channel, order_id from named)
         group by channel, order_id
       ),
       -- Each refunded order as imported, else as this file pays it.
       orders as (
         select n.channel, n.order_id, d.id as redemption_id,
                coalesce(d.order_fen, p.order_fen) as order_fen, coalesce(d.voucher_fen, p.voucher_fen) as voucher_fen
         from named n
         left join redemptions d on d.channel = n.channel and d.order_id = n.order_id
         left join paid_here p on p.channel = n.channel and p.order_id = n.order_id
       ),
       -- A refund id imported before counts nothing again, nor one repeated in this file.
       counted as (
         select min(line) as line, channel, order_id, refund_fen, refund_voucher_fen
         from refunds r
         where not exists (select 1 from redemption_refunds f where f.channel = r.channel and f.refund_id = r.refund_id)
         group by channel, refund_id
       ),
       running as (
         select line, channel, order_id,
                sum(refund_fen) over by_order as fen, sum(refund_voucher_fen) over by_order as voucher_fen
         from counted
         window by_order as (partition by channel, order_id order by line)
       )
       select r.line, r.order_id as orderId, 'refundWithoutOrder' as reason
       from refunds r join orders o on o.channel = r.channel and o.order_id = r.order_id
       where o.order_fen is null
       union all
       select min(u.line), u.order_id, 'refundExceedsOrder'
       from running u join orders o on o.channel = u.channel and o.order_id = u.order_id
       where u.fen + coalesce((select sum(refund_fen) from redemption_refunds f where f.redemption_id = o.redemption_id), 0) > o.order_fen
          or u.voucher_fen + coalesce((select sum(refund_voucher_fen) from redemption_refunds f where f.redemption_id = o.redemption_id), 0) > o.voucher_fen
       group by u.channel, u.order_id
       order by 1`,
    )
    .all()
    .map((row) => {
      const { line, orderId, reason } = row as { line: number; orderId: string; reason: RefundProblem["reason"] };
      return { line, column: null, reason, value: orderId };
    });
}
