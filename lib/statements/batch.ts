// A chunk's entries as columns, so they cross from a parsing worker thread as a few arrays
// instead of thousands of objects (structured cloning an object per row costs more than the
// parsing). The importer reads only these columns, whichever thread parsed the file.
import type { RowKind, StatementEntry, StatementRejection } from "./types";

export const KIND_CODES: readonly RowKind[] = ["payment", "refund", "revoked"];

/** Rows of one kind: their index among the batch's rows and what the importer stages of them. */
export interface KindColumns {
  /** Index of each into the batch's row columns (line, channel). */
  row: Uint32Array;
  /** Payments: the order id. Refunds: the refund id. */
  orderId: string[];
  /** Refunds: the refunded order's id (empty on payments). */
  originalOrderId: string[];
  merchantId: string[];
  payer: Array<string | null>;
  occurredAt: string[];
  /** Payments: order and voucher amounts. Refunds: refund and refunded voucher amounts. */
  fen: Float64Array;
  voucherFen: Float64Array;
}

export interface BatchMerchant {
  channel: string;
  id: string;
  name: string | null;
}

export interface EntryBatch {
  /** Entries of the chunk: rows of every kind and rejections. */
  entries: number;
  rejections: StatementRejection[];
  /** The distinct channels of the rows; `channel` indexes into it. */
  channels: string[];
  line: Uint32Array;
  channel: Uint16Array;
  /** Index into KIND_CODES. */
  kind: Uint8Array;
  payments: KindColumns;
  refunds: KindColumns;
  /** Merchants of the payments and refunds, each once, with the greatest name given. */
  merchants: BatchMerchant[];
}

function kindColumns(size: number): KindColumns {
  return { row: new Uint32Array(size), orderId: [], originalOrderId: [], merchantId: [], payer: [], occurredAt: [], fen: new Float64Array(size), voucherFen: new Float64Array(size) };
}

/** Keeps the greater of two merchant names, null counting as none. */
export function greaterName(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}

/** Packs a chunk's entries (in file order) into columns. */
export function packEntries(entries: readonly StatementEntry[]): EntryBatch {
  let rowCount = 0;
  let paymentCount = 0;
  let refundCount = 0;
  for (const entry of entries) {
    if (entry.type !== "row") continue;
    rowCount++;
    if (entry.kind === "payment") paymentCount++;
    else if (entry.kind === "refund") refundCount++;
  }
  const batch: EntryBatch = {
    entries: entries.length,
    rejections: [],
    channels: [],
    line: new Uint32Array(rowCount),
    channel: new Uint16Array(rowCount),
    kind: new Uint8Array(rowCount),
    payments: kindColumns(paymentCount),
    refunds: kindColumns(refundCount),
    merchants: [],
  };
  const channelIndex = new Map<string, number>();
  const merchants = new Map<string, Map<string, BatchMerchant>>();
  let r = 0;
  let p = 0;
  let f = 0;
  for (const entry of entries) {
    if (entry.type === "rejected") {
      const { line, column, reason, value } = entry;
      batch.rejections.push(value === undefined ? { line, column, reason } : { line, column, reason, value });
      continue;
    }
    let channel = channelIndex.get(entry.channel);
    if (channel === undefined) {
      channel = batch.channels.push(entry.channel) - 1;
      channelIndex.set(entry.channel, channel);
    }
    batch.line[r] = entry.line;
    batch.channel[r] = channel;
    batch.kind[r] = entry.kind === "payment" ? 0 : entry.kind === "refund" ? 1 : 2;
    if (entry.kind !== "revoked") {
      const columns = entry.kind === "payment" ? batch.payments : batch.refunds;
      const i = entry.kind === "payment" ? p++ : f++;
      columns.row[i] = r;
      columns.orderId.push(entry.orderId);
      columns.originalOrderId.push(entry.originalOrderId ?? "");
      columns.merchantId.push(entry.merchantId);
      columns.payer.push(entry.payer ?? null);
      columns.occurredAt.push(entry.occurredAt);
      columns.fen[i] = entry.kind === "payment" ? entry.orderFen : entry.refundFen;
      columns.voucherFen[i] = entry.kind === "payment" ? entry.voucherFen : entry.refundVoucherFen;
      let ofChannel = merchants.get(entry.channel);
      if (!ofChannel) merchants.set(entry.channel, (ofChannel = new Map()));
      const seen = ofChannel.get(entry.merchantId);
      const name = entry.merchantName ?? null;
      if (!seen) {
        const merchant = { channel: entry.channel, id: entry.merchantId, name };
        ofChannel.set(entry.merchantId, merchant);
        batch.merchants.push(merchant);
      } else seen.name = greaterName(seen.name, name);
    }
    r++;
  }
  return batch;
}

type TextColumn = "orderId" | "originalOrderId" | "merchantId" | "payer" | "occurredAt";

/**
 * A batch as it crosses between threads: each text column one string, its values joined by
 * line feeds (a value comes from one line, so never holds one; a missing payer is empty, as
 * no parser gives an empty one). Cloning five strings costs far less than thousands.
 */
export type WireColumns = Omit<KindColumns, TextColumn> & Record<TextColumn, string>;
export type WireBatch = Omit<EntryBatch, "payments" | "refunds"> & { payments: WireColumns; refunds: WireColumns };

function columnsToWire(columns: KindColumns): WireColumns {
  return {
    ...columns,
    orderId: columns.orderId.join("\n"),
    originalOrderId: columns.originalOrderId.join("\n"),
    merchantId: columns.merchantId.join("\n"),
    payer: columns.payer.join("\n"),
    occurredAt: columns.occurredAt.join("\n"),
  };
}

function columnsFromWire(wire: WireColumns): KindColumns {
  const split = (text: string) => (wire.row.length === 0 ? [] : text.split("\n"));
  return {
    ...wire,
    orderId: split(wire.orderId),
    originalOrderId: split(wire.originalOrderId),
    merchantId: split(wire.merchantId),
    payer: split(wire.payer).map((payer) => payer || null),
    occurredAt: split(wire.occurredAt),
  };
}

export function batchToWire(batch: EntryBatch): WireBatch {
  return { ...batch, payments: columnsToWire(batch.payments), refunds: columnsToWire(batch.refunds) };
}

export function batchFromWire(wire: WireBatch): EntryBatch {
  return { ...wire, payments: columnsFromWire(wire.payments), refunds: columnsFromWire(wire.refunds) };
}

/** The buffers of a batch's typed arrays, to transfer rather than copy. */
export function batchBuffers(batch: WireBatch): ArrayBuffer[] {
  const arrays = [batch.line, batch.channel, batch.kind, batch.payments.row, batch.payments.fen, batch.payments.voucherFen, batch.refunds.row, batch.refunds.fen, batch.refunds.voucherFen];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
