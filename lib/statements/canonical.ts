// The app's canonical CSV (columns documented with CANONICAL_HEADER in detect.ts).
import { toCsv } from "@/lib/csv/csv";
import { CellError, type Cells, indexHeader, readRow, splitLine, voucherWithinOrder } from "./cells";
import { CANONICAL_HEADER, CANONICAL_REQUIRED, requireColumns } from "./detect";
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
    voucherWithinOrder(row.orderFen, row.voucherFen, "voucher_yuan");
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

/** The downloadable template: UTF-8 with BOM (Excel opens it right), CRLF, three example lines. */
export function canonicalTemplate(): string {
  return toCsv([
    [...CANONICAL_HEADER],
    ["unionpay", "U202506010001", "", "898370154110001", "牡丹区惠民超市", "SO-0001", "6217****1234", "2025-06-01 10:00:00", "payment", "256.00", "50.00", "", ""],
    ["unionpay", "U202506020001", "U202506010001", "898370154110001", "牡丹区惠民超市", "SO-0001", "6217****1234", "2025-06-02 09:30:00", "refund", "", "", "256.00", "50.00"],
    ["unionpay", "U202506010002", "", "898370154110002", "曹县家电城", "SO-0002", "6222****5678", "2025-06-01 11:15:00", "revoked", "3999.00", "300.00", "", ""],
  ]);
}
