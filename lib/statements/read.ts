// One entry point for the importer: bytes in, format and encoding detected, entries out as a
// stream (a chunk of the file's lines at a time), the statement's totals and the running row
// summary at the end.
import { AppError } from "@/lib/errors";
import type { TextEncoding } from "@/lib/text/decode";
import { alipayParser } from "./alipay";
import { canonicalParser } from "./canonical";
import { DETECT_LINES, detectFormat } from "./detect";
import { type ByteSource, decodeLines, type TextLines } from "./lines";
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
  /**
   * Rows and rejections, one per data line, in file order, as the arrays each chunk of the file
   * yields (never empty). Iterate once, to the end or to a `return()`, which releases the source.
   */
  chunks: AsyncGenerator<StatementEntry[]>;
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

/** Reads lines up to the header, detects the format and makes its parser; `rest` holds the lines read past the header. */
async function readHeader(lines: AsyncGenerator<TextLines>, options: OpenStatementOptions) {
  const head: string[] = [];
  let detected: ReturnType<typeof detectFormat> | null = null;
  let rest: TextLines | null = null;
  reading: while (head.length < DETECT_LINES) {
    const next = await lines.next();
    if (next.done) break;
    const { first, texts } = next.value;
    for (let i = 0; i < texts.length && head.length < DETECT_LINES; i++) {
      head.push(texts[i]!);
      const text = texts[i]!.trim();
      // Stop at the first line that can be a header; detection decides whether it is one.
      if (text && !text.startsWith("#")) {
        detected = detectFormat(head);
        rest = { first: first + i + 1, texts: texts.slice(i + 1) };
        break reading;
      }
    }
  }
  detected ??= detectFormat(head);
  const { format, headerIndex } = detected;
  if (options.format && options.format !== "auto" && options.format !== format) {
    throw new AppError("INVALID", "statementFormatMismatch");
  }
  const preface = head.slice(0, headerIndex);
  return { format, parser: parserFor(format, head[headerIndex]!, preface), rest };
}

/**
 * Opens a statement: reads just enough lines to find the header and detect the format, then
 * hands back a reader whose entries stream. Throws AppError "statementFormatUnknown",
 * "statementFormatMismatch", "statementColumnMissing" or "statementEncoding".
 */
export async function openStatement(source: ByteSource, options: OpenStatementOptions = {}): Promise<StatementReader> {
  const { encoding, lines } = await decodeLines(source);
  let header: Awaited<ReturnType<typeof readHeader>>;
  try {
    header = await readHeader(lines, options);
  } catch (error) {
    await lines.return(undefined);
    throw error;
  }
  const { format, parser, rest } = header;
  const summary = emptySummary();

  const parse = ({ first, texts }: TextLines): StatementEntry[] => {
    const entries: StatementEntry[] = [];
    for (let i = 0; i < texts.length; i++) {
      const entry = parser.push(first + i, texts[i]!);
      if (!entry) continue;
      if (entry.type === "row") addToSummary(summary, entry);
      entries.push(entry);
    }
    return entries;
  };
  async function* chunks(): AsyncGenerator<StatementEntry[]> {
    let entries = rest ? parse(rest) : [];
    if (entries.length > 0) yield entries;
    for await (const chunk of lines) {
      if ((entries = parse(chunk)).length > 0) yield entries;
    }
  }
  return { format, encoding, chunks: chunks(), totals: () => parser.totals(), summary: () => summary };
}
