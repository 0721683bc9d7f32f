// Shared by the statement tests: read a whole (small) statement into memory.
import { openStatement, type OpenStatementOptions } from "./read";
import type { ByteSource } from "./lines";
import type { StatementEntry, StatementRejection, StatementRow } from "./types";

export async function readAll(source: ByteSource | Buffer | string, options?: OpenStatementOptions) {
  const bytes = typeof source === "string" ? [Buffer.from(source, "utf8")] : Buffer.isBuffer(source) ? [source] : source;
  const reader = await openStatement(bytes, options);
  const entries: StatementEntry[] = [];
  for await (const chunk of reader.chunks) entries.push(...chunk);
  const rows = entries.filter((e): e is { type: "row" } & StatementRow => e.type === "row");
  const rejections = entries.filter((e): e is { type: "rejected" } & StatementRejection => e.type === "rejected");
  return { reader, entries, rows, rejections, totals: reader.totals(), summary: reader.summary() };
}

/** Splits a buffer into chunks of `size` bytes, to put chunk edges anywhere. */
export function* chunked(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
