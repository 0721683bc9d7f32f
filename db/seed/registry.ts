// The demo registry: a Heze-like "1+N" framework with the Ten Actions, 327 approved packages,
// ~400 approved events and the e-commerce carriers over the nine counties/districts, plus a few
// drafts and submissions so that a manager's inbox is not empty.
//
// Every record goes the way a form sends it: raw text → parseRecordValues → saveRecord by a
// staff user of the record's department and area → submitRecord → approveRevision by a manager
// who neither drafted nor submitted it, each step with the audit row the real action writes.
// Deterministic: a seeded PRNG and fixed dates in 2025 (only the workflow's own timestamps
// are the time of seeding).
import type { Tx } from "../client";
import { sectors, type Revision, type User } from "../schema";
import { appendAudit, type AuditActor } from "../../lib/audit/log";
import { AppError } from "../../lib/errors";
import { parseRecordValues } from "../../lib/registry/parse";
import { saveRecord, submitRecord } from "../../lib/registry/records";
import { recordSpec } from "../../lib/registry/specs";
import type { RawValues, RecordType } from "../../lib/registry/types";
import { REVISION_HANDLERS } from "../../lib/workflow/entities";
import { approveRevision, returnRevision } from "../../lib/workflow/revisions";
import {
  ACTIONS,
  CARRIERS_PER_PLACE,
  DEMO_LABEL,
  EVENT_MONTH_WEIGHTS,
  EVENT_THEMES,
  EVENTS_PER_ACTION,
  LONGDU_CARNIVAL,
  MASTER_POLICY,
  MONTH_START,
  PACKAGE_WINDOWS,
  PACKAGE_TEMPLATES,
  PACKAGES_PER_ACTION,
  REPORTED_UNTIL,
  SPECIALTIES,
  SUPPORTING_POLICIES,
  actionDescription,
  day2025,
  dayOf,
  enterprise,
  prng,
  seasonOf,
  townName,
  venueOf,
  villageName,
  yuan,
  type PackageWindow,
  type Rng,
} from "./registry-data";
import { seedIndicators } from "./indicators";

/** A place records are registered for: the city or a county, with its staff and its approver. */
export interface SeedPlace {
  /** "city" or the county slug. */
  key: string;
  nameZh: string;
  staff: User;
  manager: User;
}

export interface RegistrySeedOrg {
  city: SeedPlace;
  counties: SeedPlace[];
  /** Every demo user by username. */
  users: Map<string, User>;
  /** City department ids by key ("commerce", "finance", …). */
  cityDepartments: Map<string, number>;
}

export interface RegistrySeedCounts {
  approved: Record<RecordType, number>;
  drafts: number;
  submitted: number;
  returned: number;
  pendingChanges: number;
}

const SEED = 20250823; // the day Heze's first-half figures were published
const DETAIL = "demo seed";

/** Approved packages per place: 327 in all, the city plus the nine counties/districts. */
const PACKAGES_PER_PLACE: Record<string, number> = {
  city: 39,
  mudan: 38,
  dingtao: 30,
  caoxian: 40,
  shanxian: 32,
  chengwu: 28,
  juye: 30,
  yuncheng: 34,
  juancheng: 26,
  dongming: 30,
};

/** Approved events per place (the Longdu carnival comes on top of the city's): 398 in all. */
const EVENTS_PER_PLACE: Record<string, number> = {
  city: 37,
  mudan: 48,
  dingtao: 38,
  caoxian: 50,
  shanxian: 40,
  chengwu: 34,
  juye: 36,
  yuncheng: 42,
  juancheng: 34,
  dongming: 38,
};

const actorOf = (user: User): AuditActor => ({ id: user.id, name: user.username });

/** The workflow steps as the server actions take them, each with the audit row the action writes. */
export class Desk {
  constructor(private readonly tx: Tx) {}

  save(type: RecordType, by: User, raw: RawValues, id?: number): number {
    let parsed;
    try {
      parsed = parseRecordValues(type, raw, "zh-CN");
    } catch (error) {
      // A typo in the seed data: say which record and which fields, and abort the whole seed.
      if (error instanceof AppError) {
        throw new Error(`demo seed: ${type} "${String(raw.name ?? raw.title ?? raw.titleZh)}" refused: ${JSON.stringify(error.fieldErrors)}`, { cause: error });
      }
      throw error;
    }
    const saved = saveRecord(this.tx, recordSpec(type), by, id, parsed);
    appendAudit(this.tx, { actor: actorOf(by), action: "record.save", entity: type, entityId: saved.id, before: saved.before, after: saved.after, outcome: "success", detail: DETAIL });
    return saved.id;
  }

