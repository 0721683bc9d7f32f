// Damaged statements for the fuzz tests: real-shaped files of every format the import reads
// (WeChat trade bills ALL/SUCCESS, the GBK Alipay business detail, the canonical CSV in UTF-8 and
// GBK), each changed by a seeded mutator — truncated, lines duplicated or swapped, bytes flipped,
// re-encoded (GBK, UTF-8, UTF-16), a column deleted, a giant field, a 10 MB line, emptied,
// replaced by binary. The same seed gives the same mutants on every run.
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { toCsv } from "@/lib/csv/csv";
import { fenToYuanText } from "@/lib/money/fen";
import { CANONICAL_HEADER } from "@/lib/statements";
import { generateAlipayDetail, generateWechatBill, randomOrders, type StatementOrder } from "@/lib/statements/generate";
import { pick, randomInt, seededRandom, type Random } from "@/lib/statements/prng";

export type SampleFormat = "wechat" | "alipay" | "csv";

export interface StatementSample {
  name: string;
  format: SampleFormat;
  /** The batch channel the file's rows belong to. */
  channel: "wechat" | "alipay";
  encoding: "utf-8" | "gbk";
  bytes: Buffer;
}

export interface StatementMutant {
  /** "<sample>/<mutator>[+<mutator>…]", to name a failure. */
  name: string;
  sample: StatementSample;
  bytes: Buffer;
}

/** The canonical CSV of `orders` (payments, refunds, revoked) as the template lays it out. */
function canonicalCsv(orders: Iterable<StatementOrder>, channel: string): string {
  const rows: string[][] = [[...CANONICAL_HEADER]];
  const yuan = fenToYuanText;
  for (const o of orders) {
    const base = [channel, o.orderId, "", o.merchantId, o.merchantName ?? "", o.merchantOrderId ?? "", o.payer, o.time];
    rows.push([...base, o.revoked ? "revoked" : "payment", yuan(o.orderFen), yuan(o.voucherFen), "", ""]);
    if (o.refund) rows.push([channel, `${o.orderId}R`, o.orderId, o.merchantId, o.merchantName ?? "", o.merchantOrderId ?? "", o.payer, o.time, "refund", "", "", yuan(o.orderFen), yuan(o.voucherFen)]);
  }
  return toCsv(rows);
}

/**
 * One file of each format, of orders no other sample (of any `index`) holds; `start` the first
 * order's time ("2025-06-01 08:00:00" by default), `prefix` before every order id.
 */
export function statementSamples(index: number, { rows = 40, start, prefix = "FZ" }: { rows?: number; start?: string; prefix?: string } = {}): StatementSample[] {
  const orders = (kind: string) => [...randomOrders({ count: rows, seed: index * 7 + kind.length, idPrefix: `${prefix}${index}${kind}-`, refundShare: 0.1, revokedShare: 0.05, start })];
  const canonical = canonicalCsv(orders("csv8"), "wechat");
  return [
    { name: "wechat-all", format: "wechat", channel: "wechat", encoding: "utf-8", bytes: generateWechatBill({ rows: orders("all") }) },
    { name: "wechat-success", format: "wechat", channel: "wechat", encoding: "utf-8", bytes: generateWechatBill({ rows: orders("success"), billType: "SUCCESS" }) },
    { name: "alipay-gbk", format: "alipay", channel: "alipay", encoding: "gbk", bytes: generateAlipayDetail({ rows: orders("alipay").map((o) => ({ ...o, revoked: false })) }) },
    { name: "csv-utf8", format: "csv", channel: "wechat", encoding: "utf-8", bytes: Buffer.from(canonical, "utf8") },
    { name: "csv-gbk", format: "csv", channel: "wechat", encoding: "gbk", bytes: iconv.encode(canonicalCsv(orders("csvgbk"), "wechat").replace(/^\uFEFF/, ""), "gbk") },
  ];
}

