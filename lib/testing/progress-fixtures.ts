// Registry records for tests of progress and open data, made the way the forms make them:
// parsed with the record type's rules, saved, submitted and decided through the workflow.
import { eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { revisions, sectors, type User } from "@/db/schema";
import { parseRecordValues } from "@/lib/registry/parse";
import { saveRecord, submitRecord } from "@/lib/registry/records";
import { recordSpec } from "@/lib/registry/specs";
import type { RawValues, RecordType } from "@/lib/registry/types";
import { REVISION_HANDLERS } from "@/lib/workflow/entities";
import { approveRevision, returnRevision } from "@/lib/workflow/revisions";
import { demoUser } from "./demo";

export type Stage = "draft" | "submitted" | "returned" | "approved";

export function registryFixtures(db: Db, { author = "staff", approver = "manager" }: { author?: string; approver?: string } = {}) {
  const staff: User = demoUser(db, author);
  const manager: User = demoUser(db, approver);

  /** Creates a record and takes it as far as `stage`; returns its id. */
  function make(type: RecordType, raw: RawValues, stage: Stage = "approved", by: User = staff): number {
    const parsed = parseRecordValues(type, raw, "zh-CN");
    const spec = recordSpec(type);
    return writeTransaction((tx) => {
      const saved = saveRecord(tx, spec, by, undefined, parsed);
      if (stage === "draft") return saved.id;
      const revision = submitRecord(tx, spec, by, saved.id);
      if (stage === "approved") approveRevision(tx, revision.id, manager, REVISION_HANDLERS[type]!.apply);
      if (stage === "returned") REVISION_HANDLERS[type]!.returned(tx, returnRevision(tx, revision.id, manager, "请补充材料"));
      return saved.id;
    }, db);
  }

  /** Saves a change to an existing record and takes it as far as `stage` (an approved record keeps its row until then). */
  function change(type: RecordType, id: number, raw: RawValues, stage: Exclude<Stage, "returned"> = "approved", by: User = staff): void {
    const parsed = parseRecordValues(type, raw, "zh-CN");
    const spec = recordSpec(type);
    writeTransaction((tx) => {
      saveRecord(tx, spec, by, id, parsed);
      if (stage === "draft") return;
      const revision = submitRecord(tx, spec, by, id);
      if (stage === "approved") approveRevision(tx, revision.id, manager, REVISION_HANDLERS[type]!.apply);
    }, db);
  }

  const sectorId = (code = "auto") => db.select().from(sectors).where(eq(sectors.code, code)).get()!.id;

  /** An action number not yet taken (tests share one database with other tests). */
  function freeActionNumber(): number {
    const taken = new Set(
      (db.$client.prepare("select number from actions").all() as Array<{ number: number }>).map((r) => r.number),
    );
    for (let n = 99; n >= 1; n--) if (!taken.has(n)) return n;
    throw new Error("no free action number");
  }

  const policy = (over: RawValues = {}, stage: Stage = "approved") =>
    make("policy", { title: "提振消费总体方案", docNumber: "菏政发〔2025〕1号", issuedOn: "2025-01-10", level: "city", kind: "master", effect: "in_force", ...over }, stage);

  const action = (policyId: number, over: RawValues = {}, stage: Stage = "approved") =>
    make(
      "action",
      { number: String(freeActionNumber()), titleZh: "汽车以旧换新", titleEn: "Car trade-in", policyId: String(policyId), startsOn: "2025-01-01", endsOn: "2025-12-31", ...over },
      stage,
    );

  const pkg = (actionId: number, over: RawValues = {}, stage: Stage = "approved") =>
    make(
      "package",
      { name: "新能源汽车下乡补贴", actionId: String(actionId), sectorId: String(sectorId()), offerTerms: "购车满10万元减3000元", budget: "1000", startsOn: "2025-03-01", endsOn: "2025-06-30", ...over },
      stage,
    );

  const event = (actionId: number, over: RawValues = {}, stage: Stage = "approved") =>
    make("event", { name: "龙都小镇夏日嘉年华", actionId: String(actionId), venue: "龙都小镇", startsOn: "2025-07-01", endsOn: "2025-07-03", ...over }, stage);

  const carrier = (actionId: number | null, over: RawValues = {}, stage: Stage = "approved") =>
    make(
      "carrier",
      { name: "曹县大集淘宝镇", kind: "taobaoTown", level: "national", yearRecognised: "2024", actionId: actionId === null ? "" : String(actionId), ...over },
      stage,
    );

  /** Submitted revisions still waiting (for assertions that pending changes count nothing). */
  const pendingRevisions = () => db.select().from(revisions).where(eq(revisions.status, "submitted")).all();

  return { staff, manager, make, change, policy, action, pkg, event, carrier, freeActionNumber, sectorId, pendingRevisions };
}
