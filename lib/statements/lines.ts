// Bytes to text lines, as a stream: a statement of a million rows is never held in memory.
// The encoding is sniffed from the first bytes: a UTF-8 BOM, or a prefix that is valid UTF-8
// (a multi-byte character cut at the end of the prefix is not held against it), else GBK.
import iconv from "iconv-lite";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import type { TextEncoding } from "@/lib/text/decode";

export type ByteSource = Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The whole lines one chunk of bytes completed, in file order. */
export interface TextLines {
  /** 1-based physical line number of texts[0]; the others follow on. */
  first: number;
  texts: string[];
}

/** How many bytes the sniff looks at before deciding (less when the file is shorter). */
export const SNIFF_BYTES = 64 * 1024;
/** While everything seen is ASCII (a canonical header, ids, amounts) it reads on, up to this. */
export const ASCII_SNIFF_BYTES = 4 * 1024 * 1024;

function isAscii(chunk: Uint8Array): boolean {
  for (let i = 0; i < chunk.length; i++) if (chunk[i]! > 0x7f) return false;
  return true;
}

/** "utf-8" when the bytes start with a BOM or are valid UTF-8 (a cut character at the end allowed). */
export function sniffEncoding(prefix: Uint8Array): TextEncoding {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return "utf-8";
  try {
    // stream: true keeps an incomplete trailing sequence pending instead of failing on it.
    new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: true });
    return "utf-8";
  } catch {
    return "gbk";
  }
}

interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

function decoderFor(encoding: TextEncoding): ChunkDecoder {
  if (encoding === "gbk") {
    const gbk = iconv.getDecoder("gbk");
    return { write: (chunk) => gbk.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => gbk.end() ?? "" };
  }
  // fatal: a file that turns out not to be UTF-8 after the sniffed prefix is refused, not garbled.
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const guard = (fn: () => string) => {
    try {
      return fn();
    } catch {
      throw new AppError("INVALID", "statementEncoding");
    }
  };
  return { write: (chunk) => guard(() => utf8.decode(chunk, { stream: true })), end: () => guard(() => utf8.decode()) };
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  }
}

export interface DecodedLines {
  encoding: TextEncoding;
  /** The lines a chunk at a time (never empty), so a reader pays one await per chunk, not per line. */
  lines: AsyncGenerator<TextLines>;
}

/**
 * Sniffs the encoding, then yields the text lines (CRLF or LF; a BOM dropped) with their
 * 1-based numbers. A trailing line break adds no empty last line.
 */
export async function decodeLines(source: ByteSource, sniffBytes = SNIFF_BYTES): Promise<DecodedLines> {
  const chunks = chunksOf(source);
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  let ascii = true;
  // ASCII says nothing about UTF-8 against GBK: read on to the first byte that does.
  while (headBytes < sniffBytes || (ascii && headBytes < ASCII_SNIFF_BYTES)) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
    ascii &&= isAscii(next.value);
  }
  const prefix = Buffer.concat(head);
  const encoding = sniffEncoding(prefix);

  async function* lines(): AsyncGenerator<TextLines> {
    const decoder = decoderFor(encoding);
    let pending = "";
    let next = 1;
    let first = true;
    function split(text: string, final: boolean): TextLines | null {
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      pending += text;
      const texts: string[] = [];
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        texts.push(pending.slice(start, end));
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (final && pending.length > 0) {
        texts.push(pending.endsWith("\r") ? pending.slice(0, -1) : pending);
        pending = "";
      }
      if (texts.length === 0) return null;
      const chunk = { first: next, texts };
      next += texts.length;
      return chunk;
    }
    try {
      let chunk = split(decoder.write(prefix), false);
      if (chunk) yield chunk;
      if (!done) {
        for await (const bytes of chunks) {
          if ((chunk = split(decoder.write(bytes), false))) yield chunk;
        }
      }
      if ((chunk = split(decoder.end(), true))) yield chunk;
    } finally {
      // A reader that stops early (a refused header, a break) closes the file or upload too.
      await chunks.return(undefined);
    }
  }
  return { encoding, lines: lines() };
}
