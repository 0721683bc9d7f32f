// An approved policy and action with targets and linked records, made through the workflow
// functions against the e2e database, for the open-data and framework specs.
import { eq } from "drizzle-orm";
import { actions } from "../../db/schema";
import { registryFixtures } from "../../lib/testing/progress-fixtures";
import { e2eDb } from "./db";

export interface ProgressFixture {
  actionId: number;
  number: number;
  titleZh: string;
  titleEn: string;
}

export function makeProgressFixture(label: string): ProgressFixture {
  const db = e2eDb();
  const f = registryFixtures(db);
  const stamp = `${label}-${Date.now()}`;
  const policyId = f.policy({ title: `提振消费总体方案（${stamp}）`, docNumber: `菏政发〔2025〕${stamp}号` });
  const titleZh = `开放数据测试行动 ${stamp}`;
  const titleEn = `Open data test action ${stamp}`;
  const actionId = f.action(policyId, {
    titleZh,
    titleEn,
    startsOn: "2025-01-01",
    endsOn: "2099-12-31",
    target_1_measure: "packages",
    target_1_value: "2",
    target_2_measure: "eventSalesFen",
    target_2_value: "1500",
    target_3_measure: "merchants",
    target_3_value: "50",
  });
  f.pkg(actionId, { name: `已审核政策包 ${stamp}` });
  f.pkg(actionId, { name: `草稿政策包 ${stamp}` }, "draft");
  // Returned rather than submitted: a pending submission would sit in the manager's inbox, which
  // e2e/inbox.spec.ts expects empty.
  f.pkg(actionId, { name: `退回政策包 ${stamp}` }, "returned");
  f.event(actionId, { name: `大型活动 ${stamp}`, largeScale: "on", sales: "300" });
  f.carrier(actionId, { name: `电商载体 ${stamp}` });
  const number = db.select({ number: actions.number }).from(actions).where(eq(actions.id, actionId)).get()!.number;
  return { actionId, number, titleZh, titleEn };
}
