import "server-only";
// The bottom of the drill-down: a batch's imports (the registry's record of each statement) and
// an import's rows, read by the import's index a page at a time — a listing, not an aggregation.
// A payer shows only as its first four characters: the statement's id, never more.
import { desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { batches, campaigns, statementImports, type StatementImport } from "@/db/schema";
import { canReadRecord, type ScopedUser } from "@/lib/auth/scope";

export const IMPORT_ROWS_PER_PAGE = 100;

export interface BatchOfImport {
  id: number;
  code: string;
  campaignId: number;
  campaignName: string;
  actionId: number;
}

/** A batch the reader may read (approved or not), with its campaign; null otherwise (a 404 for the page). */
export function readableBatch(db: Db | Tx, user: ScopedUser, batchId: number): BatchOfImport | null {
  const row = db
    .select({ id: batches.id, code: batches.code, campaignId: batches.campaignId, campaignName: campaigns.name, actionId: campaigns.actionId, departmentId: batches.departmentId, areaId: batches.areaId })
    .from(batches)
    .innerJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .where(eq(batches.id, batchId))
    .get();
  if (!row || !canReadRecord(db, user, row)) return null;
  const { departmentId: _d, areaId: _a, ...batch } = row;
  void _d;
  void _a;
  return batch;
}

export function listBatchImports(db: Db | Tx, batchId: number): StatementImport[] {
  return db.select().from(statementImports).where(eq(statementImports.batchId, batchId)).orderBy(desc(statementImports.id)).all();
}

/** An import whose batch the reader may read, with the batch; null otherwise. */
export function readableImport(db: Db | Tx, user: ScopedUser, importId: number): { statement: StatementImport; batch: BatchOfImport } | null {
  const statement = db.select().from(statementImports).where(eq(statementImports.id, importId)).get();
  if (!statement) return null;
  const batch = readableBatch(db, user, statement.batchId);
  return batch ? { statement, batch } : null;
}

export interface ImportRow {
  /** Position in the import, 1-based. */
  number: number;
  orderId: string;
  occurredAt: string;
  merchantId: number;
  merchantName: string;
  payerMasked: string | null;
  orderFen: number;
  voucherFen: number;
  /** Refunded since (any import), netted in the figures. */
  refundFen: number;
  refundVoucherFen: number;
}

/** First four characters and an ellipsis: enough to tell rows apart, not to identify anyone. */
export function maskPayer(payer: string | null): string | null {
  if (!payer) return null;
  const chars = [...payer.trim()];
  return chars.length <= 4 ? `${chars[0] ?? ""}…` : `${chars.slice(0, 4).join("")}…`;
}

/** One page of an import's rows (page 1 first), or every row when `page` is null. */
export function importRows(db: Db | Tx, importId: number, page: number | null): { rows: ImportRow[]; total: number } {
  const total = db.get<{ n: number }>(sql`select count(*) as n from redemptions where import_id = ${importId}`)?.n ?? 0;
  const limit = page === null ? -1 : IMPORT_ROWS_PER_PAGE;
  const offset = page === null ? 0 : (page - 1) * IMPORT_ROWS_PER_PAGE;
  const raw = db.all<Omit<ImportRow, "number" | "payerMasked"> & { payer: string | null }>(sql`
    select r.order_id as orderId, r.occurred_at as occurredAt, r.merchant_id as merchantId, m.name as merchantName, r.payer,
           r.order_fen as orderFen, r.voucher_fen as voucherFen,
           coalesce((select sum(f.refund_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as refundFen,
           coalesce((select sum(f.refund_voucher_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as refundVoucherFen
    from redemptions r join merchants m on m.id = r.merchant_id
    where r.import_id = ${importId}
    order by r.id
    limit ${limit} offset ${offset}`);
  return {
    total,
    rows: raw.map(({ payer, ...r }, i) => ({ ...r, number: offset + i + 1, payerMasked: maskPayer(payer) })),
  };
}
