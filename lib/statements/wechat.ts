// WeChat Pay trade bill (交易账单), bill types ALL, SUCCESS and REFUND. Every value starts
// with a backtick; columns are found by header name because each bill type has its own set
// and order. After the detail rows comes a summary block — `总交易单数,…` and one line of
// totals — which is read as the bill's own totals, never as a row.
import { parseYuanToFen } from "@/lib/money/fen";
import { CellError, type Cells, cleanCell, indexHeader, readRow, splitLine, voucherWithinOrder } from "./cells";
import { requireColumns } from "./detect";
import type { LineParser, StatementEntry, StatementRow, StatementTotals, TotalKey } from "./types";

export const WECHAT_REQUIRED = ["交易时间", "商户号", "微信订单号", "交易状态"] as const;

/** Summary-block columns and the totals they state. */
const SUMMARY_KEYS: Record<string, TotalKey> = {
  总交易单数: "rows",
  应结订单总金额: "settledFen",
  订单总金额: "orderFen",
  退款总金额: "refundFen",
  充值券退款总金额: "refundVoucherFen",
};

type WechatRow = { type: "row" } & StatementRow;

/** Adds what every row kind carries. Assigned, not spread: a million rows go through here. */
function addCommon(row: WechatRow, cells: Cells): WechatRow {
  const payer = cells.optional("用户标识");
  if (payer) row.payer = payer;
  const merchantOrderId = cells.optional("商户订单号");
  if (merchantOrderId) row.merchantOrderId = merchantOrderId;
  return row;
}

// Service-provider bills name the actual shop in 特约商户号; 商户号 is then the provider.
const merchantOf = (cells: Cells) => cells.get("特约商户号") || cells.required("商户号");

function orderAmounts(cells: Cells) {
  const voucherFen = cells.fen("代金券金额");
  const settledFen = cells.has("应结订单金额") ? cells.fen("应结订单金额", { required: true }) : undefined;
  // 订单金额 is what the purchase came to. Bills without that column give only 应结订单金额
  // (= 订单金额 − 免充值券金额); adding 代金券金额 back is exact for the 免充值 vouchers that
  // government campaigns issue, but overstates a 充值券 (already inside 应结), so it is only
  // the fallback when 订单金额 is absent.
  if (cells.has("订单金额") || settledFen === undefined) {
    const orderFen = cells.fen("订单金额", { required: true });
    voucherWithinOrder(orderFen, voucherFen, "代金券金额");
    return { orderFen, voucherFen, settledFen };
  }
  return { orderFen: settledFen + voucherFen, voucherFen, settledFen };
}

function mapRow(line: number, cells: Cells): WechatRow {
  const status = cells.required("交易状态");
  const wechatOrderId = cells.required("微信订单号");
  if (status === "REFUND") {
    // A refund still PROCESSING (or closed, or sent elsewhere: CHANGE) has not given the money
    // back; the file is refused rather than guessed at, and a later bill will settle it.
    const refundStatus = cells.get("退款状态");
    if (refundStatus && refundStatus !== "SUCCESS") throw new CellError("退款状态", "refundNotSettled", refundStatus.slice(0, 80));
    return addCommon(
      {
        type: "row",
        line,
        kind: "refund",
        channel: "wechat",
        merchantId: merchantOf(cells),
        orderId: cells.required("微信退款单号"),
        originalOrderId: wechatOrderId,
        occurredAt: cells.get("退款成功时间") ? cells.time("退款成功时间") : cells.time("交易时间"),
        // A refund row may repeat the order's amounts; the refund is its own record, so only its refund columns count.
        orderFen: 0,
        voucherFen: 0,
        refundFen: cells.fen("退款金额", { required: true }),
        refundVoucherFen: cells.fen("充值券退款金额"),
      },
      cells,
    );
  }
  if (status !== "SUCCESS" && status !== "REVOKED") throw new CellError("交易状态", "unknownStatus", status.slice(0, 80));
  const { orderFen, voucherFen, settledFen } = orderAmounts(cells);
  const row: WechatRow = {
    type: "row",
    line,
    kind: status === "SUCCESS" ? "payment" : "revoked",
    channel: "wechat",
    merchantId: merchantOf(cells),
    orderId: wechatOrderId,
    occurredAt: cells.time("交易时间"),
    orderFen,
    voucherFen,
    refundFen: 0,
    refundVoucherFen: 0,
  };
  addCommon(row, cells);
  if (settledFen !== undefined) row.settledFen = settledFen;
  return row;
}

export function wechatParser(headerText: string): LineParser {
  const index = indexHeader(splitLine(headerText) ?? []);
  requireColumns(index, WECHAT_REQUIRED);
  let summaryHeader: string[] | null = null;
  let totals: StatementTotals | null = null;

  return {
    push(line: number, text: string): StatementEntry | null {
      if (!text.trim()) return null;
      // Nothing follows the totals line in a WeChat bill: a row there (two bills pasted
      // together) would escape the reconciliation, so it is refused, never skipped.
      if (totals) return { type: "rejected", line, column: null, reason: "afterTotals" };
      if (summaryHeader) {
        const values: StatementTotals["values"] = {};
        (splitLine(text) ?? []).forEach((cell, i) => {
          const key = SUMMARY_KEYS[summaryHeader![i] ?? ""];
          const value = cleanCell(cell);
          if (!key || !value) return;
          const number = key === "rows" ? (/^\d+$/.test(value) ? Number(value) : null) : parseYuanToFen(value);
          if (number !== null) values[key] = number;
        });
        totals = { line, values };
        return null;
      }
      if (cleanCell(text).startsWith("总交易单数")) {
        summaryHeader = (splitLine(text) ?? []).map(cleanCell);
        return null;
      }
      return readRow(line, text, index, (cells) => mapRow(line, cells));
    },
    totals: () => totals,
  };
}
