import { test } from "node:test";
import assert from "node:assert/strict";
import type { Db } from "@/db/client";
import type { ActionTarget } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { importStatement } from "@/lib/imports/pipeline";
import { generateWechatBill } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { registryFixtures } from "@/lib/testing/progress-fixtures";
import { loadFramework } from "./framework";
import {
  computeActionProgress,
  emptyTotals,
  formatTenths,
  loadActionProgress,
  loadActionTotals,
  loadApprovedActionsProgress,
  periodShare,
  targetProgress,
  tenthsOfPercent,
  todayInShanghai,
  type ActionTotals,
} from "./progress";

// ── pure ─────────────────────────────────────────────────────────────────────

test("the elapsed share counts the days fully passed before today, clamped to the period", () => {
  // 2025 has 365 days.
  assert.deepEqual(periodShare("2025-01-01", "2025-12-31", "2024-12-31"), { phase: "before", totalDays: 365, elapsedDays: 0, elapsedTenths: 0 });
  assert.deepEqual(periodShare("2025-01-01", "2025-12-31", "2025-01-01"), { phase: "during", totalDays: 365, elapsedDays: 0, elapsedTenths: 0 });
  assert.deepEqual(periodShare("2025-01-01", "2025-12-31", "2025-07-02"), { phase: "during", totalDays: 365, elapsedDays: 182, elapsedTenths: 499 });
  assert.deepEqual(periodShare("2025-01-01", "2025-12-31", "2025-12-31"), { phase: "during", totalDays: 365, elapsedDays: 364, elapsedTenths: 997 });
  assert.deepEqual(periodShare("2025-01-01", "2025-12-31", "2026-03-01"), { phase: "after", totalDays: 365, elapsedDays: 365, elapsedTenths: 1000 });
  assert.deepEqual(periodShare("2025-05-01", "2025-05-01", "2025-05-01"), { phase: "during", totalDays: 1, elapsedDays: 0, elapsedTenths: 0 });
  // Across a leap day.
  assert.equal(periodShare("2024-02-01", "2024-03-31", "2024-03-01").elapsedDays, 29);
});

test("percentages are tenths rounded half up in integers, shown with one decimal", () => {
  assert.equal(tenthsOfPercent(1, 3), 333);
  assert.equal(tenthsOfPercent(2, 3), 667);
  assert.equal(tenthsOfPercent(1, 8), 125);
  assert.equal(tenthsOfPercent(1, 2000), 1); // 0.05 % → 0.1 %
  assert.equal(tenthsOfPercent(5, 4), 1250);
  assert.equal(tenthsOfPercent(0, 7), 0);
  // Sums of fen past 2^53 / 2000 do not lose precision.
  assert.equal(tenthsOfPercent(9_000_000_000_000, 3_000_000_000_000), 3000);
  assert.equal(formatTenths(375), "37.5");
  assert.equal(formatTenths(0), "0.0");
  assert.equal(formatTenths(12_500), "1250.0");
  assert.equal(todayInShanghai(new Date("2025-06-30T16:30:00Z")), "2025-07-01");
  assert.equal(todayInShanghai(new Date("2025-06-30T15:59:59Z")), "2025-06-30");
});

const totals = (over: Partial<ActionTotals>): ActionTotals => ({ ...emptyTotals(), ...over });
const target = (measure: ActionTarget["measure"], value: number): ActionTarget => ({ measure, unit: "个", target: value });

test("a target is on track when its progress reaches the elapsed share, behind otherwise", () => {
  const mid = periodShare("2025-01-01", "2025-12-31", "2025-07-02"); // 182/365 elapsed
  // 182/365 of 365 packages is exactly 182: reaching it is on track, one fewer is behind.
  assert.equal(targetProgress(target("packages", 365), totals({ approvedPackages: 182 }), mid).status, "onTrack");
  assert.equal(targetProgress(target("packages", 365), totals({ approvedPackages: 181 }), mid).status, "behind");
  const over = targetProgress(target("events", 8), totals({ approvedEvents: 10 }), mid);
  assert.equal(over.progressPercent, 125);
  assert.equal(over.progressTenths, 1250);
  assert.equal(over.barPercent, 100, "the bar is capped, the percentage is not");
  assert.equal(over.status, "onTrack");
  const some = targetProgress(target("largeEvents", 3), totals({ approvedLargeEvents: 1 }), mid);
  assert.equal(some.progressPercent, 33.3);
  assert.equal(some.barPercent, 33.3);
  assert.equal(some.status, "behind");
});

