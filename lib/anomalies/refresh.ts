// Running the rules over a batch and keeping their findings as flags, decisions intact.
// Called by whoever finishes a change to a batch's rows (an import, a void) and by a manager's
// "re-run checks". No "server-only": the import process and the command line call it too.
import { writeTransaction, type Db } from "@/db/client";
import { detectAnomalies, type AnomalyFinding, type AnomalySettings } from "./rules";
import { loadAnomalySettings } from "./settings";

export interface RefreshOutcome {
  batchId: number;
  /** Flags found for the first time. */
  added: number;
  /** Flags found again (their rows and figures brought up to date, their decision kept). */
  kept: number;
  /** Open flags no longer found: removed. */
  removed: number;
  /** Decided flags no longer found: kept, marked stale. */
  staled: number;
  millis: number;
}

interface ExistingFlag {
  id: number;
  rule: string;
  subject: string;
  status: string;
  excluded: number;
}

const key = (rule: string, subject: string) => `${rule}\u0000${subject}`;

/**
 * Replaces the batch's findings with what the rules find now, in one write transaction:
 * a flag found again keeps its status, note and exclusion; an open flag no longer found goes;
 * a decided one no longer found stays, marked stale, with the rows it had.
 */
export function refreshAnomalies(db: Db, batchId: number, settings?: AnomalySettings): RefreshOutcome {
  const started = performance.now();
  return writeTransaction((tx) => {
    const c = db.$client;
    const findings = detectAnomalies(db, batchId, settings ?? loadAnomalySettings(tx).settings);
    const existing = new Map(
      (c.prepare(`select id, rule, subject, status, excluded from anomaly_flags where batch_id = ?`).all(batchId) as ExistingFlag[]).map((f) => [key(f.rule, f.subject), f]),
    );
    const now = Date.now();
    const insertFlag = c.prepare(
      `insert into anomaly_flags (batch_id, rule, subject, merchant_id, detail, row_count, detected_at, checked_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    );
    const updateFlag = c.prepare(`update anomaly_flags set merchant_id = ?, detail = ?, row_count = ?, stale = 0, checked_at = ? where id = ?`);
    const clearRows = c.prepare(`delete from anomaly_flag_rows where flag_id = ?`);
    const insertRows = c.prepare(`insert into anomaly_flag_rows (flag_id, redemption_id) select ?, value from json_each(?)`);
    const outcome: RefreshOutcome = { batchId, added: 0, kept: 0, removed: 0, staled: 0, millis: 0 };
    const seen = new Set<string>();
    for (const finding of findings) {
      const k = key(finding.rule, finding.subject);
      seen.add(k);
      const rows = JSON.stringify(finding.redemptionIds);
      const flag = existing.get(k);
      if (flag) {
        updateFlag.run(finding.merchantId, JSON.stringify(finding.detail), finding.redemptionIds.length, now, flag.id);
        clearRows.run(flag.id);
        insertRows.run(flag.id, rows);
        outcome.kept++;
      } else {
        const { id } = insertFlag.get(batchId, finding.rule, finding.subject, finding.merchantId, JSON.stringify(finding.detail), finding.redemptionIds.length, now, now) as { id: number };
        insertRows.run(id, rows);
        outcome.added++;
      }
    }
    // Each flag's figures from its rows, netted as the kept totals net them.
    const figures = c.prepare(
      `update anomaly_flags set
         subsidy_fen = coalesce((select sum(r.voucher_fen - coalesce((select sum(f.refund_voucher_fen) from redemption_refunds f where f.redemption_id = r.id), 0))
                                 from anomaly_flag_rows x join redemptions r on r.id = x.redemption_id where x.flag_id = anomaly_flags.id), 0),
         gross_fen = coalesce((select sum(r.order_fen - coalesce((select sum(f.refund_fen) from redemption_refunds f where f.redemption_id = r.id), 0))
                               from anomaly_flag_rows x join redemptions r on r.id = x.redemption_id where x.flag_id = anomaly_flags.id), 0)
       where batch_id = ?`,
    );
    for (const [k, flag] of existing) {
      if (seen.has(k)) continue;
      if (flag.status === "open" && !flag.excluded) {
        c.prepare(`delete from anomaly_flags where id = ?`).run(flag.id);
        outcome.removed++;
      } else {
        // Its rows stay as they were (less any a void took), so the decision can still be read.
        c.prepare(`update anomaly_flags set stale = 1, row_count = (select count(*) from anomaly_flag_rows where flag_id = ?), checked_at = ? where id = ?`).run(flag.id, now, flag.id);
        outcome.staled++;
      }
    }
    figures.run(batchId);
    outcome.millis = Math.round(performance.now() - started);
    c.prepare(
      `insert into anomaly_checks (batch_id, checked_at, flags, millis) values (?, ?, ?, ?)
       on conflict (batch_id) do update set checked_at = excluded.checked_at, flags = excluded.flags, millis = excluded.millis`,
    ).run(batchId, now, findings.length, outcome.millis);
    return outcome;
  }, db);
}

/** Every batch that has rows, e.g. after the thresholds changed. */
export function refreshAllAnomalies(db: Db, settings?: AnomalySettings): RefreshOutcome[] {
  const ids = db.$client.prepare(`select id from batches where status = 'approved' order by id`).pluck().all() as number[];
  return ids.map((id) => refreshAnomalies(db, id, settings));
}

export type { AnomalyFinding };
