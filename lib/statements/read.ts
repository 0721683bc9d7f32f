// One entry point for the importer: bytes in, format and encoding detected, entries out as a
// stream, the statement's totals and the running row summary at the end.
import { AppError } from "@/lib/errors";
import type { TextEncoding } from "@/lib/text/decode";
import { alipayParser } from "./alipay";
import { canonicalParser } from "./canonical";
import { DETECT_LINES, detectFormat } from "./detect";
import { type ByteSource, decodeLines, type TextLine } from "./lines";
import { addToSummary, emptySummary, type RowSummary } from "./reconcile";
import type { LineParser, StatementEntry, StatementFormat, StatementTotals } from "./types";
import { wechatParser } from "./wechat";

export interface OpenStatementOptions {
  /** A format the caller insists on; a file that detects as another is refused. Default "auto". */
  format?: StatementFormat | "auto";
}

export interface StatementReader {
  format: StatementFormat;
  encoding: TextEncoding;
  /** Rows and rejections, one per data line, in file order. Iterate once, to the end or to a `return()`, which releases the source. */
  entries: AsyncGenerator<StatementEntry>;
  /** The statement's own totals; complete once `entries` is exhausted. */
  totals(): StatementTotals | null;
  /** The rows read so far, summed as `reconcile` compares them (rejections not included). */
  summary(): RowSummary;
}

function parserFor(format: StatementFormat, header: string, preface: string[]): LineParser {
  if (format === "wechat") return wechatParser(header);
  if (format === "alipay") return alipayParser(header, preface);
  return canonicalParser(header);
}

/** Reads lines up to the header, detects the format and makes its parser. */
async function readHeader(lines: AsyncGenerator<TextLine>, options: OpenStatementOptions) {
  const head: TextLine[] = [];
  let detected: ReturnType<typeof detectFormat> | null = null;
  while (head.length < DETECT_LINES) {
    const next = await lines.next();
    if (next.done) break;
    head.push(next.value);
    const text = next.value.text.trim();
    // Stop at the first line that can be a header; detection decides whether it is one.
    if (text && !text.startsWith("#")) {
      detected = detectFormat(head.map((l) => l.text));
      break;
    }
  }
  detected ??= detectFormat(head.map((l) => l.text));
  const { format, headerIndex } = detected;
  if (options.format && options.format !== "auto" && options.format !== format) {
    throw new AppError("INVALID", "statementFormatMismatch");
  }
  const preface = head.slice(0, headerIndex).map((l) => l.text);
  return { format, parser: parserFor(format, head[headerIndex]!.text, preface) };
}

/**
 * Opens a statement: reads just enough lines to find the header and detect the format, then
 * hands back a reader whose entries stream. Throws AppError "statementFormatUnknown",
 * "statementFormatMismatch", "statementColumnMissing" or "statementEncoding".
 */
export async function openStatement(source: ByteSource, options: OpenStatementOptions = {}): Promise<StatementReader> {
  const { encoding, lines } = await decodeLines(source);
  let format: StatementFormat;
  let parser: LineParser;
  try {
    ({ format, parser } = await readHeader(lines, options));
  } catch (error) {
    await lines.return(undefined);
    throw error;
  }
  const summary = emptySummary();

  async function* entries(): AsyncGenerator<StatementEntry> {
    for await (const { line, text } of lines) {
      const entry = parser.push(line, text);
      if (!entry) continue;
      if (entry.type === "row") addToSummary(summary, entry);
      yield entry;
    }
  }
  return { format, encoding, entries: entries(), totals: () => parser.totals(), summary: () => summary };
}
