// Open data of the voucher batches: each approved batch's terms and its redemption figures from
// the kept totals (subsidy, gross spending, redemptions, gross leverage). No personal data.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { batches, campaigns, redemptionTotals } from "@/db/schema";
import { toCsv } from "@/lib/csv/csv";
import { fenToYuanText } from "@/lib/money/fen";
import { formatLeverageFloor } from "@/lib/vouchers/floor";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import type { OpenDocumentHead, OpenEndpoint } from "./response";

export interface OpenBatch {
  code: string;
  campaign_code: string;
  campaign_name: string;
  channel: string;
  valid_from: string;
  valid_to: string;
  face_value_fen: number;
  threshold_fen: number;
  subsidy_fen: number;
  subsidy_yuan: string;
  gross_fen: number;
  gross_yuan: string;
  redemptions: number;
  /** Gross leverage G/S written 1 : N; null before any redemption. */
  leverage: string | null;
  /** The floor a "spend T, F off" voucher sets by construction: "≥ 1 : T/F"; null without a threshold. */
  leverage_floor: string | null;
  /** Redemptions left out of these figures after review (anomaly flags confirmed and excluded). */
  excluded_redemptions: number;
}

export interface OpenBatchesBody extends OpenDocumentHead {
  leverageDefinition: string;
  batches: OpenBatch[];
}

export function buildOpenBatches(db: Db | Tx, { head }: { head: OpenDocumentHead }): OpenBatchesBody {
  const rows = db
    .select({
      code: batches.code,
      campaignCode: campaigns.code,
      campaignName: campaigns.name,
      channel: batches.channel,
      validFrom: batches.validFrom,
      validTo: batches.validTo,
      faceValueFen: batches.faceValueFen,
      thresholdFen: batches.thresholdFen,
      subsidyFen: sql<number>`coalesce(sum(${redemptionTotals.subsidyFen}), 0)`,
      grossFen: sql<number>`coalesce(sum(${redemptionTotals.grossFen}), 0)`,
      redemptions: sql<number>`coalesce(sum(${redemptionTotals.redemptions}), 0)`,
    })
    .from(batches)
    .innerJoin(campaigns, eq(campaigns.id, batches.campaignId))
    .leftJoin(redemptionTotals, eq(redemptionTotals.batchId, batches.id))
    .where(and(eq(batches.status, "approved"), eq(campaigns.status, "approved")))
    .groupBy(batches.id)
    .orderBy(batches.code)
    .all();
  // Counted as the kept totals count a redemption (a voucher order not wholly refunded); only excluded rows are read.
  const excluded = new Map(
    db
      .all<{ code: string; n: number }>(
        sql`select b.code, sum(r.voucher_fen > 0 and r.order_fen - coalesce((select sum(f.refund_fen) from redemption_refunds f where f.redemption_id = r.id), 0) > 0) as n
            from (select distinct redemption_id as id from anomaly_exclusions) e join redemptions r on r.id = e.id join batches b on b.id = r.batch_id
            group by b.code`,
      )
      .map((r) => [r.code, r.n]),
  );
  return {
    ...head,
    leverageDefinition: "gross: spending of orders that used a voucher divided by the voucher subsidy, refunds netted (G / S); redemptions excluded after review are left out (excluded_redemptions)",
    batches: rows.map((r) => ({
      code: r.code,
      campaign_code: r.campaignCode,
      campaign_name: r.campaignName,
      channel: r.channel,
      valid_from: r.validFrom,
      valid_to: r.validTo,
      face_value_fen: r.faceValueFen,
      threshold_fen: r.thresholdFen,
      subsidy_fen: r.subsidyFen,
      subsidy_yuan: fenToYuanText(r.subsidyFen),
      gross_fen: r.grossFen,
      gross_yuan: fenToYuanText(r.grossFen),
      redemptions: r.redemptions,
      leverage: formatLeverage(r.grossFen, r.subsidyFen),
      leverage_floor: formatLeverageFloor(r),
      excluded_redemptions: excluded.get(r.code) ?? 0,
    })),
  };
}

export const OPEN_BATCHES_CSV_COLUMNS = [
  "code",
  "campaign_code",
  "campaign_name",
  "channel",
  "valid_from",
  "valid_to",
  "face_value_fen",
  "threshold_fen",
  "subsidy_fen",
  "subsidy_yuan",
  "gross_fen",
  "gross_yuan",
  "redemptions",
  "leverage",
  "leverage_floor",
  "excluded_redemptions",
] as const;

export function openBatchesCsv(body: OpenBatchesBody): string {
  return toCsv([
    [...OPEN_BATCHES_CSV_COLUMNS],
    ...body.batches.map((b) => OPEN_BATCHES_CSV_COLUMNS.map((c) => (b[c] === null ? "" : String(b[c])))),
  ]);
}

export const openBatchesEndpoint: OpenEndpoint<OpenBatchesBody> = { name: "batches", build: buildOpenBatches, csv: openBatchesCsv };
