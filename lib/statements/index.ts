// lib/statements: channel statements read as streams, pure (no database, no HTTP).
export { openStatement, type OpenStatementOptions, type StatementReader } from "./read";
export { detectFormat, CANONICAL_HEADER, CANONICAL_REQUIRED, type DetectedFormat } from "./detect";
export { decodeLines, sniffEncoding, type ByteSource, type TextLines } from "./lines";
export { reconcile, addToSummary, emptySummary, type RowSummary, type Reconciliation, type TotalCheck } from "./reconcile";
export { wechatParser } from "./wechat";
export { alipayParser } from "./alipay";
export { canonicalParser, canonicalTemplate } from "./canonical";
export { REJECTION_REASONS } from "./types";
export type * from "./types";