const decode = (sample: StatementSample, bytes: Buffer) => (sample.encoding === "gbk" ? iconv.decode(bytes, "gbk") : bytes.toString("utf8"));
const encode = (sample: StatementSample, text: string) => (sample.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"));
/** Lines with their line breaks, so joining them gives the file back. */
const linesOf = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
/** Lines holding data: not the header (the first comma line), not Alipay's `#` lines. */
function dataLineIndexes(lines: string[]): number[] {
  const header = lines.findIndex((l) => l.includes(",") && !l.startsWith("#"));
  return lines.map((l, i) => i).filter((i) => i > header && !lines[i]!.startsWith("#") && lines[i]!.includes(","));
}

type Mutator = (random: Random, bytes: Buffer, sample: StatementSample) => Buffer;

const TEN_MB = 10 * 1024 * 1024;

/** Mutators by name; `cheap` ones run many times, the 10 MB ones a few. */
export const MUTATORS: Record<string, Mutator> = {
  truncate: (r, b) => b.subarray(0, randomInt(r, 1, Math.max(1, b.length - 1))),
  truncateAtLine: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    return encode(s, lines.slice(0, randomInt(r, 1, lines.length - 1)).join(""));
  },
  duplicateLines: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    for (let n = randomInt(r, 1, 3); n > 0; n--) {
      const i = randomInt(r, 0, lines.length - 1);
      lines.splice(i, 0, lines[i]!.endsWith("\n") ? lines[i]! : `${lines[i]}\r\n`);
    }
    return encode(s, lines.join(""));
  },
  swapLines: (r, b, s) => {
    const lines = linesOf(decode(s, b)).map((l) => (l.endsWith("\n") ? l : `${l}\r\n`));
    const i = randomInt(r, 0, lines.length - 1);
    const j = randomInt(r, 0, lines.length - 1);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return encode(s, lines.join(""));
  },
  flipBytes: (r, b) => {
    const out = Buffer.from(b);
    for (let n = randomInt(r, 1, 8); n > 0; n--) out[randomInt(r, 0, out.length - 1)]! ^= randomInt(r, 1, 255);
    return out;
  },
  swapEncoding: (r, b, s) => {
    const text = decode(s, b).replace(/^\uFEFF/, "");
    switch (pick(r, ["gbk", "utf-8", "utf-8-bom", "utf-16le", "utf-16be"] as const)) {
      case "gbk":
        return iconv.encode(text, "gbk");
      case "utf-8":
        return Buffer.from(text, "utf8");
      case "utf-8-bom":
        return Buffer.from(`\uFEFF${text}`, "utf8");
      case "utf-16le":
        return iconv.encode(text, "utf-16le", { addBOM: true });
      case "utf-16be":
        return iconv.encode(text, "utf-16be");
    }
  },
  /** One line re-encoded in the other of GBK and UTF-8: a file saved from two sources. */
  mixEncodings: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    const data = dataLineIndexes(lines);
    const at = data.length ? pick(r, data) : 0;
    const other = s.encoding === "gbk" ? "utf8" : "gbk";
    return Buffer.concat(lines.map((l, i) => (i === at ? iconv.encode(l, other) : encode(s, l))));
  },
  deleteColumn: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    const header = lines.findIndex((l) => l.includes(",") && !l.startsWith("#"));
    const k = randomInt(r, 0, Math.max(0, (lines[header] ?? "").split(",").length - 1));
    return encode(
      s,
      lines
        .map((l) => {
          if (l.startsWith("#") || !l.includes(",")) return l;
          const eol = /\r?\n$/.exec(l)?.[0] ?? "";
          const cells = l.slice(0, l.length - eol.length).split(",");
          if (cells.length > k) cells.splice(k, 1);
          return cells.join(",") + eol;
        })
        .join(""),
    );
  },
  giantField: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    const data = dataLineIndexes(lines);
    if (!data.length) return b;
    const at = pick(r, data);
    const cells = lines[at]!.split(",");
    const c = randomInt(r, 0, cells.length - 2);
    const size = randomInt(r, 256 * 1024, 2 * 1024 * 1024);
    cells[c] = pick(r, ["A", "9", "惠", '"'] as const).repeat(size);
    lines[at] = cells.join(",");
    return encode(s, lines.join(""));
  },
  /** Amounts as people type them into a spreadsheet: floats, exponents, full-width digits, signs. */
  oddAmount: (r, b, s) => {
    const text = decode(s, b);
    const amounts = [...text.matchAll(/\d+\.\d\d/g)];
    if (!amounts.length) return b;
    const m = pick(r, amounts);
    const odd = pick(r, ["1e3", "12.345", "-0.00", "１２.３０", "12,30", "NaN", "Infinity", "99999999999999999999.99", " 12.30", "+12.30", "0x10"] as const);
    return encode(s, text.slice(0, m.index) + odd + text.slice(m.index! + m[0].length));
  },
  nulBytes: (r, b) => {
    const at = randomInt(r, 0, b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.alloc(randomInt(r, 1, 16)), b.subarray(at)]);
  },
  lineEndings: (r, b, s) => encode(s, decode(s, b).replace(/\r\n/g, pick(r, ["\n", "\r", "\r\r\n"] as const))),
  empty: () => Buffer.alloc(0),
  onlyHeader: (r, b, s) => encode(s, linesOf(decode(s, b)).filter((l) => !dataLineIndexes([l, l]).length || l.startsWith("#")).slice(0, 6).join("")),
  binary: (r) => {
    const kind = pick(r, ["random", "png", "zip", "gzip"] as const);
    const noise = Buffer.from(Array.from({ length: randomInt(r, 1, 64 * 1024) }, () => randomInt(r, 0, 255)));
    if (kind === "png") return Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), noise]);
    if (kind === "zip") return Buffer.concat([Buffer.from("504b0304140000000800", "hex"), noise]);
    if (kind === "gzip") return gzipSync(noise);
    return noise;
  },
  gzipped: (r, b) => gzipSync(b),
  tenMbLine: (r, b, s) => {
    const lines = linesOf(decode(s, b));
    const at = randomInt(r, 1, lines.length);
    const line = pick(r, ["x", ",", "`", "1"] as const).repeat(TEN_MB);
    return Buffer.concat([encode(s, lines.slice(0, at).join("")), Buffer.from(line, "latin1"), encode(s, lines.slice(at).join(""))]);
  },
  tenMbFile: (r, b, s) => {
    const header = linesOf(decode(s, b)).slice(0, s.format === "alipay" ? 5 : 1).join("");
    return Buffer.concat([encode(s, header), Buffer.alloc(TEN_MB, pick(r, ["a", "9", "`"] as const))]);
  },
};

