// Alipay business detail (支付宝业务明细) as Alipay exports it: GBK, CRLF, a `#` preface, ids
// with a trailing tab, refund rows with negative amounts, a `#` footer with the totals in the
// form alipay.ts reads. Revoked orders do not appear: Alipay lists no cancelled trades.
import { fenToYuanText } from "@/lib/money/fen";
import { ChunkWriter, toBuffer, toStream } from "./chunks";
import { refundOf, type StatementOrder } from "./orders";

export const ALIPAY_COLUMNS = [
  "支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "门店编号", "门店名称", "操作员", "终端号",
  "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）",
  "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）", "退款批次号/请求号", "服务费（元）", "分润（元）", "备注",
];

export interface AlipayDetailOptions {
  rows: Iterable<StatementOrder>;
  /** The Alipay account of the export (`#账号：[…]`). */
  account?: string;
  /** Period and export time as the preface and footer state them. */
  from?: string;
  to?: string;
  exportedAt?: string;
  /** Leave 门店编号 empty, so the account is the merchant. */
  withoutShops?: boolean;
  /** "gbk" as Alipay writes it; "utf-8" for a re-saved file. */
  encoding?: "gbk" | "utf-8";
}

const yuan = fenToYuanText;
/** "2025-06-01 10:00:00" → "2025年06月01日 10:00:00", as the preface writes dates. */
const chineseDate = (time: string) => time.replace(/^(\d{4})-(\d{2})-(\d{2})/, "$1年$2月$3日");

function rowValues(order: StatementOrder, options: AlipayDetailOptions): Record<string, string> {
  return {
    支付宝交易号: `${order.orderId}\t`,
    商户订单号: `${order.merchantOrderId ?? ""}\t`,
    业务类型: "交易",
    商品名称: "消费券订单",
    创建时间: order.time,
    完成时间: order.time,
    门店编号: options.withoutShops ? "" : order.merchantId,
    门店名称: options.withoutShops ? "" : (order.merchantName ?? ""),
    对方账户: order.payer,
    "订单金额（元）": yuan(order.orderFen),
    "商家实收（元）": yuan(order.orderFen - order.voucherFen),
    "券核销金额（元）": yuan(order.voucherFen),
    券名称: order.voucherFen > 0 ? `${yuan(order.voucherFen)}元消费券` : "",
    "服务费（元）": "0.00",
  };
}

export function* alipayDetailChunks(options: AlipayDetailOptions): Generator<Buffer> {
  const out = new ChunkWriter(options.encoding ?? "gbk");
  const account = options.account ?? "20880000000000000156";
  const preface = [
    "#支付宝业务明细查询",
    `#账号：[${account}]`,
    `#起始日期：[${chineseDate(options.from ?? "2025-06-01 00:00:00")}]   终止日期：[${chineseDate(options.to ?? "2025-06-30 23:59:59")}]`,
    "#----------------业务明细列表----------------",
    ALIPAY_COLUMNS.join(","),
  ];
  for (const text of preface) out.line(text);
  const sum = { payments: 0, orderFen: 0, refunds: 0, refundFen: 0 };
  let chunk: Buffer | null;
  const write = (values: Record<string, string>) => out.line(ALIPAY_COLUMNS.map((column) => values[column] ?? "").join(","));
  for (const order of options.rows) {
    if (order.revoked) continue;
    sum.payments++;
    sum.orderFen += order.orderFen;
    if ((chunk = write(rowValues(order, options)))) yield chunk;
    if (!order.refund) continue;
    const refund = refundOf(order);
    sum.refunds++;
    sum.refundFen += refund.fen;
    const values = {
      ...rowValues(order, options),
      业务类型: "退款",
      创建时间: refund.time,
      完成时间: refund.time,
      "订单金额（元）": yuan(-refund.fen),
      "商家实收（元）": yuan(-(refund.fen - refund.voucherFen)),
      "券核销金额（元）": yuan(-refund.voucherFen),
      "退款批次号/请求号": `${refund.refundId}\t`,
    };
    if ((chunk = write(values))) yield chunk;
  }
  out.line("#-----------------业务明细列表结束-----------------");
  out.line(`#交易合计：${sum.payments}笔，共${yuan(sum.orderFen)}元`);
  out.line(`#退款合计：${sum.refunds}笔，共${yuan(-sum.refundFen)}元`);
  out.line(`#导出时间：[${chineseDate(options.exportedAt ?? "2025-07-01 09:00:00")}]`);
  const last = out.flush();
  if (last) yield last;
}

/** A whole Alipay detail as a Buffer (GBK unless told otherwise). */
export function generateAlipayDetail(options: AlipayDetailOptions): Buffer {
  return toBuffer(alipayDetailChunks(options));
}

export function streamAlipayDetail(options: AlipayDetailOptions) {
  return toStream(alipayDetailChunks(options));
}
