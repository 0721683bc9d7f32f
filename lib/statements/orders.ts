// Orders as the generators take them: one voucher (or plain) payment each, maybe refunded or
// revoked. `randomOrders` makes any number of them, deterministically, one at a time.
import { randomInt, seededRandom, pick } from "./prng";

export interface StatementOrder {
  /** The channel's trade id (微信订单号 / 支付宝交易号). */
  orderId: string;
  merchantId: string;
  merchantName?: string;
  merchantOrderId?: string;
  payer: string;
  /** Beijing time as the channels write it: "2025-06-01 10:00:00". */
  time: string;
  orderFen: number;
  /** 0 for a sale without a voucher. */
  voucherFen: number;
  /** A refund of the order; amounts default to the whole order (a full refund). */
  refund?: { refundId?: string; time?: string; fen?: number; voucherFen?: number };
  /** WeChat only: the payment was revoked (撤销) and counts nothing. */
  revoked?: boolean;
}

/** The refund of an order with its defaults filled in. */
export function refundOf(order: StatementOrder) {
  const refund = order.refund!;
  return {
    refundId: refund.refundId ?? `${order.orderId}R`,
    time: refund.time ?? order.time,
    fen: refund.fen ?? order.orderFen,
    voucherFen: refund.voucherFen ?? order.voucherFen,
  };
}

/** "2025-06-01 10:00:00" ↔ milliseconds, read as if UTC: only differences matter here. */
function localMs(time: string): number {
  return Date.parse(`${time.replace(" ", "T")}Z`);
}
function localTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export interface RandomOrdersOptions {
  count: number;
  seed?: number;
  /** Time of the first order (Beijing), "2025-06-01 08:00:00" by default. */
  start?: string;
  /** Average seconds between orders (default 3). */
  spacingSeconds?: number;
  /** Merchant ids to spread orders over (default 50 made-up ones). */
  merchants?: readonly string[];
  /** Shares of orders with a voucher, refunded, revoked (defaults 0.8, 0.02, 0.01). */
  voucherShare?: number;
  refundShare?: number;
  revokedShare?: number;
  /** Prefix of the generated order ids, so several files can hold distinct orders. */
  idPrefix?: string;
}

const FACE_VALUES = [500, 1000, 2000, 5000, 10000, 20000];

/** Deterministic orders, generated lazily: a million of them never sit in memory at once. */
export function* randomOrders(options: RandomOrdersOptions): Generator<StatementOrder> {
  const random = seededRandom(options.seed ?? 1);
  const merchants = options.merchants ?? Array.from({ length: 50 }, (_, i) => `1900${String(100000 + i)}`);
  const spacing = options.spacingSeconds ?? 3;
  const prefix = options.idPrefix ?? "4200002025";
  let ms = localMs(options.start ?? "2025-06-01 08:00:00");
  for (let i = 0; i < options.count; i++) {
    ms += randomInt(random, 1, spacing * 2 - 1) * 1000;
    const withVoucher = random() < (options.voucherShare ?? 0.8);
    const voucherFen = withVoucher ? pick(random, FACE_VALUES) : 0;
    // Orders meet the voucher's threshold: at least twice its face value.
    const orderFen = Math.max(voucherFen * 2, randomInt(random, 1000, 300000));
    const merchantId = pick(random, merchants);
    const order: StatementOrder = {
      orderId: `${prefix}${String(i).padStart(10, "0")}`,
      merchantId,
      merchantName: `商户${merchantId.slice(-4)}`,
      merchantOrderId: `M${String(i).padStart(12, "0")}`,
      payer: `oUpF8${randomInt(random, 10_000_000, 99_999_999)}`,
      time: localTime(ms),
      orderFen,
      voucherFen,
    };
    const roll = random();
    if (roll < (options.refundShare ?? 0.02)) order.refund = {};
    else if (roll < (options.refundShare ?? 0.02) + (options.revokedShare ?? 0.01)) order.revoked = true;
    yield order;
  }
}
