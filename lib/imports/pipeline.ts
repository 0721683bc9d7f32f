// The statement import: stream the file through lib/statements into staging tables (short
// transactions, nothing held in memory), check it whole, then move it in with one write
// transaction that also checks its refunds and keeps the totals. A refused file leaves
// nothing behind.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { batches, campaigns, statementImports } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import { findOrRegisterMerchant, linkCampaign } from "@/lib/merchants/service";
import { reconcile, type ByteSource, type StatementFormat } from "@/lib/statements";
import { KIND_CODES } from "@/lib/statements/batch";
import { parseStatement } from "./parse";
import { refundProblems, type RefundProblem } from "./refunds";
import { openStaging, type Staging } from "./staging";
import { recomputeBatchTotals } from "./totals";

export interface ImportRequest {
  batchCode: string;
  source: ByteSource;
  format?: StatementFormat | "auto";
  fileName: string;
  actor: AuditActor;
  ip?: string | null;
  /**
   * Parse in a worker thread (the default) or in this one: the same parser either way; a worker
   * costs ~250 ms to start, which tests of hundreds of small files do not spend on every one.
   */
  parseInWorker?: boolean;
}

export interface ImportProblem {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}

export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  duplicates: number;
  refunds: number;
  revoked: number;
  nonVoucher: number;
  rejected: number;
  subsidyFen: number;
  grossFen: number;
}

export type ImportOutcome =
  | { ok: true; importId: number | null; alreadyImported: boolean; overCap: boolean; counts: ImportCounts; format: StatementFormat; encoding: string }
  | { ok: false; problems: ImportProblem[]; counts: ImportCounts; reason: string };

const REVOKED = KIND_CODES.indexOf("revoked");

/** Thrown inside the write transaction when the refunds fail their check, so nothing is kept. */
class RefundsRefused extends Error {
  constructor(readonly problems: RefundProblem[]) {
    super("importRejected");
  }
}
const MAX_PROBLEMS = 500;
/**
 * The connection's page cache while it imports (negative: KiB), over SQLite's 2 MB: the move's
 * table and index pages then stay in memory until the commit instead of spilling to the WAL
 * part way (1 M rows 4.6 s → 4.3 s, peak RSS unchanged at ~255 MB). Restored afterwards.
 */
const IMPORT_CACHE_KIB = -64 * 1024;

function emptyCounts(): ImportCounts {
  return { rowsRead: 0, inserted: 0, duplicates: 0, refunds: 0, revoked: 0, nonVoucher: 0, rejected: 0, subsidyFen: 0, grossFen: 0 };
}

function loadBatch(db: Db, code: string) {
  const row = db
    .select({ batch: batches, campaign: campaigns })
    .from(batches)
    .innerJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .where(eq(batches.code, code.trim().toUpperCase()))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "importBatchUnknown");
  if (row.batch.status !== "approved") throw new AppError("CONFLICT", "importBatchNotApproved");
  return row;
}

