// Rows of an import being read, before its one write transaction moves them in. They live in
// tables of the connection's temp schema, which SQLite keeps in a file of its own, deleted when
// the connection closes or the process dies, so staging never writes the WAL or locks the database
// for other writers, and a killed import leaves nothing behind.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { type EntryBatch, greaterName, type KindColumns } from "@/lib/statements/batch";

/** Payments and refunds apart, each with only the columns the move and the refund checks read. */
const PAYMENT_COLUMNS = ["channel text not null", "order_id text not null", "merchant_id text not null", "payer text", "occurred_at text not null", "order_fen integer not null", "voucher_fen integer not null"];
/** order_id is the refunded payment's id; refund_id the refund's own. */
const REFUND_COLUMNS = ["line integer not null", "channel text not null", "refund_id text not null", "order_id text not null", "occurred_at text not null", "refund_fen integer not null", "refund_voucher_fen integer not null"];

/** Rows per insert statement, largest first: one statement per row costs more than binding its values. */
const ROWS_PER_INSERT = [100, 10, 1];

export interface StagedMerchant {
  channel: string;
  id: string;
  name: string | null;
}

export interface Staging {
  /** The tables' qualified names ("temp.import_payments_…"), for the checks and the move. */
  payments: string;
  refunds: string;
  /**
   * (channel, merchant_id) → the app's merchant id, once `setMerchantIds` filled it: a tiny
   * table the move joins instead of looking each row up in merchant_channel_ids.
   */
  merchantIds: string;
  /** Stages a batch's payments and refunds in one short transaction. */
  add(batch: EntryBatch): void;
  counts(): { payments: number; refunds: number };
  /** The channel merchant ids staged so far, each with the greatest name given for it. */
  merchants(): StagedMerchant[];
  setMerchantIds(ids: ReadonlyArray<{ channel: string; id: string; merchantId: number }>): void;
  drop(): void;
}

/** Binds row `i` of a batch's payments or refunds. */
type Values = (batch: EntryBatch, columns: KindColumns, i: number, into: unknown[]) => void;

const paymentValues: Values = (batch, columns, i, into) => {
  into.push(batch.channels[batch.channel[columns.row[i]!]!], columns.orderId[i], columns.merchantId[i], columns.payer[i], columns.occurredAt[i], columns.fen[i], columns.voucherFen[i]);
};

const refundValues: Values = (batch, columns, i, into) => {
  const row = columns.row[i]!;
  into.push(batch.line[row], batch.channels[batch.channel[row]!], columns.orderId[i], columns.originalOrderId[i], columns.occurredAt[i], columns.fen[i], columns.voucherFen[i]);
};

/** Inserts rows into one table, as many at a time as ROWS_PER_INSERT allows. */
function tableWriter(db: Db, table: string, columns: readonly string[], values: Values) {
  const row = `(${columns.map(() => "?").join(", ")})`;
  const inserts = ROWS_PER_INSERT.map((size) => ({ size, statement: db.$client.prepare(`insert into ${table} values ${Array(size).fill(row).join(", ")}`) }));
  const args: unknown[] = [];
  return (batch: EntryBatch, kind: KindColumns) => {
    const count = kind.row.length;
    let i = 0;
    for (const { size, statement } of inserts) {
      for (; i + size <= count; i += size) {
        args.length = 0;
        for (let j = i; j < i + size; j++) values(batch, kind, j, args);
        statement.run(args);
      }
    }
  };
}

/** Fresh staging tables for one import (its own, so imports running side by side never mix). */
export function openStaging(db: Db): Staging {
  const c = db.$client;
  const name = randomUUID().replaceAll("-", "");
  const payments = `temp.import_payments_${name}`;
  const refunds = `temp.import_refunds_${name}`;
  const merchantIds = `temp.import_merchants_${name}`;
  c.exec(
    `create table ${payments} (${PAYMENT_COLUMNS.join(", ")});
     create table ${refunds} (${REFUND_COLUMNS.join(", ")});
     create table ${merchantIds} (channel text, merchant_id text, id integer not null, primary key (channel, merchant_id)) without rowid`,
  );
  const writePayments = tableWriter(db, payments, PAYMENT_COLUMNS, paymentValues);
  const writeRefunds = tableWriter(db, refunds, REFUND_COLUMNS, refundValues);
  // By channel, then by the channel's merchant id (no key string built per row).
  const merchants = new Map<string, Map<string, StagedMerchant>>();
  const counts = { payments: 0, refunds: 0 };

  const add = c.transaction((batch: EntryBatch) => {
    writePayments(batch, batch.payments);
    writeRefunds(batch, batch.refunds);
    counts.payments += batch.payments.row.length;
    counts.refunds += batch.refunds.row.length;
    for (const merchant of batch.merchants) {
      let ofChannel = merchants.get(merchant.channel);
      if (!ofChannel) merchants.set(merchant.channel, (ofChannel = new Map()));
      const seen = ofChannel.get(merchant.id);
      if (!seen) ofChannel.set(merchant.id, { ...merchant });
      else seen.name = greaterName(seen.name, merchant.name);
    }
  });

  const insertMerchant = c.prepare(`insert into ${merchantIds} values (?, ?, ?)`);
  return {
    payments,
    refunds,
    merchantIds,
    add,
    counts: () => ({ ...counts }),
    merchants: () => [...merchants.values()].flatMap((ofChannel) => [...ofChannel.values()]),
    setMerchantIds: (ids) => {
      for (const m of ids) insertMerchant.run(m.channel, m.id, m.merchantId);
    },
    drop: () => c.exec(`drop table if exists ${payments}; drop table if exists ${refunds}; drop table if exists ${merchantIds}`),
  };
}
