// The app's canonical CSV (columns documented with CANONICAL_HEADER in detect.ts).
import { CellError, type Cells, indexHeader, readRow, splitLine } from "./cells";
import { CANONICAL_REQUIRED, requireColumns } from "./detect";
import type { LineParser, RowKind, StatementEntry, StatementRow } from "./types";

const KINDS: readonly RowKind[] = ["payment", "refund", "revoked"];

function mapRow(line: number, cells: Cells): StatementRow {
  const kind = cells.required("kind").toLowerCase() as RowKind;
  if (!KINDS.includes(kind)) throw new CellError("kind", "unknownStatus", kind.slice(0, 80));
  const channel = cells.required("channel").toLowerCase();
  const row: StatementRow = {
    line,
    kind,
    channel,
    orderId: cells.required("order_id"),
    merchantId: cells.required("merchant_id"),
    occurredAt: cells.time("paid_at"),
    orderFen: 0,
    voucherFen: 0,
    refundFen: 0,
    refundVoucherFen: 0,
  };
  for (const [column, key] of [
    ["merchant_name", "merchantName"],
    ["merchant_order_id", "merchantOrderId"],
    ["payer", "payer"],
  ] as const) {
    const value = cells.optional(column);
    if (value) row[key] = value;
  }
  if (kind === "refund") {
    row.originalOrderId = cells.required("original_order_id");
    row.refundFen = cells.fen("refund_yuan", { required: true });
    row.refundVoucherFen = cells.fen("refund_voucher_yuan");
  } else {
    row.orderFen = cells.fen("order_yuan", { required: true });
    row.voucherFen = cells.fen("voucher_yuan");
  }
  return row;
}

export function canonicalParser(headerText: string): LineParser {
  const index = indexHeader(splitLine(headerText) ?? []);
  requireColumns(index, CANONICAL_REQUIRED);
  return {
    push(line: number, text: string): StatementEntry | null {
      if (!text.trim()) return null;
      return readRow(line, text, index, (cells) => ({ type: "row" as const, ...mapRow(line, cells) }));
    },
    totals: () => null,
  };
}
