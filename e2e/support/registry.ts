// Registry fixtures for e2e: a framework (a master policy and an action, approved) to hang
// packages, events and carriers on. The e2e database has no registry data of its own; these
// go through the same validation and workflow as the forms, against the e2e database.
import { and, asc, eq, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { actions, policies, revisions, type User } from "../../db/schema";
import { parseRecordValues } from "../../lib/registry/parse";
import { saveRecord, submitRecord } from "../../lib/registry/records";
import { recordSpec } from "../../lib/registry/specs";
import type { RawValues, RecordType } from "../../lib/registry/types";
import { findUserByUsername } from "../../lib/users/service";
import { REVISION_HANDLERS } from "../../lib/workflow/entities";
import { approveRevision } from "../../lib/workflow/revisions";
import { e2eDb } from "./db";

function demo(username: string): User {
  const user = findUserByUsername(e2eDb(), username);
  if (!user) throw new Error(`demo user ${username} missing`);
  return user;
}

/** Drafts, submits (as `by`) and approves (as the city manager) one record; returns its id. */
function approvedRecord(type: RecordType, raw: RawValues, by = demo("staff")): number {
  const db = e2eDb();
  const spec = recordSpec(type);
  const parsed = parseRecordValues(type, raw, "zh-CN");
  return writeTransaction((tx) => {
    const saved = saveRecord(tx, spec, by, undefined, parsed);
    const revision = submitRecord(tx, spec, by, saved.id);
    approveRevision(tx, revision.id, demo("manager"), REVISION_HANDLERS[type]!.apply);
    return saved.id;
  }, db);
}

/** The number of an approved action, made (with its master policy) when there is none yet. */
export function ensureApprovedAction(): number {
  const db = e2eDb();
  const existing = db.select({ number: actions.number }).from(actions).where(eq(actions.status, "approved")).orderBy(asc(actions.number)).limit(1).get();
  if (existing) return existing.number;
  const master = db.select({ id: policies.id }).from(policies).where(and(eq(policies.kind, "master"), eq(policies.status, "approved"))).limit(1).get();
  const policyId =
    master?.id ??
    approvedRecord("policy", { title: "e2e 提振消费总体方案", docNumber: "e2e〔2025〕1号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force" });
  const next = (db.select({ n: sql<number>`coalesce(max(${actions.number}), 0) + 1` }).from(actions).get()?.n ?? 1) as number;
  approvedRecord("action", {
    number: String(next),
    titleZh: "e2e 汽车以旧换新",
    titleEn: "e2e car trade-in",
    policyId: String(policyId),
    startsOn: "2025-01-01",
    endsOn: "2025-12-31",
  });
  return next;
}

/** Registry rows of a table whose name starts with `prefix` (what a test created). */
export function countByNamePrefix(table: "packages" | "events" | "carriers", prefix: string): number {
  const row = e2eDb().$client.prepare(`select count(*) as n from ${table} where name like ? escape '\\'`).get(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as { n: number };
  return row.n;
}

/** Revisions still waiting for review of records whose title starts with `prefix`. */
export function submittedByTitlePrefix(prefix: string): number {
  return e2eDb().select({ n: sql<number>`count(*)` }).from(revisions).where(and(eq(revisions.status, "submitted"), sql`${revisions.title} like ${`${prefix}%`}`)).get()?.n ?? 0;
}

/** An approved campaign (city funds = cap, WeChat Pay) under an approved action, and its approved batch, made through the workflow. */
export function approvedCampaignWithBatch(opts: { name: string; code: string; capYuan: string; batchCode: string; faceValue: string }): { campaignId: number; batchId: number } {
  const number = ensureApprovedAction();
  const actionId = e2eDb().select({ id: actions.id }).from(actions).where(eq(actions.number, number)).get()!.id;
  const campaignId = approvedRecord("campaign", {
    name: opts.name,
    code: opts.code,
    actionId: String(actionId),
    cityFund: opts.capYuan,
    countyFund: "0",
    cofund: "0",
    budgetCap: opts.capYuan,
    channels: ["wechat"],
    // 2026: the tests' own redemptions stay out of the demo's 2025 figures that other specs read.
    startsOn: "2026-05-01",
    endsOn: "2026-07-31",
  });
  const batchId = approvedRecord("batch", {
    campaignId: String(campaignId),
    code: opts.batchCode,
    channel: "wechat",
    faceValue: opts.faceValue,
    threshold: "",
    quantityIssued: "100",
    validFrom: "2026-06-01",
    validTo: "2026-06-30",
  });
  return { campaignId, batchId };
}
