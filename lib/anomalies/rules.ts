// Anomaly rules over a batch's redemptions: flags for a person to review, never verdicts. Each
// rule is one SQL query over the rows of one batch and returns what it found with the rows
// behind it, so the review list can show them and a confirmed flag can exclude exactly them.
import type { Db } from "@/db/client";

export const ANOMALY_RULES = ["repeatPayer", "thresholdBunching", "quickRefund", "outsizedMerchant", "outsideValidity", "barredMerchant"] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

export interface AnomalySettings {
  /** More voucher redemptions than this by one payer in a batch is flagged. */
  maxPerPayer: number;
  /** "Just above the threshold": order amounts from the threshold up to this share above it. */
  bunchingMargin: number;
  /** A merchant is flagged when at least this share of its (at least `bunchingMinOrders`) voucher orders are just above. */
  bunchingShare: number;
  bunchingMinOrders: number;
  /** A refund within this many minutes of the redemption. */
  quickRefundMinutes: number;
  /** One merchant taking more than this share of a batch's subsidy (when the batch has at least `outsizedMinMerchants`). */
  outsizedShare: number;
  outsizedMinMerchants: number;
}

export const DEFAULT_SETTINGS: AnomalySettings = {
  maxPerPayer: 5,
  bunchingMargin: 0.05,
  bunchingShare: 0.6,
  bunchingMinOrders: 20,
  quickRefundMinutes: 60,
  outsizedShare: 0.25,
  outsizedMinMerchants: 5,
};

export interface AnomalyFinding {
  rule: AnomalyRule;
  batchId: number;
  /** What the flag is about, unique per rule and batch: a payer, a merchant id, an order. */
  subject: string;
  merchantId: number | null;
  redemptionIds: number[];
  /** The figures that tripped the rule (counts, fen, shares in per mille). */
  detail: Record<string, number | string>;
}

// Raw SQL on the connection: inside a write transaction it reads that transaction's rows.
type Reader = Db;
const ids = (text: string | null) => (text ? text.split(",").map(Number) : []);

function repeatPayer(db: Reader, batchId: number, s: AnomalySettings): AnomalyFinding[] {
  const rows = db.$client
    .prepare(
      `select payer, count(*) as n, sum(voucher_fen) as subsidy, group_concat(id) as ids, min(merchant_id) as merchant, count(distinct merchant_id) as merchants
       from redemptions where batch_id = ? and voucher_fen > 0 and payer is not null and payer <> ''
       group by payer having count(*) > ? order by n desc`,
    )
    .all(batchId, s.maxPerPayer) as Array<{ payer: string; n: number; subsidy: number; ids: string; merchant: number; merchants: number }>;
  return rows.map((r) => ({
    rule: "repeatPayer",
    batchId,
    subject: r.payer,
    merchantId: r.merchants === 1 ? r.merchant : null,
    redemptionIds: ids(r.ids),
    detail: { count: r.n, subsidyFen: r.subsidy, merchants: r.merchants, limit: s.maxPerPayer },
  }));
}

function thresholdBunching(db: Reader, batchId: number, s: AnomalySettings): AnomalyFinding[] {
  // "Just above" is from the threshold itself up to the margin above it: an order below the
  // threshold (which the channel should not have let through) is not bunching.
  const rows = db.$client
    .prepare(
      `with b as (select threshold_fen as t, threshold_fen + threshold_fen * ? as top from batches where id = ? and threshold_fen > 0)
       select r.merchant_id as merchant, count(*) as n,
              sum(r.order_fen between b.t and b.top) as near,
              group_concat(case when r.order_fen between b.t and b.top then r.id end) as ids
       from redemptions r, b
       where r.batch_id = ? and r.voucher_fen > 0
       group by r.merchant_id
       having count(*) >= ? and sum(r.order_fen between b.t and b.top) * 1.0 / count(*) >= ?`,
    )
    .all(s.bunchingMargin, batchId, batchId, s.bunchingMinOrders, s.bunchingShare) as Array<{ merchant: number; n: number; near: number; ids: string }>;
  return rows.map((r) => ({
    rule: "thresholdBunching",
    batchId,
    subject: `merchant:${r.merchant}`,
    merchantId: r.merchant,
    redemptionIds: ids(r.ids),
    detail: { orders: r.n, nearThreshold: r.near, sharePermille: Math.round((r.near * 1000) / r.n) },
  }));
}

/** Grouped per merchant: a merchant refunding orders right after redeeming them is the pattern to review. */
function quickRefund(db: Reader, batchId: number, s: AnomalySettings): AnomalyFinding[] {
  const rows = db.$client
    .prepare(
      `select r.merchant_id as merchant, count(*) as n, sum(r.voucher_fen) as fen, group_concat(r.id) as ids,
              cast(round(min(julianday(f.occurred_at) - julianday(r.occurred_at)) * 1440) as integer) as fastest
       -- From the refunds (a few per cent of the rows), each to its order: never a scan of the batch.
       from redemption_refunds f cross join redemptions r on r.id = f.redemption_id
       where r.batch_id = ? and r.voucher_fen > 0
         -- A WeChat ALL bill dates a refund row by its order's time: the refund's own time is
         -- unknown there (the REFUND bill and Alipay give it), and unknown is not quick.
         and f.occurred_at > r.occurred_at
         and (julianday(f.occurred_at) - julianday(r.occurred_at)) * 1440 <= ?
       group by r.merchant_id
       order by r.merchant_id`,
    )
    .all(batchId, s.quickRefundMinutes) as Array<{ merchant: number; n: number; fen: number; ids: string; fastest: number }>;
  return rows.map((r) => ({
    rule: "quickRefund",
    batchId,
    subject: `merchant:${r.merchant}`,
    merchantId: r.merchant,
    redemptionIds: [...new Set(ids(r.ids))],
    detail: { count: r.n, subsidyFen: r.fen, minutes: r.fastest, limit: s.quickRefundMinutes },
  }));
}