  submit(type: RecordType, by: User, id: number): Revision {
    const revision = submitRecord(this.tx, recordSpec(type), by, id);
    appendAudit(this.tx, { actor: actorOf(by), action: "record.submit", entity: type, entityId: id, after: { revisionId: revision.id, status: revision.status }, outcome: "success", detail: DETAIL });
    return revision;
  }

  /** What the decision actions record of a revision before and after (the revision in hand is current). */
  private static snapshot(row: Revision) {
    return { status: row.status, decidedBy: row.decidedBy, entityId: row.entityId };
  }

  approve(revision: Revision, by: User): void {
    const row = approveRevision(this.tx, revision.id, by, REVISION_HANDLERS[revision.entityType]?.apply);
    appendAudit(this.tx, { actor: actorOf(by), action: "revision.approve", entity: "revision", entityId: row.id, before: Desk.snapshot(revision), after: Desk.snapshot(row), outcome: "success", detail: DETAIL });
  }

  return(revision: Revision, by: User, comment: string): void {
    const row = returnRevision(this.tx, revision.id, by, comment);
    REVISION_HANDLERS[row.entityType]?.returned(this.tx, row);
    appendAudit(this.tx, { actor: actorOf(by), action: "revision.return", entity: "revision", entityId: row.id, before: Desk.snapshot(revision), after: { ...Desk.snapshot(row), comment }, outcome: "success", detail: DETAIL });
  }

  /** Save, submit and approve: a record as the registry holds most of them. */
  register(type: RecordType, by: User, approver: User, raw: RawValues): number {
    const id = this.save(type, by, raw);
    this.approve(this.submit(type, by, id), approver);
    return id;
  }
}

/** `count` places drawn from the per-place quota, in a shuffled order. */
function spread(rng: Rng, quota: Record<string, number>, places: Map<string, SeedPlace>): SeedPlace[] {
  const out: SeedPlace[] = [];
  for (const [key, n] of Object.entries(quota)) for (let i = 0; i < n; i++) out.push(places.get(key)!);
  return rng.shuffle(out);
}

