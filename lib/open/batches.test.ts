import { test } from "node:test";
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { importStatement } from "@/lib/imports/pipeline";
import { generateWechatBill } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { buildOpenBatches, openBatchesCsv } from "./batches";

const db = await seededTestDb();
approvedVoucherBatch(db, "HZ-OPEN-W1");
const HEAD = { updatedAt: "2025-07-01T10:00:00.000Z", licence: "CC BY 4.0" } as const;

test("open batches: terms and figures from the kept totals, leverage 1 : N, no personal data", async () => {
  const before = buildOpenBatches(db, { head: HEAD }).batches.find((b) => b.code === "HZ-OPEN-W1")!;
  assert.equal(before.leverage, null);
  assert.equal(before.subsidy_fen, 0);
  const rows = [1, 2, 3].map((n) => ({ orderId: `OPEN00${n}`, merchantId: "1900000401", payer: "oSECRETpayer", time: "2025-06-03 10:00:00", orderFen: 30_000, voucherFen: 2_000 }));
  const imported = await importStatement(db, { batchCode: "HZ-OPEN-W1", source: [generateWechatBill({ rows })], fileName: "b.csv", actor: SYSTEM_ACTOR });
  assert.ok(imported.ok);
  const batch = buildOpenBatches(db, { head: HEAD }).batches.find((b) => b.code === "HZ-OPEN-W1")!;
  assert.deepEqual(
    { subsidy_fen: batch.subsidy_fen, gross_fen: batch.gross_fen, redemptions: batch.redemptions, leverage: batch.leverage, subsidy_yuan: batch.subsidy_yuan },
    { subsidy_fen: 6_000, gross_fen: 90_000, redemptions: 3, leverage: "1 : 15", subsidy_yuan: "60.00" },
  );
  assert.deepEqual(Object.keys(batch).sort(), ["campaign_code", "campaign_name", "channel", "code", "excluded_redemptions", "face_value_fen", "gross_fen", "gross_yuan", "leverage", "leverage_floor", "redemptions", "subsidy_fen", "subsidy_yuan", "threshold_fen", "valid_from", "valid_to"]);
  const csv = openBatchesCsv(buildOpenBatches(db, { head: HEAD }));
  assert.ok(csv.startsWith("\uFEFFcode,campaign_code,"));
  assert.ok(!csv.includes("oSECRETpayer"));
});