export async function importStatement(db: Db, request: ImportRequest): Promise<ImportOutcome> {
  const { batch, campaign } = loadBatch(db, request.batchCode);
  const hash = createHash("sha256");
  const size = { bytes: 0 };
  const reader = await parseStatement(
    request.source,
    { format: request.format ?? "auto" },
    (chunk) => {
      hash.update(chunk);
      size.bytes += chunk.byteLength;
    },
    { inWorker: request.parseInWorker ?? true },
  );
  const counts = emptyCounts();
  const problems: ImportProblem[] = [];
  const note = (problem: ImportProblem) => {
    counts.rejected++;
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  let staging: Staging;
  const cacheSize = db.$client.pragma("cache_size", { simple: true });
  db.$client.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    staging = openStaging(db);
  } catch (error) {
    db.$client.pragma(`cache_size = ${cacheSize}`);
    await reader.close();
    throw error;
  }
  try {
    for await (const parsed of reader.batches) {
      counts.rowsRead += parsed.entries;
      // Rows of another channel are refused with the unreadable lines, in line order.
      const mismatched: ImportProblem[] = [];
      for (let i = 0; i < parsed.kind.length; i++) {
        const channel = parsed.channels[parsed.channel[i]!]!;
        if (channel !== batch.channel) {
          mismatched.push({ line: parsed.line[i]!, column: null, reason: "channelMismatch", value: channel });
          continue;
        }
        if (parsed.kind[i] === REVOKED) counts.revoked++;
      }
      const rejected: ImportProblem[] = parsed.rejections.map(({ line, column, reason, value }) => ({ line, column, reason, value }));
      for (const problem of mismatched.length ? [...rejected, ...mismatched].sort((a, b) => a.line - b.line) : rejected) note(problem);
      staging.add(parsed);
    }

    if (counts.rejected > 0) return { ok: false, reason: "importRejected", problems, counts };
    // The lines read must add up to what the statement says of itself.
    const reconciliation = reconcile(reader.summary(), reader.totals());
    if (reconciliation.stated && !reconciliation.agrees) {
      const off = reconciliation.checks.filter((c) => !c.agrees).map((c) => `${c.key}: ${c.stated} ≠ ${c.counted}`).join("; ");
      return { ok: false, reason: "statementTotalsDisagree", problems: [{ line: reconciliation.line ?? 0, column: null, reason: "statementTotalsDisagree", value: off }], counts };
    }

    const sha = hash.digest("hex");
    const already = db
      .select({ id: statementImports.id })
      .from(statementImports)
      .where(and(eq(statementImports.batchId, batch.id), eq(statementImports.fileSha256, sha), eq(statementImports.status, "active")))
      .get();
    if (already) {
      const staged = staging.counts();
      return { ok: true, importId: already.id, alreadyImported: true, overCap: false, counts: { ...counts, duplicates: staged.payments + staged.refunds }, format: reader.format, encoding: reader.encoding };
    }

    let committed: { importId: number; counts: ImportCounts; overCap: boolean };
    try {
      committed = writeTransaction((tx) => {
        // Merchants first seen here are registered and flagged for review, never dropped.
        staging.setMerchantIds(
          staging.merchants().map((m) => ({
            ...m,
            merchantId: findOrRegisterMerchant(tx, { channel: m.channel as never, channelMerchantId: m.id, name: m.name ?? undefined }).merchant.id,
          })),
        );
        const importRow = tx
          .insert(statementImports)
          .values({
            batchId: batch.id,
            format: reader.format,
            encoding: reader.encoding,
            fileName: request.fileName.slice(0, 200),
            fileSha256: sha,
            fileBytes: size.bytes,
            // Zero until the rows are moved; the row is then updated with the reconciled counts.
            ...emptyCounts(),
            importedBy: request.actor.id,
            importedByName: request.actor.name,
          })
          .returning({ id: statementImports.id })
          .get();
        const moved = moveStaged(db, staging, importRow.id, batch.id);
        for (const merchantId of moved.merchantIds) linkCampaign(tx, campaign.id, merchantId);
        const final: ImportCounts = { ...counts, ...moved.counts };
        const totals = recomputeBatchTotals(db, batch.id);
        const campaignSubsidy = db.$client
          .prepare(`select coalesce(sum(t.subsidy_fen), 0) as s from redemption_totals t join batches b on b.id = t.batch_id where b.campaign_id = ?`)
          .get(campaign.id) as { s: number };
        const overCap = campaignSubsidy.s > campaign.budgetCapFen;
        tx.update(statementImports)
          .set({ ...final, overCap })
          .where(eq(statementImports.id, importRow.id))
          .run();
        appendAudit(tx, {
          actor: request.actor,
          action: "statement.import",
          entity: "batch",
          entityId: batch.id,
          after: { importId: importRow.id, file: request.fileName, sha256: sha, ...final, overCap, batchSubsidyFen: totals.subsidyFen, batchGrossFen: totals.grossFen },
          outcome: "success",
          ip: request.ip ?? null,
        });
        return { importId: importRow.id, counts: final, overCap };
      }, db);
    } catch (error) {
      if (!(error instanceof RefundsRefused)) throw error;
      for (const problem of error.problems) note(problem);
      return { ok: false, reason: "importRejected", problems, counts };
    }
    return { ok: true, alreadyImported: false, format: reader.format, encoding: reader.encoding, ...committed };
  } finally {
    // Stops the parser when the import ends before the file does.
    await reader.close();
    staging.drop();
    db.$client.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * Moves staged rows in with set-based SQL; returns what each kind came to. The refunds are
 * checked between the payments and the refunds (throwing RefundsRefused).
 */
function moveStaged(db: Db, staging: Staging, importId: number, batchId: number) {
  const c = db.$client;
  const staged = staging.counts();
  // This runs in the import's write transaction, so the ids after the last one are its rows:
  // reading them as a range of the table is cheaper than through the import_id index.
  const lastId = (c.prepare(`select coalesce(max(id), 0) as id from redemptions`).get() as { id: number }).id;
  // `where true`: SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.
  c.prepare(
    `insert into redemptions (import_id, batch_id, channel, order_id, merchant_id, payer, occurred_at, day, order_fen, voucher_fen)
     select ?, ?, s.channel, s.order_id, m.id, s.payer, s.occurred_at, substr(s.occurred_at, 1, 10), s.order_fen, s.voucher_fen
     from ${staging.payments} s join ${staging.merchantIds} m on m.channel = s.channel and m.merchant_id = s.merchant_id
     where true
     on conflict (channel, order_id) do nothing`,
  ).run(importId, batchId);
  const problems = refundProblems(db, staging, batchId);
  if (problems.length > 0) throw new RefundsRefused(problems);
  const refunds = c
    .prepare(
      `insert into redemption_refunds (import_id, redemption_id, channel, refund_id, occurred_at, refund_fen, refund_voucher_fen)
       select ?, r.id, s.channel, s.refund_id, s.occurred_at, s.refund_fen, s.refund_voucher_fen
       from ${staging.refunds} s join redemptions r on r.channel = s.channel and r.order_id = s.order_id and r.batch_id = ?
       where true
       on conflict (channel, refund_id) do nothing`,
    )
    .run(importId, batchId).changes;
  // What the new orders add (one pass, no grouping: a sort of every row costs more than two passes).
  const added = c
    .prepare(
      `select count(*) as n, coalesce(sum(voucher_fen > 0), 0) as v,
              coalesce(sum(case when voucher_fen > 0 then voucher_fen else 0 end), 0) as s,
              coalesce(sum(case when voucher_fen > 0 then order_fen else 0 end), 0) as g
       from redemptions where id > ?`,
    )
    .get(lastId) as { n: number; v: number; s: number; g: number };
  // Their merchants, which the caller links to the campaign.
  const merchantIds = c.prepare(`select distinct merchant_id from redemptions where id > ?`).pluck().all(lastId) as number[];
  const refunded = c
    .prepare(
      `select coalesce(sum(case when r.voucher_fen > 0 then f.refund_voucher_fen else 0 end), 0) as s,
              coalesce(sum(case when r.voucher_fen > 0 then f.refund_fen else 0 end), 0) as g
       from redemption_refunds f join redemptions r on r.id = f.redemption_id where f.import_id = ?`,
    )
    .get(importId) as { s: number; g: number };
  const duplicates = staged.payments - added.n + (staged.refunds - refunds);
  return {
    counts: { inserted: added.v, nonVoucher: added.n - added.v, refunds, duplicates, subsidyFen: added.s - refunded.s, grossFen: added.g - refunded.g },
    merchantIds,
  };
}