function outsizedMerchant(db: Reader, batchId: number, s: AnomalySettings): AnomalyFinding[] {
  // From the rows, not the kept totals: the totals leave out excluded rows, and excluding an
  // outsized merchant's rows must not make its flag disappear.
  const rows = db.$client
    .prepare(
      `with v as (select merchant_id, sum(voucher_fen) as fen from redemptions where batch_id = ? and voucher_fen > 0 group by merchant_id),
            f as (select r.merchant_id, sum(f.refund_voucher_fen) as fen from redemption_refunds f cross join redemptions r on r.id = f.redemption_id
                  where r.batch_id = ? and r.voucher_fen > 0 group by r.merchant_id),
            m as (select v.merchant_id, v.fen - coalesce(f.fen, 0) as subsidy from v left join f on f.merchant_id = v.merchant_id),
       all_m as (select count(*) as merchants, sum(subsidy) as total from m)
       select m.merchant_id as merchant, m.subsidy, all_m.total, all_m.merchants from m, all_m
       where all_m.merchants >= ? and all_m.total > 0 and m.subsidy * 1.0 / all_m.total > ?`,
    )
    .all(batchId, batchId, s.outsizedMinMerchants, s.outsizedShare) as Array<{ merchant: number; subsidy: number; total: number; merchants: number }>;
  return rows.map((r) => ({
    rule: "outsizedMerchant",
    batchId,
    subject: `merchant:${r.merchant}`,
    merchantId: r.merchant,
    redemptionIds: rowIds(db, `select id from redemptions where batch_id = ? and merchant_id = ? and voucher_fen > 0`, batchId, r.merchant),
    detail: { subsidyFen: r.subsidy, batchSubsidyFen: r.total, sharePermille: Math.round((r.subsidy * 1000) / r.total), merchants: r.merchants },
  }));
}

function rowIds(db: Reader, sql: string, ...params: unknown[]): number[] {
  return db.$client.prepare(sql).pluck().all(...params) as number[];
}

/** Grouped per merchant, so one flag stands for a merchant's rows of one kind. */
function perMerchant(rule: AnomalyRule, db: Reader, batchId: number, sql: string, detail: (n: number, fen: number, extra: string) => Record<string, number | string>): AnomalyFinding[] {
  const rows = db.$client.prepare(sql).all(batchId) as Array<{ merchant: number; n: number; fen: number; ids: string; extra: string | null }>;
  return rows.map((r) => ({
    rule,
    batchId,
    subject: `merchant:${r.merchant}`,
    merchantId: r.merchant,
    redemptionIds: ids(r.ids),
    detail: detail(r.n, r.fen, r.extra ?? ""),
  }));
}

function outsideValidity(db: Reader, batchId: number): AnomalyFinding[] {
  return perMerchant(
    "outsideValidity",
    db,
    batchId,
    `select r.merchant_id as merchant, count(*) as n, sum(r.voucher_fen) as fen, group_concat(r.id) as ids, min(r.day) || '…' || max(r.day) as extra
     from redemptions r join batches b on b.id = r.batch_id
     where r.batch_id = ? and r.voucher_fen > 0 and (r.day < b.valid_from or r.day > b.valid_to)
     -- "+": grouping by the merchant index would scan the whole batch; the two day ranges of redemptions_batch_idx read only the rows outside.
     group by +r.merchant_id`,
    (n, fen, days) => ({ count: n, subsidyFen: fen, days }),
  );
}

function barredMerchant(db: Reader, batchId: number): AnomalyFinding[] {
  return perMerchant(
    "barredMerchant",
    db,
    batchId,
    `select r.merchant_id as merchant, count(*) as n, sum(r.voucher_fen) as fen, group_concat(r.id) as ids, m.status as extra
     -- From the few barred merchants to their rows in the batch (redemptions_batch_merchant_idx).
     from merchants m cross join redemptions r on r.merchant_id = m.id
     where r.batch_id = ? and r.voucher_fen > 0 and m.status in ('suspended', 'blacklisted')
     group by r.merchant_id`,
    (n, fen, status) => ({ count: n, subsidyFen: fen, status }),
  );
}

/** Every rule over one batch's rows. */
export function detectAnomalies(db: Reader, batchId: number, settings: AnomalySettings = DEFAULT_SETTINGS): AnomalyFinding[] {
  return [
    ...repeatPayer(db, batchId, settings),
    ...thresholdBunching(db, batchId, settings),
    ...quickRefund(db, batchId, settings),
    ...outsizedMerchant(db, batchId, settings),
    ...outsideValidity(db, batchId),
    ...barredMerchant(db, batchId),
  ];
}
