// Rows of an import being read, before its one write transaction moves them in. They live in a
// table of the connection's temp schema: SQLite keeps it in its own file, deleted when the
// connection closes or the process dies, so staging never writes the WAL or locks the database
// for other writers, and a killed import leaves nothing behind.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { StatementRow } from "@/lib/statements";

const COLUMNS = [
  "line integer not null",
  "kind text not null",
  "channel text not null",
  "order_id text not null",
  "original_order_id text",
  "merchant_id text not null",
  "merchant_name text",
  "payer text",
  "occurred_at text not null",
  "order_fen integer not null",
  "voucher_fen integer not null",
  "refund_fen integer not null",
  "refund_voucher_fen integer not null",
];

/** Rows per insert statement: one statement per row costs more than binding its values. */
const ROWS_PER_INSERT = 100;

export interface StagedMerchant {
  channel: string;
  id: string;
  name: string | null;
}

export interface Staging {
  /** The table's qualified name, for the checks and the move ("temp.import_staging_…"). */
  table: string;
  /**
   * Beside it, (channel, merchant_id) → the app's merchant id, once `setMerchantIds` filled it:
   * a tiny table the move joins instead of looking each row up in merchant_channel_ids.
   */
  merchantTable: string;
  /** Stages rows in one short transaction. */
  add(rows: readonly StatementRow[]): void;
  /** The channel merchant ids staged so far, each with the greatest name given for it. */
  merchants(): StagedMerchant[];
  setMerchantIds(ids: ReadonlyArray<{ channel: string; id: string; merchantId: number }>): void;
  drop(): void;
}

function values(row: StatementRow, into: unknown[]): void {
  into.push(
    row.line,
    row.kind,
    row.channel,
    row.orderId,
    row.originalOrderId ?? null,
    row.merchantId,
    row.merchantName ?? null,
    row.payer ?? null,
    row.occurredAt,
    row.orderFen,
    row.voucherFen,
    row.refundFen,
    row.refundVoucherFen,
  );
}

/** A fresh staging table for one import (its own, so imports running side by side never mix). */
export function openStaging(db: Db): Staging {
  const c = db.$client;
  const table = `temp.import_staging_${randomUUID().replaceAll("-", "")}`;
  const merchantTable = `${table}_merchants`;
  c.exec(`create table ${table} (${COLUMNS.join(", ")})`);
  c.exec(`create table ${merchantTable} (channel text, merchant_id text, id integer not null, primary key (channel, merchant_id)) without rowid`);
  const placeholders = (rows: number) => Array.from({ length: rows }, () => `(${COLUMNS.map(() => "?").join(", ")})`).join(", ");
  const insertMany = c.prepare(`insert into ${table} values ${placeholders(ROWS_PER_INSERT)}`);
  const insertOne = c.prepare(`insert into ${table} values ${placeholders(1)}`);
  const merchants = new Map<string, StagedMerchant>();

  const add = c.transaction((rows: readonly StatementRow[]) => {
    const args: unknown[] = [];
    let i = 0;
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      args.length = 0;
      for (let j = i; j < i + ROWS_PER_INSERT; j++) values(rows[j]!, args);
      insertMany.run(args);
    }
    for (; i < rows.length; i++) {
      args.length = 0;
      values(rows[i]!, args);
      insertOne.run(args);
    }
    for (const row of rows) {
      const key = `${row.channel}\u0000${row.merchantId}`;
      const seen = merchants.get(key);
      const name = row.merchantName ?? null;
      if (!seen) merchants.set(key, { channel: row.channel, id: row.merchantId, name });
      else if (name !== null && (seen.name === null || name > seen.name)) seen.name = name;
    }
  });

  const insertMerchant = c.prepare(`insert into ${merchantTable} values (?, ?, ?)`);
  return {
    table,
    merchantTable,
    add,
    merchants: () => [...merchants.values()],
    setMerchantIds: (ids) => {
      for (const m of ids) insertMerchant.run(m.channel, m.id, m.merchantId);
    },
    drop: () => c.exec(`drop table if exists ${table}; drop table if exists ${merchantTable}`),
  };
}
