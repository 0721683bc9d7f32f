// Text lines gathered into Buffer chunks of a useful size, so a generated statement streams.
import { Readable } from "node:stream";
import iconv from "iconv-lite";

/** Collects lines and yields a Buffer whenever ~64 KB of text has gathered. */
export class ChunkWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly encoding: "utf-8" | "gbk",
    private readonly eol = "\r\n",
    private readonly chunkChars = 32 * 1024,
  ) {}

  /** Adds a line; returns a full chunk when one is ready. */
  line(text: string): Buffer | null {
    this.parts.push(text, this.eol);
    this.size += text.length + this.eol.length;
    return this.size >= this.chunkChars ? this.flush() : null;
  }

  flush(): Buffer | null {
    if (this.size === 0) return null;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    return this.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
  }
}

/** All chunks of a generated statement as one Buffer (for small files in tests). */
export function toBuffer(chunks: Iterable<Buffer>): Buffer {
  return Buffer.concat([...chunks]);
}

/** A generated statement as a Node stream, for files of any size. */
export function toStream(chunks: Iterable<Buffer>): Readable {
  return Readable.from(chunks, { objectMode: false });
}