const HEAVY = new Set(["tenMbLine", "tenMbFile", "giantField"]);

/**
 * `count` mutants from `seed`: each mutator in turn over the samples of a fresh index (so every
 * kind appears), a third of them with a second cheap mutator on top; the heavy ones (10 MB, giant
 * fields) only every `heavyEvery`-th round.
 */
export function* statementMutants(seed: number, count: number, { heavyEvery = 8, samples = statementSamples }: { heavyEvery?: number; samples?: (index: number) => StatementSample[] } = {}): Generator<StatementMutant> {
  const random = seededRandom(seed);
  const names = Object.keys(MUTATORS);
  const cheap = names.filter((n) => !HEAVY.has(n));
  let made = 0;
  for (let round = 0; made < count; round++) {
    const pool = round % heavyEvery === 0 ? names : cheap;
    for (const name of pool) {
      if (made >= count) return;
      const sample = pick(random, samples(made));
      let bytes = MUTATORS[name]!(random, sample.bytes, sample);
      let label = name;
      if (random() < 1 / 3) {
        const second = pick(random, cheap);
        bytes = MUTATORS[second]!(random, bytes, sample);
        label += `+${second}`;
      }
      made++;
      yield { name: `${sample.name}/${label}#${made}`, sample, bytes };
    }
  }
}
