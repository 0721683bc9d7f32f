// Cells of one statement line, as the channels write them. A statement is read line by line,
// so a quoted field may hold commas and doubled quotes but never a line break (no channel
// export puts one there). Values are cleaned the way every channel needs: WeChat's leading
// backtick (which stops Excel from turning ids into numbers) and Alipay's trailing tab go.
import { parseYuanToFen } from "@/lib/money/fen";
import type { RejectionReason, StatementRejection } from "./types";

/** The cells of one line (RFC 4180 quoting within the line); null when a quote is never closed. */
export function splitLine(text: string): string[] | null {
  if (!text.includes('"')) return text.split(",");
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) return null;
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Text after the closing quote is kept, as spreadsheets do with `"a"b`.
      const comma = text.indexOf(",", i);
      cells.push(value + text.slice(i, comma === -1 ? undefined : comma));
      if (comma === -1) return cells;
      i = comma + 1;
      continue;
    }
    const comma = text.indexOf(",", i);
    if (comma === -1) {
      cells.push(text.slice(i));
      return cells;
    }
    cells.push(text.slice(i, comma));
    i = comma + 1;
  }
}

/** Strips surrounding spaces and tabs and one leading backtick: "`2025…453\t " → "2025…453". */
export function cleanCell(cell: string | undefined): string {
  if (cell === undefined) return "";
  let value = cell.trim();
  if (value.startsWith("`")) value = value.slice(1).trim();
  return value;
}

/**
 * Header cells → column index by name (cleaned; a BOM or backtick on a name is dropped;
 * ASCII parentheses read as the full-width ones Alipay writes: "订单金额(元)" = "订单金额（元）").
 */
export function indexHeader(cells: string[]): Map<string, number> {
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const name = cleanCell(cell.replace(/^\uFEFF/, "")).replace(/\(/g, "（").replace(/\)/g, "）");
    if (name && !index.has(name)) index.set(name, i);
  });
  return index;
}

const LOCAL_TIME = /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\+08:?00)?$/;

/** Calendar days already checked: a statement spans few days, and Date is the slow part. */
const checkedDays = new Map<string, boolean>();

function isCalendarDay(day: string): boolean {
  let known = checkedDays.get(day);
  if (known === undefined) {
    // Date rolls 02-30 over to March, which then prints as another day.
    const date = new Date(`${day}T00:00:00Z`);
    known = !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
    if (checkedDays.size > 10_000) checkedDays.clear();
    checkedDays.set(day, known);
  }
  return known;
}

/** The form every channel writes, checked character by character: "0" stands for a digit. */
const PLAIN_TIME = "0000-00-00 00:00:00";

function isPlainTime(text: string): boolean {
  if (text.length !== PLAIN_TIME.length) return false;
  for (let i = 0; i < PLAIN_TIME.length; i++) {
    const c = text.charCodeAt(i);
    const expected = PLAIN_TIME.charCodeAt(i);
    if (expected === 48 ? c < 48 || c > 57 : c !== expected) return false;
  }
  return true;
}

const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/** "2025-06-01 10:00:00" (also with / or T, seconds optional, "+08:00" allowed) → ISO with +08:00. */
export function parseLocalTime(text: string): string | null {
  // A million rows go through here: the usual form is read without the regular expression.
  if (isPlainTime(text)) {
    if (twoDigits(text, 11) > 23 || twoDigits(text, 14) > 59 || twoDigits(text, 17) > 59) return null;
    const day = text.slice(0, 10);
    return isCalendarDay(day) ? `${day}T${text.slice(11)}+08:00` : null;
  }
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00"] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const day = `${y}-${mo}-${d}`;
  if (!isCalendarDay(day)) return null;
  return `${day}T${h}:${mi}:${s}+08:00`;
}

/**
 * The usual amount, "128.00" (1 to 13 digits, a point, two digits), read digit by digit;
 * anything else goes through parseYuanToFen.
 */
function amountToFen(text: string): number | null {
  const point = text.length - 3;
  if (point < 1 || point > 13 || text.charCodeAt(point) !== 46) return parseYuanToFen(text);
  let fen = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === point) continue;
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return parseYuanToFen(text);
    fen = fen * 10 + digit;
  }
  return fen;
}

