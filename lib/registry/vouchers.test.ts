// Campaigns and batches through the registry's one mechanism: parse, references, workflow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { batches, campaigns, sectors } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { seededTestDb } from "@/lib/testing/db";
import { demoUser } from "@/lib/testing/demo";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { approveRevision } from "@/lib/workflow/revisions";
import { parseRecordValues } from "./parse";
import { saveRecord, submitRecord } from "./records";
import { recordSpec } from "./specs";
import type { RawValues, RecordType } from "./types";

const db: Db = await seededTestDb();
const cityStaff = demoUser(db, "staff");
const manager = demoUser(db, "manager");

function save(type: RecordType, raw: RawValues, id?: number) {
  const parsed = parseRecordValues(type, raw, "zh-CN");
  return writeTransaction((tx) => saveRecord(tx, recordSpec(type), cityStaff, id, parsed), db);
}
const submit = (type: RecordType, id: number) => writeTransaction((tx) => submitRecord(tx, recordSpec(type), cityStaff, id), db);
const approve = (type: RecordType, revisionId: number) => writeTransaction((tx) => approveRevision(tx, revisionId, manager, REVISION_HANDLERS[type]!.apply), db);

/** The field errors of a refusal (parse or reference check). */
function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { $code: e.code, ...(e.fieldErrors ?? {}) };
    throw e;
  }
  assert.fail("expected a refusal");
}

const policy = save("policy", { title: "提振消费总体方案", docNumber: "菏政发〔2025〕9号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force" });
approve("policy", submit("policy", policy.id).id);
const action = save("action", { number: "7", titleZh: "汽车消费", titleEn: "Cars", policyId: String(policy.id), startsOn: "2025-01-01", endsOn: "2025-12-31" });
approve("action", submit("action", action.id).id);
const autoSector = db.select().from(sectors).where(eq(sectors.code, "auto")).get()!.id;

const campaignRaw = (over: RawValues = {}): RawValues => ({
  name: "汽车消费券",
  code: "hz2025-auto",
  actionId: String(action.id),
  cityFund: "3,000,000",
  countyFund: "1,000,000",
  cofund: "500,000",
  budgetCap: "4,500,000",
  channels: ["wechat", "alipay"],
  startsOn: "2025-03-01",
  endsOn: "2025-06-30",
  ...over,
});

const campaign = save("campaign", campaignRaw());
approve("campaign", submit("campaign", campaign.id).id);

const batchRaw = (over: RawValues = {}): RawValues => ({
  campaignId: String(campaign.id),
  code: "HZ2025-AUTO-W1",
  channel: "wechat",
  faceValue: "50",
  threshold: "200",
  quantityIssued: "10000",
  quantityClaimed: "8000",
  validFrom: "2025-03-01",
  validTo: "2025-03-31",
  eligibleSectorIds: [String(autoSector)],
  ...over,
});

test("a campaign is stored in fen with its channels and an upper-case code; approval makes it approved", () => {
  const row = db.select().from(campaigns).where(eq(campaigns.id, campaign.id)).get()!;
  assert.equal(row.status, "approved");
  assert.equal(row.code, "HZ2025-AUTO");
  assert.equal(row.cityFundFen, 300_000_000);
  assert.equal(row.budgetCapFen, 450_000_000);
  assert.deepEqual(row.channels, ["wechat", "alipay"]);
});

test("a campaign's cap cannot exceed its funds; channels are required and known", () => {
  assert.deepEqual(refusal(() => save("campaign", campaignRaw({ code: "X1", budgetCap: "4,500,000.01" }))).budgetCap, ["capOverFunds"]);
  assert.ok(refusal(() => save("campaign", campaignRaw({ code: "X2", channels: [] }))).channels);
  assert.ok(refusal(() => save("campaign", campaignRaw({ code: "X3", channels: ["paypal"] }))).channels);
  assert.ok(refusal(() => save("campaign", campaignRaw({ code: "bad code" }))).code);
});

