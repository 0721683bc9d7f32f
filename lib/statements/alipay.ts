// Alipay business detail (支付宝业务明细), as Alipay exports it: GBK, a `#` preface (the
// account in `#账号：[…]`), the header, the rows, then a `#` footer with the totals. Ids carry
// a trailing tab (so Excel keeps them as text); refund rows carry negative amounts.
//
// The footer totals, one line each (full-width or ASCII colon and comma both read):
//   #交易合计：12笔，共1234.56元     — count of 交易 rows and the sum of their 订单金额（元）
//   #退款合计：2笔，共-100.00元      — count of 退款 rows and the sum of their 订单金额（元）
import { parseYuanToFen } from "@/lib/money/fen";
import { CellError, type Cells, indexHeader, readRow, splitLine, voucherWithinOrder } from "./cells";
import { requireColumns } from "./detect";
import type { LineParser, StatementEntry, StatementRow, StatementTotals } from "./types";

export const ALIPAY_REQUIRED = ["支付宝交易号", "业务类型", "创建时间", "订单金额（元）"] as const;

const ACCOUNT = /^#账号[：:]\s*\[([^\]]+)\]/;
const FOOTER_TOTAL = /^#(交易|退款)合计[：:]\s*(\d+)笔[，,]\s*共\s*(-?[\d,]+(?:\.\d{1,2})?)元/;

function mapRow(line: number, cells: Cells, account: string | undefined): StatementRow {
  const kind = cells.required("业务类型");
  if (kind !== "交易" && kind !== "退款") throw new CellError("业务类型", "unknownStatus", kind.slice(0, 80));
  // A shop (门店) is the merchant when the file names one; else the Alipay account itself.
  const merchantId = cells.get("门店编号") || account;
  if (!merchantId) throw new CellError("门店编号", "missingValue");
  const row: StatementRow = {
    line,
    kind: "payment",
    channel: "alipay",
    orderId: cells.required("支付宝交易号"),
    merchantId,
    occurredAt: cells.get("完成时间") ? cells.time("完成时间") : cells.time("创建时间"),
    orderFen: 0,
    voucherFen: 0,
    refundFen: 0,
    refundVoucherFen: 0,
  };
  const merchantName = cells.optional("门店名称");
  if (merchantName) row.merchantName = merchantName;
  const payer = cells.optional("对方账户");
  if (payer) row.payer = payer;
  const merchantOrderId = cells.optional("商户订单号");
  if (merchantOrderId) row.merchantOrderId = merchantOrderId;
  if (kind === "交易") {
    row.orderFen = cells.fen("订单金额（元）", { required: true });
    row.voucherFen = cells.fen("券核销金额（元）");
    voucherWithinOrder(row.orderFen, row.voucherFen, "券核销金额（元）");
    return row;
  }
  // A refund shares the trade's 支付宝交易号; its own id is the refund batch / request number.
  row.kind = "refund";
  row.originalOrderId = row.orderId;
  row.orderId = cells.required("退款批次号/请求号");
  row.refundFen = Math.abs(cells.fen("订单金额（元）", { required: true, signed: true }));
  row.refundVoucherFen = Math.abs(cells.fen("券核销金额（元）", { signed: true }));
  return row;
}

/** A parser for the lines after the header; `preface` holds the `#` lines before it. */
export function alipayParser(headerText: string, preface: readonly string[] = []): LineParser {
  const index = indexHeader(splitLine(headerText) ?? []);
  requireColumns(index, ALIPAY_REQUIRED);
  let account: string | undefined;
  for (const text of preface) account = ACCOUNT.exec(text.trim())?.[1]?.trim() ?? account;
  let totals: StatementTotals | null = null;

  return {
    push(line: number, text: string): StatementEntry | null {
      const trimmed = text.trim();
      if (!trimmed || /^[,\t ]*$/.test(trimmed)) return null;
      if (trimmed.startsWith("#")) {
        const match = FOOTER_TOTAL.exec(trimmed);
        const fen = match ? parseYuanToFen(match[3]!) : null;
        if (match && fen !== null) {
          totals ??= { line, values: {} };
          totals.line = line;
          if (match[1] === "交易") Object.assign(totals.values, { payments: Number(match[2]), orderFen: fen });
          else Object.assign(totals.values, { refunds: Number(match[2]), refundFen: Math.abs(fen) });
        }
        return null;
      }
      return readRow(line, text, index, (cells) => ({ type: "row" as const, ...mapRow(line, cells, account) }));
    },
    totals: () => totals,
  };
}