/** Thrown inside a row mapper and turned into a rejection by `readRow`. */
export class CellError extends Error {
  constructor(
    readonly column: string | null,
    readonly reason: RejectionReason,
    readonly value?: string,
  ) {
    super(reason);
  }
}

/** Printable ASCII other than a space: nothing cleanCell would strip. */
const isPlain = (code: number) => code > 0x20 && code < 0x7f;

/**
 * Read access to one data line's cells by header name. A line without quotes is not split:
 * only the cells asked for are cut out of it (a WeChat row has 27, a mapper reads about 12).
 */
export class Cells {
  /** Where each cell ends (its comma, or the end of the line); null when the line was split. */
  private readonly ends: number[] | null = null;

  constructor(
    private readonly index: Map<string, number>,
    private readonly text: string,
    private readonly split: string[] | null,
  ) {
    if (split) return;
    const ends: number[] = [];
    for (let comma = text.indexOf(","); comma !== -1; comma = text.indexOf(",", comma + 1)) ends.push(comma);
    ends.push(text.length);
    this.ends = ends;
  }

  /** The cells of a line; null when a quote is never closed. */
  static of(index: Map<string, number>, text: string): Cells | null {
    if (!text.includes('"')) return new Cells(index, text, null);
    const split = splitLine(text);
    return split ? new Cells(index, text, split) : null;
  }

  /** The cleaned value ("" when the column is absent or empty). */
  get(column: string): string {
    const i = this.index.get(column);
    if (i === undefined) return "";
    if (!this.ends) return cleanCell(this.split![i]);
    if (i >= this.ends.length) return "";
    const from = i === 0 ? 0 : this.ends[i - 1]! + 1;
    const end = this.ends[i]!;
    // The usual cell, "`128.00", is cut once, without trimming; anything else as cleanCell does it.
    const start = this.text.charCodeAt(from) === 96 ? from + 1 : from;
    if (start >= end) return "";
    if (isPlain(this.text.charCodeAt(start)) && isPlain(this.text.charCodeAt(end - 1))) return this.text.slice(start, end);
    return cleanCell(this.text.slice(from, end));
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  required(column: string): string {
    const value = this.get(column);
    if (!value) throw new CellError(column, "missingValue");
    return value;
  }

  optional(column: string): string | undefined {
    return this.get(column) || undefined;
  }

  /** Integer fen; an empty optional cell is 0. `signed` allows a minus sign. */
  fen(column: string, { required = false, signed = false } = {}): number {
    const value = this.get(column);
    if (!value) {
      if (required) throw new CellError(column, "missingValue");
      return 0;
    }
    const fen = amountToFen(value);
    if (fen === null || (!signed && fen < 0)) throw new CellError(column, "amountFormat", value.slice(0, 80));
    return fen;
  }

  time(column: string): string {
    const value = this.required(column);
    const iso = parseLocalTime(value);
    if (!iso) throw new CellError(column, "timeFormat", value.slice(0, 80));
    return iso;
  }
}

/**
 * A voucher is part of the order it paid for: one over the order amount is refused at its line
 * (the database's CHECK would refuse the whole import too, without saying where).
 */
export function voucherWithinOrder(orderFen: number, voucherFen: number, voucherColumn: string): void {
  if (voucherFen > orderFen) throw new CellError(voucherColumn, "voucherExceedsOrder", `${voucherFen} > ${orderFen}`);
}

/** Runs a mapper over one line's cells; a CellError becomes the line's rejection. */
export function readRow<T>(line: number, text: string, index: Map<string, number>, map: (cells: Cells) => T): T | ({ type: "rejected" } & StatementRejection) {
  const cells = Cells.of(index, text);
  if (!cells) return { type: "rejected", line, column: null, reason: "csvSyntax" };
  try {
    return map(cells);
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
    const rejection: { type: "rejected" } & StatementRejection = { type: "rejected", line, column: error.column, reason: error.reason };
    if (error.value !== undefined) rejection.value = error.value;
    return rejection;
  }
}