test("campaign codes are unique (whatever the case); saving a record again keeps its own code", () => {
  const clash = refusal(() => save("campaign", campaignRaw({ name: "另一活动", code: "HZ2025-auto" })));
  assert.equal(clash.$code, "CONFLICT");
  assert.deepEqual(clash.code, ["codeTaken"]);
  const draft = save("campaign", campaignRaw({ name: "家电消费券", code: "HZ2025-HOME" }));
  save("campaign", campaignRaw({ name: "家电消费券（修订）", code: "HZ2025-HOME" }), draft.id);
  assert.equal(db.select().from(campaigns).where(eq(campaigns.id, draft.id)).get()!.name, "家电消费券（修订）");
});

test("a batch is stored in fen; no threshold is 0; it goes through the workflow", () => {
  const saved = save("batch", batchRaw());
  approve("batch", submit("batch", saved.id).id);
  const row = db.select().from(batches).where(eq(batches.id, saved.id)).get()!;
  assert.equal(row.status, "approved");
  assert.equal(row.faceValueFen, 5_000);
  assert.equal(row.thresholdFen, 20_000);
  assert.equal(row.quantityClaimed, 8_000);
  assert.deepEqual(row.eligibleSectorIds, [autoSector]);
  const plain = save("batch", batchRaw({ code: "HZ2025-AUTO-W2", threshold: "", quantityClaimed: "" }));
  const plainRow = db.select().from(batches).where(eq(batches.id, plain.id)).get()!;
  assert.equal(plainRow.thresholdFen, 0);
  assert.equal(plainRow.quantityClaimed, null);
  assert.equal(recordSpec("batch").toRaw(plainRow).threshold, "");
});

test("a threshold at or below the face value is refused on the threshold field", () => {
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "T1", threshold: "50" }))).threshold, ["thresholdNotAboveFace"]);
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "T2", threshold: "30" }))).threshold, ["thresholdNotAboveFace"]);
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "T3", faceValue: "0", threshold: "" }))).faceValue, ["faceValuePositive"]);
});

test("more claimed than issued is refused on the claimed field", () => {
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "Q1", quantityClaimed: "10001" }))).quantityClaimed, ["claimedOverIssued"]);
});

test("a batch on a channel its campaign does not run on is refused", () => {
  const r = refusal(() => save("batch", batchRaw({ code: "C1", channel: "unionpay" })));
  assert.deepEqual(r.channel, ["channelNotInCampaign"]);
});

test("a validity outside the campaign's period is refused on the date that lies outside", () => {
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "V1", validFrom: "2025-02-28" }))).validFrom, ["outsideCampaign"]);
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "V2", validTo: "2025-07-01" }))).validTo, ["outsideCampaign"]);
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "V3", validFrom: "2025-04-01", validTo: "2025-03-01" }))).validTo, ["periodOrder"]);
});

test("batch codes are unique; a batch needs an approved campaign", () => {
  assert.deepEqual(refusal(() => save("batch", batchRaw())).code, ["codeTaken"]);
  const draftCampaign = save("campaign", campaignRaw({ code: "HZ2025-DRAFT" }));
  assert.deepEqual(refusal(() => save("batch", batchRaw({ code: "D1", campaignId: String(draftCampaign.id) }))).campaignId, ["campaignNotApproved"]);
});

test("the database refuses what the forms refuse, should anything bypass them", () => {
  const base = db.select().from(batches).where(eq(batches.code, "HZ2025-AUTO-W1")).get()!;
  const rest: Partial<typeof base> = { ...base };
  delete rest.id;
  assert.throws(() => db.insert(batches).values({ ...(rest as typeof base), code: "RAW-1", thresholdFen: 5_000 }).run(), /CHECK/);
  assert.throws(() => db.insert(batches).values({ ...(rest as typeof base), code: "RAW-2", quantityClaimed: 10_001 }).run(), /CHECK/);
  assert.throws(() => db.insert(batches).values({ ...(rest as typeof base), code: "HZ2025-AUTO-W1" }).run(), /UNIQUE/);
});