/** Names are unique within a type: a repeated one becomes its next round (第2期 / 第2场). */
function uniqueNamer(suffix: (n: number) => string) {
  const seen = new Map<string, number>();
  return (name: string) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}${suffix(n)}`;
  };
}

export function seedRegistry(tx: Tx, org: RegistrySeedOrg): RegistrySeedCounts {
  const rng = prng(SEED);
  const desk = new Desk(tx);
  const user = (username: string) => {
    const u = org.users.get(username);
    if (!u) throw new Error(`demo seed: no user ${username}`);
    return u;
  };
  const places = new Map<string, SeedPlace>([[org.city.key, org.city], ...org.counties.map((c) => [c.key, c] as const)]);
  const place = (key: string) => places.get(key)!;
  const cityManager = org.city.manager;
  const sectorId = new Map(tx.select({ id: sectors.id, code: sectors.code }).from(sectors).all().map((s) => [s.code, String(s.id)]));
  const sector = (code: string) => {
    const id = sectorId.get(code);
    if (!id) throw new Error(`demo seed: no sector ${code}`);
    return id;
  };
  const approved: Record<RecordType, number> = { policy: 0, action: 0, package: 0, event: 0, carrier: 0, campaign: 0, batch: 0, indicator: 0 };
  const register = (type: RecordType, by: User, approver: User, raw: RawValues) => {
    approved[type]++;
    return desk.register(type, by, approver, raw);
  };
  /** A place's records are approved by its manager: 曹县's own, the city's for the others. */
  const approverOf = (p: SeedPlace) => p.manager;

  // ── Policies: one master, the supporting ones hanging from it ──
  const master = register("policy", user(MASTER_POLICY.by), cityManager, MASTER_POLICY.raw);
  for (const p of SUPPORTING_POLICIES) {
    const by = user(p.by);
    const approver = p.raw.level === "county" ? approverOf(org.counties.find((c) => c.staff.id === by.id) ?? org.city) : cityManager;
    register("policy", by, approver, { ...p.raw, kind: "supporting", masterPolicyId: String(master), effect: "in_force" });
  }

  // ── The Ten Actions under the master policy; the registering staff's department leads ──
  const actionIds = new Map<number, string>();
  for (const a of ACTIONS) {
    const raw: RawValues = {
      number: String(a.number),
      titleZh: a.titleZh,
      titleEn: a.titleEn,
      policyId: String(master),
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
      description: actionDescription(a),
      participatingDepartmentIds: a.participating.map((key) => String(org.cityDepartments.get(key)!)),
    };
    a.targets.forEach(([measure, value], i) => {
      raw[`target_${i + 1}_measure`] = measure;
      raw[`target_${i + 1}_value`] = value;
    });
    actionIds.set(a.number, String(register("action", user(a.by), cityManager, raw)));
  }
  const actionId = (n: number) => actionIds.get(n)!;
  // City-level records of an action led by another department are registered by that department's staff.
  const cityStaffOf = (n: number) => user(ACTIONS.find((a) => a.number === n)!.by);
  const staffOf = (p: SeedPlace, action: number) => (p.key === org.city.key ? cityStaffOf(action) : p.staff);

  // ── 327 packages ──
  const packagePlaces = spread(rng, PACKAGES_PER_PLACE, places);
  const packageName = uniqueNamer((n) => `（第${n}期）`);
  const packageIds: Array<{ id: number; place: SeedPlace; raw: RawValues }> = [];
  let slot = 0;
  for (const [action, count] of Object.entries(PACKAGES_PER_ACTION).map(([k, v]) => [Number(k), v] as const)) {
    const templates = PACKAGE_TEMPLATES[action]!;
    for (let i = 0; i < count; i++) {
      const p = packagePlaces[slot++]!;
      const t = templates[i % templates.length]!;
      const windows = t.windows ?? (Object.keys(PACKAGE_WINDOWS) as PackageWindow[]);
      const period = PACKAGE_WINDOWS[windows[rng.weighted(windows.map((w) => PACKAGE_WINDOWS[w].weight))]!];
      const [low, high] = t.budget;
      const raw: RawValues = {
        name: packageName(t.name(p.nameZh)),
        actionId: actionId(action),
        sectorId: sector(t.sector),
        partners: t.partners(rng, p.nameZh),
        offerTerms: t.terms(rng),
        budget: yuan(Math.round(rng.int(low, high) / 1000) * 1000),
        startsOn: period.from,
        endsOn: period.to,
      };
      packageIds.push({ id: register("package", staffOf(p, action), approverOf(p), raw), place: p, raw });
    }
  }

  // ── ~400 events, two thirds in the first half; figures reported for those ended by the snapshot ──
  const eventName = uniqueNamer((n) => `（第${n}场）`);
  const eventPlaces = spread(rng, EVENTS_PER_PLACE, places);
  slot = 0;
  register("event", staffOf(org.city, 9), cityManager, {
    ...LONGDU_CARNIVAL,
    name: eventName(LONGDU_CARNIVAL.name),
    actionId: actionId(9),
    largeScale: "on",
  });
  for (const [action, { count, large }] of Object.entries(EVENTS_PER_ACTION).map(([k, v]) => [Number(k), v] as const)) {
    // The Longdu carnival is one of action 9's events and one of its large ones.
    const own = action === 9 ? count - 1 : count;
    const ownLarge = action === 9 ? large - 1 : large;
    const themes = EVENT_THEMES[action]!;
    for (let i = 0; i < own; i++) {
      const p = eventPlaces[slot++]!;
      const theme = themes[i % themes.length]!;
      const isLarge = i < ownLarge;
      const month = rng.weighted(EVENT_MONTH_WEIGHTS);
      const start = rng.int(MONTH_START[month]!, MONTH_START[month + 1]! - 1);
      const startsOn = day2025(start);
      const endsOn = day2025(start + (isLarge ? rng.int(3, 20) : rng.int(0, 3)));
      const raw: RawValues = {
        name: eventName(`${p.nameZh}${seasonOf(month)}${theme.name}`),
        actionId: actionId(action),
        venue: venueOf(rng, p.nameZh, theme.venue),
        startsOn,
        endsOn,
        largeScale: isLarge ? "on" : "",
        note: isLarge ? `大型促消费活动；${DEMO_LABEL}` : DEMO_LABEL,
      };
      if (endsOn <= REPORTED_UNTIL) {
        const days = dayOf(endsOn) - dayOf(startsOn) + 1;
        const footfall = isLarge ? rng.int(20_000, 60_000) * Math.min(days, 8) : rng.int(1_500, 12_000) * days;
        raw.footfall = String(footfall);
        // Sales per visit: a car fair sells cars; 60–260 yuan at another large fair, 30–180 yuan elsewhere.
        const perVisit = action === 2 ? rng.int(200, 700) : isLarge ? rng.int(60, 260) : rng.int(30, 180);
        raw.sales = yuan(Math.round((footfall * perVisit) / 100) * 100);
      }
      register("event", staffOf(p, action), approverOf(p), raw);
    }
  }

  // ── E-commerce carriers over the counties ──
  const carrierName = uniqueNamer((n) => `（${n}）`);
  for (const [key, n] of Object.entries(CARRIERS_PER_PLACE)) {
    const p = place(key);
    const specialty = SPECIALTIES[key]!;
    const figures = (sales: [number, number], jobs: [number, number]): RawValues =>
      rng.next() < 0.75
        ? { periodStart: "2025-01-01", periodEnd: "2025-06-30", onlineSales: yuan(rng.int(sales[0], sales[1]) * 10_000), jobs: String(rng.int(jobs[0], jobs[1])) }
        : {};
    const add = (raw: RawValues) => register("carrier", staffOf(p, 7), approverOf(p), { actionId: actionId(7), ...raw, name: carrierName(String(raw.name)) });
    const towns = Array.from({ length: Math.max(n.towns, 1) }, () => townName(rng));
    for (let i = 0; i < n.villages; i++) {
      const village = villageName(rng);
      const town = towns[i % towns.length]!;
      add({ name: `${p.nameZh}${town}${village}（淘宝村）`, kind: "taobaoVillage", level: "national", yearRecognised: String(rng.int(2016, 2024)), operator: `${village}村民委员会`, ...figures([1_000, 8_000], [150, 1_500]) });
    }
    for (let i = 0; i < n.towns; i++) {
      add({ name: `${p.nameZh}${towns[i]}（淘宝镇）`, kind: "taobaoTown", level: "national", yearRecognised: String(rng.int(2017, 2024)), operator: `${towns[i]}人民政府`, ...figures([5_000, 30_000], [1_000, 6_000]) });
    }
    for (let i = 0; i < n.bases; i++) {
      const level = key === "city" || (key === "caoxian" && i === 0) ? "provincial" : rng.pick(["city", "county"] as const);
      add({
        name: `${p.nameZh}${specialty}直播电商基地${i > 0 ? `（${["二", "三"][i - 1]}期）` : ""}`,
        kind: "livestreamBase",
        level,
        yearRecognised: String(rng.int(2021, 2025)),
        operator: enterprise(rng, p.nameZh, "电商产业园运营有限公司"),
        ...figures([10_000, 60_000], [300, 3_000]),
      });
    }
    for (let i = 0; i < n.projects; i++) {
      const national = key !== "city" && i === 0;
      add({
        name: national ? `${p.nameZh}电子商务进农村综合示范县` : `菏泽市${["省级电子商务示范基地", "跨境电商公共服务中心"][i]}`,
        kind: "demonstrationProject",
        level: national ? "national" : "provincial",
        yearRecognised: String(rng.int(2019, 2024)),
        operator: national ? `${p.nameZh}商务局` : enterprise(rng, "菏泽", "电子商务服务有限公司"),
        // Demonstration projects serve county commerce (action 8), not e-commerce targets.
        actionId: actionId(8),
      });
    }
  }

  // ── Work in progress: drafts, submissions waiting, a returned one, a pending change ──
  let drafts = 0;
  let submitted = 0;
  const draft = (type: RecordType, by: User, raw: RawValues) => {
    desk.save(type, by, raw);
    drafts++;
  };
  const waiting = (type: RecordType, by: User, raw: RawValues) => {
    desk.submit(type, by, desk.save(type, by, raw));
    submitted++;
  };

  draft("package", user("staff"), {
    name: "“惠享菏泽”年终消费券（第三批）",
    actionId: actionId(6),
    sectorId: sector("catering"),
    partners: "云闪付、微信支付；参与餐饮商户",
    offerTerms: "满200减50、满100减20，12月1日起分三轮发放",
    budget: yuan(500_000),
    startsOn: "2025-12-01",
    endsOn: "2025-12-31",
  });
  draft("event", place("mudan").staff, {
    name: "牡丹区冬季年货大集",
    actionId: actionId(8),
    venue: "牡丹区人民广场",
    startsOn: "2025-12-20",
    endsOn: "2025-12-31",
    note: `筹备中；${DEMO_LABEL}`,
  });
  draft("carrier", place("caoxian").staff, {
    name: "曹县汉服直播电商基地（三期，申报中）",
    kind: "livestreamBase",
    level: "county",
    yearRecognised: "2025",
    operator: "曹县电商产业园运营有限公司",
    actionId: actionId(7),
  });

  waiting("package", place("dingtao").staff, {
    name: "定陶区木制家具以旧换新补贴",
    actionId: actionId(1),
    sectorId: sector("other"),
    partners: "定陶区鑫源木业有限公司",
    offerTerms: "旧家具回收折价最高500元，购买新家具按售价15%补贴，单件最高2000元",
    budget: yuan(800_000),
    startsOn: "2025-10-01",
    endsOn: "2025-12-31",
  });
  waiting("event", place("juye").staff, {
    name: "巨野县金秋农民画文创市集",
    actionId: actionId(3),
    venue: "巨野县文化广场",
    startsOn: "2025-10-18",
    endsOn: "2025-10-20",
    note: DEMO_LABEL,
  });
  waiting("event", user("staff"), {
    name: "菏泽市金秋汽车博览会",
    actionId: actionId(2),
    venue: "菏泽会展中心",
    startsOn: "2025-10-24",
    endsOn: "2025-10-27",
    largeScale: "on",
    note: `大型促消费活动；${DEMO_LABEL}`,
  });
  waiting("package", place("caoxian").staff, {
    name: "曹县汉服直播带货满减季",
    actionId: actionId(7),
    sectorId: sector("apparel"),
    partners: "曹县鑫达电子商务有限公司",
    offerTerms: "直播间下单满299减50，全场包邮",
    budget: yuan(300_000),
    startsOn: "2025-10-01",
    endsOn: "2025-11-30",
  });
  waiting("event", place("caoxian").staff, {
    name: "曹县双十一电商直播节",
    actionId: actionId(7),
    venue: "曹县直播电商产业园及线上平台",
    startsOn: "2025-11-01",
    endsOn: "2025-11-11",
    note: DEMO_LABEL,
  });

  // Returned with a comment: the author sees it back in their list.
  const yuncheng = place("yuncheng");
  const returnedId = desk.save("package", yuncheng.staff, {
    name: "郓城县水浒文化夜游消费券",
    actionId: actionId(3),
    sectorId: sector("culture_tourism"),
    partners: "郓城县宏泰文旅运营有限公司",
    offerTerms: "夜游门票满100减30",
    budget: yuan(1_200_000),
    startsOn: "2025-10-01",
    endsOn: "2025-12-31",
  });
  desk.return(desk.submit("package", yuncheng.staff, returnedId), cityManager, "预算测算依据不足，请补充分月资金安排和参与商户名单后重新提交。");

  // An approved package changed afterwards: the change waits for approval, the row keeps its values.
  const changed = packageIds.find((p) => p.place.key === "shanxian")!;
  desk.save("package", changed.place.staff, { ...changed.raw, budget: yuan(Number(String(changed.raw.budget).split(".")[0]) + 200_000), endsOn: "2025-12-31" }, changed.id);
  desk.submit("package", changed.place.staff, changed.id);

  // ── Retail-sales indicators: Heze's published first-half figures and demo series ──
  approved.indicator = seedIndicators(desk, org);

  return { approved, drafts, submitted, returned: 1, pendingChanges: 1 };
}