test("before the period a target has not started; after it, it is achieved or missed", () => {
  const before = periodShare("2025-01-01", "2025-12-31", "2024-06-01");
  const after = periodShare("2025-01-01", "2025-12-31", "2026-01-01");
  assert.equal(targetProgress(target("packages", 10), totals({ approvedPackages: 12 }), before).status, "notStarted");
  assert.equal(targetProgress(target("packages", 10), totals({ approvedPackages: 10 }), after).status, "achieved");
  assert.equal(targetProgress(target("packages", 10), totals({ approvedPackages: 9 }), after).status, "missed");
});

test("without an approved voucher batch, voucher measures have no actual: null with a reason, never a made-up 0", () => {
  const mid = periodShare("2025-01-01", "2025-12-31", "2025-07-02");
  for (const measure of ["voucherSubsidyFen", "stimulatedSpendingFen", "merchants"] as const) {
    const t = targetProgress(target(measure, 100), totals({ approvedPackages: 50, eventSalesFen: 10_000 }), mid);
    assert.equal(t.actual, null, measure);
    assert.equal(t.reason, "awaitingVoucherData");
    assert.equal(t.progressPercent, null);
    assert.equal(t.progressTenths, null);
    assert.equal(t.status, "awaitingData");
  }
  assert.equal(targetProgress(target("merchants", 1), emptyTotals(), periodShare("2025-01-01", "2025-12-31", "2024-01-01")).status, "notStarted");
});

test("with an approved voucher batch, voucher measures count its subsidy, gross spending and merchants (0 is then a real 0)", () => {
  const mid = periodShare("2025-01-01", "2025-12-31", "2025-07-02");
  const withVouchers = totals({ voucherBatches: 1, voucherSubsidyFen: 40_000, stimulatedSpendingFen: 300_000, voucherMerchants: 2 });
  assert.deepEqual(
    (["voucherSubsidyFen", "stimulatedSpendingFen", "merchants"] as const).map((m) => {
      const t = targetProgress(target(m, 100_000), withVouchers, mid);
      return [t.actual, t.reason, t.progressPercent];
    }),
    [
      [40_000, null, 40],
      [300_000, null, 300],
      [2, null, 0],
    ],
  );
  const none = targetProgress(target("voucherSubsidyFen", 100), totals({ voucherBatches: 1 }), mid);
  assert.deepEqual([none.actual, none.status], [0, "behind"]);
});

test("an action is judged on the targets that have an actual", () => {
  const action = (targets: ActionTarget[]) => ({ id: 1, startsOn: "2025-01-01", endsOn: "2025-12-31", targets });
  const t = totals({ approvedPackages: 300, approvedEvents: 10 });
  const mid = "2025-07-02";
  assert.equal(computeActionProgress(action([]), t, mid).status, "noTargets");
  assert.equal(computeActionProgress(action([target("voucherSubsidyFen", 100)]), t, mid).status, "awaitingData");
  const mixed = computeActionProgress(action([target("packages", 327), target("events", 400), target("merchants", 5)]), t, mid);
  assert.equal(mixed.status, "behind");
  assert.deepEqual([mixed.judged, mixed.onTrack, mixed.awaiting], [2, 1, 1]);
  const good = computeActionProgress(action([target("packages", 327), target("merchants", 5)]), t, mid);
  assert.equal(good.status, "onTrack");
  assert.equal(computeActionProgress(action([target("packages", 300)]), t, "2026-01-05").status, "achieved");
  assert.equal(computeActionProgress(action([target("packages", 300), target("events", 11)]), t, "2026-01-05").status, "missed");
  assert.equal(computeActionProgress(action([target("packages", 1)]), t, "2024-12-31").status, "notStarted");
});

// ── database ─────────────────────────────────────────────────────────────────

const db: Db = await seededTestDb();
const f = registryFixtures(db);
const policyId = f.policy();
const actionId = f.action(policyId, {
  titleZh: "家电以旧换新",
  titleEn: "Appliance trade-in",
  target_1_measure: "packages",
  target_1_value: "4",
  target_2_measure: "largeEvents",
  target_2_value: "2",
  target_3_measure: "eventSalesFen",
  target_3_value: "1,000,000",
  target_4_measure: "eventFootfall",
  target_4_value: "10000",
  target_5_measure: "carrierSalesFen",
  target_5_value: "50000.50",
  target_6_measure: "voucherSubsidyFen",
  target_6_value: "300000",
});
const otherActionId = f.action(policyId, { titleZh: "文旅消费", titleEn: "Cultural tourism", target_1_measure: "packages", target_1_value: "10" });

