// Text files from Chinese offices arrive as UTF-8 (with or without BOM) or as GBK: Excel and
// WPS on Chinese Windows save plain "CSV" in GBK, and Alipay exports its statements in it.

export type TextEncoding = "utf-8" | "gbk";

/**
 * Why the first bytes of a file are not text we read, or null: UTF-16 (Excel's "Unicode text")
 * starts with its BOM and is full of NUL bytes, so it is named before the NUL bytes of a binary.
 */
export function notText(bytes: Uint8Array): "utf16" | "binary" | null {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return "utf16";
  return bytes.includes(0) ? "binary" : null;
}

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
