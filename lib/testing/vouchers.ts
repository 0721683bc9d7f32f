// An approved framework, campaign and batch for import tests, made through the workflow.
import { writeTransaction, type Db } from "@/db/client";
import { parseRecordValues } from "@/lib/registry/parse";
import { saveRecord, submitRecord } from "@/lib/registry/records";
import { recordSpec } from "@/lib/registry/specs";
import type { RawValues, RecordType } from "@/lib/registry/types";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { approveRevision } from "@/lib/workflow/revisions";
import { demoUser } from "./demo";

function approved(db: Db, type: RecordType, raw: RawValues): number {
  const staff = demoUser(db, "staff");
  const manager = demoUser(db, "manager");
  const parsed = parseRecordValues(type, raw, "zh-CN");
  return writeTransaction((tx) => {
    const saved = saveRecord(tx, recordSpec(type), staff, undefined, parsed);
    const revision = submitRecord(tx, recordSpec(type), staff, saved.id);
    approveRevision(tx, revision.id, manager, REVISION_HANDLERS[type]!.apply);
    return saved.id;
  }, db);
}

/**
 * A master policy, action 1, a catering campaign (cap 100,000 yuan) and its WeChat batch `code`;
 * under an existing approved action instead when `actionId` is given (a database seeded with the registry).
 */
export function approvedVoucherBatch(db: Db, code = "HZ-CATER-W1", channel: "wechat" | "alipay" = "wechat", actionId?: number): { campaignId: number; batchId: number } {
  const action =
    actionId ??
    approved(db, "action", {
      number: "1",
      titleZh: "消费券",
      titleEn: "Vouchers",
      policyId: String(approved(db, "policy", { title: "总体方案", docNumber: "菏政发〔2025〕1号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force" })),
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
    });
  const campaignId = approved(db, "campaign", {
    name: "餐饮消费券",
    code: `${code}-C`,
    actionId: String(action),
    cityFund: "100000",
    countyFund: "0",
    cofund: "0",
    budgetCap: "100000",
    channels: ["wechat", "alipay"],
    startsOn: "2025-05-01",
    endsOn: "2025-07-31",
  });
  const batchId = approved(db, "batch", { campaignId: String(campaignId), code, channel, faceValue: "20", threshold: "100", quantityIssued: "5000", validFrom: "2025-06-01", validTo: "2025-06-30" });
  return { campaignId, batchId };
}
