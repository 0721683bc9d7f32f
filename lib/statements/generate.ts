// Real-shaped channel statements for tests, the demo seed and the bench. WeChat: UTF-8, CRLF,
// every value behind a backtick, the summary block at the end. Alipay: see generate-alipay.ts.
// Everything is produced chunk by chunk from an iterable of orders, so a million-row file
// streams instead of being built as one string.
import { fenToYuanText } from "@/lib/money/fen";
import { ChunkWriter, toBuffer, toStream } from "./chunks";
import { refundOf, type StatementOrder } from "./orders";

export { alipayDetailChunks, generateAlipayDetail, streamAlipayDetail, type AlipayDetailOptions } from "./generate-alipay";
export { randomOrders, type RandomOrdersOptions, type StatementOrder } from "./orders";
export { seededRandom } from "./prng";

export type WechatBillType = "ALL" | "SUCCESS" | "REFUND";

const ORDER_COLUMNS = ["交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额"];
const REFUND_COLUMNS = ["微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态"];
const TAIL_COLUMNS = ["商品名称", "商户数据包", "手续费", "费率", "订单金额"];

/** The header of each bill type, in WeChat's order. */
export const WECHAT_COLUMNS: Record<WechatBillType, string[]> = {
  ALL: [...ORDER_COLUMNS, ...REFUND_COLUMNS, ...TAIL_COLUMNS, "申请退款金额", "费率备注"],
  SUCCESS: [...ORDER_COLUMNS, ...TAIL_COLUMNS, "费率备注"],
  REFUND: [...ORDER_COLUMNS, "退款申请时间", "退款成功时间", ...REFUND_COLUMNS, ...TAIL_COLUMNS, "申请退款金额", "费率备注"],
};

export const WECHAT_SUMMARY_HEADER = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];

export interface WechatBillOptions {
  rows: Iterable<StatementOrder>;
  billType?: WechatBillType;
  /** Column order to write instead of WeChat's (to prove parsing goes by name). */
  columns?: string[];
  /** Start with a UTF-8 BOM (some downloads have one). */
  bom?: boolean;
  /** Line break, CRLF by default as WeChat writes it. */
  eol?: string;
}

const yuan = fenToYuanText;
/** WeChat's fee: 0.6 % of the settled amount, rounded to the fen. */
const feeOf = (settledFen: number) => Math.round((settledFen * 6) / 1000);

function orderValues(order: StatementOrder, status: string): Record<string, string> {
  const settled = order.orderFen - order.voucherFen;
  return {
    交易时间: order.time,
    公众账号ID: "wx2421b1c4370ec43b",
    商户号: "1900000109",
    特约商户号: order.merchantId,
    设备号: "",
    微信订单号: order.orderId,
    商户订单号: order.merchantOrderId ?? "",
    用户标识: order.payer,
    交易类型: "JSAPI",
    交易状态: status,
    付款银行: "OTHERS",
    货币种类: "CNY",
    应结订单金额: yuan(settled),
    代金券金额: yuan(order.voucherFen),
    商品名称: order.merchantName ?? "",
    商户数据包: "",
    手续费: yuan(feeOf(settled)),
    费率: "0.60%",
    订单金额: yuan(order.orderFen),
    费率备注: "",
  };
}

/** The bill's lines, chunked (UTF-8). The summary block totals exactly what the rows say. */
export function* wechatBillChunks(options: WechatBillOptions): Generator<Buffer> {
  const billType = options.billType ?? "ALL";
  const columns = options.columns ?? WECHAT_COLUMNS[billType];
  const out = new ChunkWriter("utf-8", options.eol ?? "\r\n");
  const sum = { rows: 0, settled: 0, refund: 0, refundVoucher: 0, fee: 0, order: 0, applied: 0 };
  const write = (values: Record<string, string>) => {
    sum.rows++;
    return out.line(columns.map((column) => `\`${values[column] ?? ""}`).join(","));
  };
  const header = columns.join(",");
  let chunk = out.line(options.bom ? `\uFEFF${header}` : header);
  if (chunk) yield chunk;
  for (const order of options.rows) {
    if (billType !== "REFUND" && !(billType === "SUCCESS" && order.revoked)) {
      const values = orderValues(order, order.revoked ? "REVOKED" : "SUCCESS");
      // The summary sums the order columns over SUCCESS rows only.
      if (!order.revoked) {
        sum.settled += order.orderFen - order.voucherFen;
        sum.fee += feeOf(order.orderFen - order.voucherFen);
        sum.order += order.orderFen;
      }
      if ((chunk = write(values))) yield chunk;
    }
    if (order.refund && billType !== "SUCCESS") {
      const refund = refundOf(order);
      // A refund row repeats the order's columns and adds its own.
      const values = {
        ...orderValues(order, "REFUND"),
        退款申请时间: refund.time,
        退款成功时间: refund.time,
        微信退款单号: refund.refundId,
        商户退款单号: `${order.merchantOrderId ?? order.orderId}-R`,
        退款金额: yuan(refund.fen),
        充值券退款金额: yuan(refund.voucherFen),
        退款类型: "ORIGINAL",
        退款状态: "SUCCESS",
        申请退款金额: yuan(refund.fen),
      };
      sum.refund += refund.fen;
      sum.refundVoucher += refund.voucherFen;
      sum.applied += refund.fen;
      if ((chunk = write(values))) yield chunk;
    }
  }
  out.line(WECHAT_SUMMARY_HEADER.join(","));
  const totals = [String(sum.rows), ...[sum.settled, sum.refund, sum.refundVoucher, sum.fee, sum.order, sum.applied].map(yuan)];
  out.line(totals.map((value) => `\`${value}`).join(","));
  const last = out.flush();
  if (last) yield last;
}

/** A whole WeChat bill as a Buffer (small files). */
export function generateWechatBill(options: WechatBillOptions): Buffer {
  return toBuffer(wechatBillChunks(options));
}

/** A WeChat bill as a stream (any size). */
export function streamWechatBill(options: WechatBillOptions) {
  return toStream(wechatBillChunks(options));
}
