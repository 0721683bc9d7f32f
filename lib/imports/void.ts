// Voiding an import: exactly its rows leave, the totals follow, the import stays on record, and
// the batch's anomaly checks are queued (a job: the rules take seconds on a large batch). The
// caller audits it (the guarded action, with what this returns) in the same transaction, and
// starts the check job's process once it committed.
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { statementImports } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import { queueAnomalyCheck } from "@/lib/anomalies/check-jobs";
import { loadAnomalySettings } from "@/lib/anomalies/settings";
import { recomputeTotalsOf } from "./totals";

export interface VoidRequest {
  importId: number;
  reason: string;
  actor: AuditActor;
  ip?: string | null;
}

export function voidImport(db: Db, request: VoidRequest) {
  return writeTransaction((tx) => {
    const row = tx.select().from(statementImports).where(eq(statementImports.id, request.importId)).get();
    if (!row) throw new AppError("NOT_FOUND", "notFound");
    if (row.status === "voided") throw new AppError("CONFLICT", "importAlreadyVoided");
    const c = db.$client;
    // A later import's refund of one of these orders would be left refunding nothing.
    const laterRefunds = c
      .prepare(`select count(*) as n from redemption_refunds f join redemptions r on r.id = f.redemption_id where r.import_id = ? and f.import_id <> ?`)
      .get(row.id, row.id) as { n: number };
    if (laterRefunds.n > 0) throw new AppError("CONFLICT", "importHasLaterRefunds");
    // The days and merchants the import's rows (and the orders its refunds refunded) fall on: only their totals change.
    const pairs = c
      .prepare(
        `select day, merchant_id as merchantId from redemptions where import_id = ?
         union select r.day, r.merchant_id from redemption_refunds f join redemptions r on r.id = f.redemption_id where f.import_id = ?`,
      )
      .all(row.id, row.id) as Array<{ day: string; merchantId: number }>;
    const removedRefunds = c.prepare(`delete from redemption_refunds where import_id = ?`).run(row.id).changes;
    const removedRedemptions = c.prepare(`delete from redemptions where import_id = ?`).run(row.id).changes;
    const totals = recomputeTotalsOf(db, row.batchId, pairs);
    // The rows leave their flags with them (on delete cascade); the checks that decide which flags
    // go and which turn stale are queued in the same transaction, so a void never goes unchecked.
    const check = queueAnomalyCheck(tx, { batchIds: [row.batchId], settings: loadAnomalySettings(tx).settings, actor: request.actor, ip: request.ip ?? null });
    tx.update(statementImports)
      .set({ status: "voided", voidedBy: request.actor.id, voidedAt: new Date(), voidReason: request.reason })
      .where(eq(statementImports.id, row.id))
      .run();
    return { batchId: row.batchId, checkJobId: check.jobId, checkQueued: check.queued, removedRedemptions, removedRefunds, before: { status: row.status, subsidyFen: row.subsidyFen, grossFen: row.grossFen }, batchTotals: totals };
  }, db);
}