// Counted: approved records linked to the action.
const approvedPackage = f.pkg(actionId, { budget: "1500.00" });
f.pkg(actionId, { name: "家电补贴第二批", budget: "2500.50" });
f.event(actionId, { largeScale: "on", sales: "300000", footfall: "4000" });
f.event(actionId, { sales: "100000.01" });
f.event(actionId, { largeScale: "on" });
f.carrier(actionId, { periodStart: "2025-01-01", periodEnd: "2025-06-30", onlineSales: "20000.25" });
// Not counted: drafts, submissions awaiting review, returned records, other actions, carriers without an action.
f.pkg(actionId, { name: "草稿政策包", budget: "999999" }, "draft");
f.pkg(actionId, { name: "待审政策包", budget: "999999" }, "submitted");
f.pkg(actionId, { name: "退回政策包", budget: "999999" }, "returned");
f.event(actionId, { name: "待审大型活动", largeScale: "on", sales: "999999", footfall: "99999" }, "submitted");
f.event(actionId, { name: "草稿活动", largeScale: "on", sales: "999999" }, "draft");
f.carrier(actionId, { name: "待审直播基地", kind: "livestreamBase", periodStart: "2025-01-01", periodEnd: "2025-06-30", onlineSales: "999999" }, "submitted");
f.carrier(null, { name: "未关联载体", periodStart: "2025-01-01", periodEnd: "2025-06-30", onlineSales: "999999" });
f.pkg(otherActionId, { name: "文旅政策包", budget: "100" });
// A pending change to an approved package: the row keeps its approved values until the change is approved.
f.change("package", approvedPackage, { name: "新能源汽车下乡补贴", actionId: String(otherActionId), sectorId: String(f.sectorId()), offerTerms: "改", budget: "999999", startsOn: "2025-03-01", endsOn: "2025-06-30" }, "submitted");

test("totals count and sum only approved records, grouped by action", () => {
  const all = loadActionTotals(db);
  assert.deepEqual(all.get(actionId), {
    approvedPackages: 2,
    packageBudgetFen: 150_000 + 250_050,
    approvedEvents: 3,
    approvedLargeEvents: 2,
    eventSalesFen: 30_000_000 + 10_000_001,
    eventsWithSales: 2,
    eventFootfall: 4000,
    eventsWithFootfall: 1,
    approvedCarriers: 1,
    carrierSalesFen: 2_000_025,
    carriersWithSales: 1,
    voucherBatches: 0,
    voucherRedemptions: 0,
    voucherSubsidyFen: 0,
    stimulatedSpendingFen: 0,
    voucherMerchants: 0,
  });
  assert.equal(all.get(otherActionId)!.approvedPackages, 1);
  assert.equal(all.get(otherActionId)!.packageBudgetFen, 10_000);
  assert.equal(f.pendingRevisions().length >= 4, true, "the pending records are there, just not counted");
  // Asking for some actions returns only those; asking for none asks nothing.
  assert.deepEqual([...loadActionTotals(db, [otherActionId]).keys()], [otherActionId]);
  assert.equal(loadActionTotals(db, []).size, 0);
});

