// Text files from Chinese offices arrive as UTF-8 (with or without BOM) or as GBK: Excel and
// WPS on Chinese Windows save plain "CSV" in GBK, and Alipay exports its statements in it.

export type TextEncoding = "utf-8" | "gbk";

/** Decodes strictly as UTF-8 (a BOM dropped), else as GBK; null when the bytes are neither. */
export function decodeUtf8OrGbk(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: try GBK below
  }
  try {
    return { text: new TextDecoder("gbk", { fatal: true }).decode(bytes), encoding: "gbk" };
  } catch {
    return null;
  }
}
