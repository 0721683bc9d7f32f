// CSV as RFC 4180 has it, and as Excel and WPS read and write it: fields separated by commas,
// records by CRLF (LF and a lone CR are read too), a field quoted when it holds a comma, a
// quote or a line break, a quote inside a quoted field written twice. Pure: no I/O, no DB.
//
// Files we write start with a UTF-8 byte-order mark (without it Excel on Windows reads the
// file as the system's ANSI code page and the Chinese turns to mojibake), and every cell is
// made formula-safe: a spreadsheet must never run a cell someone typed into a form
// (OWASP "CSV injection"). `restoreFormula` undoes that on the way back in, so a file we
// exported imports to exactly the values it was made from.

/** One record of a CSV file and the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvSyntaxReason = "unterminatedQuote" | "textAfterQuote";

/** A file that is not CSV: a quoted field never closed, or text after a closing quote. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: CsvSyntaxReason,
  ) {
    super(`CSV syntax error on line ${line}: ${reason}`);
    this.name = "CsvSyntaxError";
  }
}

const BOM = "\uFEFF";

/**
 * Parses CSV text into records with the line each starts on. A UTF-8 BOM is dropped; empty
 * lines (nothing between two line breaks) are skipped, so a trailing newline adds no record.
 * A quote inside an unquoted field is kept as a character (as Excel reads `5"`); text after
 * a closing quote, or a quote never closed, is a CsvSyntaxError naming its line.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;

  /** Consumes one line break at i (CRLF, LF or CR); true when there was one. */
  const lineBreak = (): boolean => {
    if (text[i] === "\r") {
      i += text[i + 1] === "\n" ? 2 : 1;
      line++;
      return true;
    }
    if (text[i] === "\n") {
      i++;
      line++;
      return true;
    }
    return false;
  };

  while (i < n) {
    const start = line;
    // An empty line is no record at all.
    if (lineBreak()) continue;
    const cells: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        let value = "";
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(quoteLine, "unterminatedQuote");
          // Copy the run up to the next quote or line break in one go.
          let j = i;
          while (j < n && text[j] !== '"' && text[j] !== "\r" && text[j] !== "\n") j++;
          value += text.slice(i, j);
          i = j;
          if (i >= n) continue;
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          // A line break inside quotes is part of the value, and still a new physical line.
          const from = i;
          lineBreak();
          value += text.slice(from, i);
        }
        cells.push(value);
        if (i >= n) break;
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (lineBreak()) break;
        throw new CsvSyntaxError(line, "textAfterQuote");
      }
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\r" && text[j] !== "\n") j++;
      cells.push(text.slice(i, j));
      i = j;
      if (i >= n) break;
      if (text[i] === ",") {
        // A comma at the very end leaves one more, empty, field: the loop reads it.
        i++;
        continue;
      }
      lineBreak();
      break;
    }
    records.push({ line: start, cells });
  }
  return records;
}

/** Cells a spreadsheet would read as a formula (or that hide one behind a tab or CR). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * For export: a cell that begins with = + - @, a tab or a carriage return gets a leading
 * apostrophe, so Excel and WPS show it as text instead of evaluating it. Cells that already
 * begin with apostrophes before such a character get one more, so `restoreFormula` is an
 * exact inverse for every string.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** For import: removes the apostrophe `neutraliseFormula` added (and only that one). */
export function restoreFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Serialises rows as CSV for Excel and WPS: a UTF-8 BOM, every cell formula-neutralised,
 * quoted when needed, each record ended by CRLF. Cells the caller marks `numeric` are left as
 * they are only when they are plain numbers (-12.50, 37.5%, a change of +7.6%): a number is never a formula.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: { numeric?: (row: number, column: number) => boolean } = {}): string {
  let out = BOM;
  for (const [r, row] of rows.entries()) {
    // A number we wrote ourselves (a negative amount, a signed change) stays a number; anything else is made safe.
    const safe = (cell: string, c: number) => (options.numeric?.(r, c) && /^[-+]?\d+(\.\d+)?%?$/.test(cell) ? cell : neutraliseFormula(cell));
    // A record of one empty field would be an empty line, which reads back as no record.
    const line = row.length === 1 && row[0] === "" ? '""' : row.map((cell, c) => quote(safe(cell, c))).join(",");
    out += `${line}\r\n`;
  }
  return out;
}