test("totals for all actions take grouped queries, as many for two actions as for one", () => {
  const client = db.$client;
  const prepare = client.prepare;
  const statements = (ids: number[]) => {
    const seen: string[] = [];
    client.prepare = function (this: typeof client, source: string) {
      seen.push(source);
      return prepare.call(this, source);
    } as typeof client.prepare;
    try {
      loadActionTotals(db, ids);
    } finally {
      client.prepare = prepare;
    }
    return seen;
  };
  const seen = statements([actionId, otherActionId]);
  assert.equal(seen.length, statements([actionId]).length, seen.join("\n"));
  // Packages, events, carriers, and the leverage engine's sums, issues and budgets; then the actions' names.
  const aggregates = seen.filter((source) => /\bsum\(|count\(/i.test(source));
  assert.equal(aggregates.length, 6, seen.join("\n"));
  for (const source of aggregates) assert.match(source, /group by/i);
});

test("an action's progress: actuals, percentages and statuses on an injected day", () => {
  const progress = loadActionProgress(db, actionId, "2025-07-02")!;
  const byMeasure = Object.fromEntries(progress.targets.map((t) => [t.measure, t]));
  assert.deepEqual(
    progress.targets.map((t) => [t.measure, t.target, t.actual, t.progressPercent, t.status]),
    [
      ["packages", 4, 2, 50, "onTrack"],
      ["largeEvents", 2, 2, 100, "onTrack"],
      ["eventSalesFen", 100_000_000, 40_000_001, 40, "behind"],
      ["eventFootfall", 10_000, 4000, 40, "behind"],
      ["carrierSalesFen", 5_000_050, 2_000_025, 40, "behind"],
      ["voucherSubsidyFen", 30_000_000, null, null, "awaitingData"],
    ],
  );
  assert.equal(byMeasure.voucherSubsidyFen!.reason, "awaitingVoucherData");
  assert.equal(byMeasure.eventSalesFen!.money, true);
  assert.equal(progress.status, "behind");
  assert.deepEqual([progress.judged, progress.onTrack, progress.awaiting], [5, 2, 1]);
  assert.equal(loadActionProgress(db, actionId, "2024-12-01")!.status, "notStarted");
  assert.equal(loadActionProgress(db, actionId, "2026-01-01")!.status, "missed");
  assert.equal(loadActionProgress(db, 999_999, "2025-07-02"), null);
});

test("approved actions come by number with their lead department; a draft action is left out", () => {
  const draftActionId = f.action(policyId, { titleZh: "草稿行动", titleEn: "Draft action" }, "draft");
  const listed = loadApprovedActionsProgress(db, "2025-07-02");
  const ids = listed.map((r) => r.action.id);
  assert.ok(ids.includes(actionId) && ids.includes(otherActionId));
  assert.ok(!ids.includes(draftActionId));
  const numbers = listed.map((r) => r.action.number);
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
  const mine = listed.find((r) => r.action.id === actionId)!;
  assert.equal(mine.leadDepartmentZh, "菏泽市商务局");
  assert.equal(mine.progress.totals.approvedPackages, 2);
});

test("the framework: approved master, its approved supporting policies and the actions under either", () => {
  const supporting = f.policy({ title: "汽车消费配套措施", docNumber: "菏商发〔2025〕2号", kind: "supporting", masterPolicyId: String(policyId) });
  f.policy({ title: "草稿配套政策", docNumber: "菏商发〔2025〕9号", kind: "supporting", masterPolicyId: String(policyId) }, "draft");
  const draftPolicy = f.policy({ title: "未审核总体方案", docNumber: "菏政发〔2025〕9号" }, "submitted");
  const underSupporting = f.action(supporting, { titleZh: "汽车促消费", titleEn: "Car promotion" });
  const orphan = f.action(draftPolicy, { titleZh: "未审核政策下的行动", titleEn: "Action under a pending policy" });

  const framework = loadFramework(db, "2025-07-02");
  const branch = framework.branches.find((b) => b.master.id === policyId)!;
  assert.ok(branch, "the approved master policy is a branch");
  assert.ok(!framework.branches.some((b) => b.master.id === draftPolicy), "a master awaiting review is not");
  assert.deepEqual(branch.supporting.map((p) => p.id), [supporting]);
  const actionIds = branch.actions.map((a) => a.action.id);
  assert.ok(actionIds.includes(actionId) && actionIds.includes(underSupporting));
  assert.deepEqual(framework.otherActions.map((a) => a.action.id), [orphan]);
});

test("an action's voucher measures come from its approved batches' kept totals", async () => {
  const { campaignId } = approvedVoucherBatch(db, "HZ-PROG-W1");
  const voucherAction = (db.$client.prepare("select action_id as id from campaigns where id = ?").get(campaignId) as { id: number }).id;
  assert.equal(loadActionTotals(db, [voucherAction]).get(voucherAction)!.voucherBatches, 1);
  assert.equal(loadActionTotals(db, [voucherAction]).get(voucherAction)!.voucherSubsidyFen, 0);
  const order = (id: string, merchantId: string, orderFen: number, voucherFen: number) => ({ orderId: `4290${id}`, merchantId, payer: "oUpF8p", time: "2025-06-01 12:00:00", orderFen, voucherFen });
  const outcome = await importStatement(db, {
    batchCode: "HZ-PROG-W1",
    source: [generateWechatBill({ rows: [order("01", "1900000401", 12_000, 2_000), order("02", "1900000402", 30_000, 2_000), order("03", "1900000402", 9_000, 0)] })],
    fileName: "bill.csv",
    actor: SYSTEM_ACTOR,
  });
  assert.ok(outcome.ok);
  const t = loadActionTotals(db, [voucherAction]).get(voucherAction)!;
  assert.deepEqual(
    [t.voucherBatches, t.voucherRedemptions, t.voucherSubsidyFen, t.stimulatedSpendingFen, t.voucherMerchants],
    [1, 2, 4_000, 42_000, 2],
  );
  const progress = computeActionProgress(
    { id: voucherAction, startsOn: "2025-01-01", endsOn: "2025-12-31", targets: [target("voucherSubsidyFen", 8_000), target("stimulatedSpendingFen", 42_000), target("merchants", 4)] },
    t,
    "2025-07-02",
  );
  assert.deepEqual(progress.targets.map((x) => [x.measure, x.actual, x.progressPercent, x.status]), [
    ["voucherSubsidyFen", 4_000, 50, "onTrack"],
    ["stimulatedSpendingFen", 42_000, 100, "onTrack"],
    ["merchants", 2, 50, "onTrack"],
  ]);
  assert.equal(progress.awaiting, 0);
  // The first action still has no batch: its voucher target waits for data.
  assert.equal(loadActionProgress(db, actionId, "2025-07-02")!.targets.at(-1)!.reason, "awaitingVoucherData");
});
