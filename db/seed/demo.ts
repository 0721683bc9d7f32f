// The demo data of a Heze-like city. It goes through the same schemas and services as the
// admin forms (validation, uniqueness, audit), as the system actor; the registry (./registry.ts)
// then goes through the record forms' path as the demo staff and managers.
import { count } from "drizzle-orm";
import type { z } from "zod";
import { users, type User } from "../schema";
import { writeTransaction, type Db, type Tx } from "../client";
import { appendAudit, SYSTEM_ACTOR } from "../../lib/audit/log";
import { hashPassword } from "../../lib/auth/password";
import { areaSchema, departmentSchema } from "../../lib/org/schema";
import { createArea, createDepartment } from "../../lib/org/service";
import { createUserSchema } from "../../lib/users/schema";
import { createUser, withoutSecret } from "../../lib/users/service";
import { seedRegistry, type RegistrySeedCounts, type SeedPlace } from "./registry";
import { seedVoucherProgramme, type VoucherSeedCounts } from "./vouchers";
import { refreshAllAnomalies } from "../../lib/anomalies/refresh";

export const DEMO_PASSWORD = "Huimin-demo-2026";

const CITY = { code: "371700", nameZh: "菏泽市", nameEn: "Heze City" };

const COUNTIES = [
  { code: "371702", nameZh: "牡丹区", nameEn: "Mudan District", slug: "mudan" },
  { code: "371703", nameZh: "定陶区", nameEn: "Dingtao District", slug: "dingtao" },
  { code: "371721", nameZh: "曹县", nameEn: "Cao County", slug: "caoxian" },
  { code: "371722", nameZh: "单县", nameEn: "Shan County", slug: "shanxian" },
  { code: "371723", nameZh: "成武县", nameEn: "Chengwu County", slug: "chengwu" },
  { code: "371724", nameZh: "巨野县", nameEn: "Juye County", slug: "juye" },
  { code: "371725", nameZh: "郓城县", nameEn: "Yuncheng County", slug: "yuncheng" },
  { code: "371726", nameZh: "鄄城县", nameEn: "Juancheng County", slug: "juancheng" },
  { code: "371728", nameZh: "东明县", nameEn: "Dongming County", slug: "dongming" },
];

const ZONES = [
  { nameZh: "菏泽经济技术开发区", nameEn: "Heze Economic and Technological Development Zone" },
  { nameZh: "菏泽高新技术产业开发区", nameEn: "Heze High-tech Industrial Development Zone" },
];

const CITY_DEPARTMENTS = [
  { nameZh: "菏泽市商务局", nameEn: "Heze Municipal Bureau of Commerce", key: "commerce" },
  { nameZh: "菏泽市财政局", nameEn: "Heze Municipal Bureau of Finance", key: "finance" },
  { nameZh: "菏泽市文化和旅游局", nameEn: "Heze Municipal Bureau of Culture and Tourism", key: "tourism" },
  { nameZh: "菏泽市民政局", nameEn: "Heze Municipal Bureau of Civil Affairs", key: "civil" },
  { nameZh: "菏泽市市场监督管理局", nameEn: "Heze Municipal Administration for Market Regulation", key: "market" },
  { nameZh: "菏泽市发展和改革委员会", nameEn: "Heze Municipal Development and Reform Commission", key: "ndrc" },
];

/** The demo logins printed at start: one per role, plus county accounts to show scope. */
export const DEMO_USERS = [
  { username: "admin", displayName: "系统管理员", role: "admin", department: "city:commerce" },
  { username: "manager", displayName: "王审核（市商务局）", role: "manager", department: "city:commerce" },
  { username: "staff", displayName: "李经办（市商务局）", role: "staff", department: "city:commerce" },
  { username: "auditor", displayName: "赵审计（市财政局）", role: "auditor", department: "city:finance" },
  { username: "caoxian.manager", displayName: "陈审核（曹县商务局）", role: "manager", department: "county:caoxian" },
  { username: "caoxian.staff", displayName: "刘经办（曹县商务局）", role: "staff", department: "county:caoxian" },
  { username: "mudan.staff", displayName: "孙经办（牡丹区商务局）", role: "staff", department: "county:mudan" },
] as const;

/**
 * The other staff accounts, printed on one line: one per county/district bureau that has none
 * above, and the staff of the two city departments that lead an action (文旅, 养老).
 */
const COUNTY_STAFF_SURNAMES = ["周", "吴", "郑", "冯", "褚", "卫", "蒋", "沈", "韩"];
export const MORE_DEMO_USERS = [
  ...COUNTIES.filter((c) => !DEMO_USERS.some((u) => u.username === `${c.slug}.staff`)).map((c, i) => ({
    username: `${c.slug}.staff`,
    displayName: `${COUNTY_STAFF_SURNAMES[i]}经办（${c.nameZh}商务局）`,
    role: "staff" as const,
    department: `county:${c.slug}`,
  })),
  { username: "tourism.staff", displayName: "钱经办（市文化和旅游局）", role: "staff" as const, department: "city:tourism" },
  { username: "civil.staff", displayName: "何经办（市民政局）", role: "staff" as const, department: "city:civil" },
];

function seeded<T>(tx: Tx, entity: string, row: T & { id: number }): T {
  appendAudit(tx, { actor: SYSTEM_ACTOR, action: `${entity}.create`, entity, entityId: row.id, after: row, outcome: "success", detail: "demo seed" });
  return row;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  return schema.parse(input);
}

export function isEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

export interface DemoCounts {
  users: number;
  areas: number;
  departments: number;
  /** Null when seeded without the registry (unit tests' fixture). */
  registry: RegistrySeedCounts | null;
  /** Null when seeded without the voucher programme. */
  vouchers: VoucherSeedCounts | null;
}

/**
 * Seeds an empty database: the organisation and the registry in one write transaction (nothing
 * is written if any value is refused), then the voucher programme through the statement import.
 * `registry: false` leaves the policy registry empty (the unit tests' fixture); `vouchers: false`
 * leaves out the voucher programme (it needs the registry's voucher action).
 */
export async function seedDemo(db: Db, { registry = true, vouchers = registry }: { registry?: boolean; vouchers?: boolean } = {}): Promise<DemoCounts> {
  const counts = await seedOrganisation(db, registry);
  const programme = vouchers ? await seedVoucherProgramme(db) : null;
  // The anomaly checks, as after every import (here once per batch, after all its statements).
  if (programme) refreshAllAnomalies(db);
  return { ...counts, vouchers: programme };
}

async function seedOrganisation(db: Db, registry: boolean): Promise<Omit<DemoCounts, "vouchers">> {
  // Hash outside the transaction: it is the slow part and needs no lock.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return writeTransaction((tx) => {
    const city = seeded(tx, "area", createArea(tx, parse(areaSchema, { ...CITY, level: "city" })));
    const departmentIds = new Map<string, { id: number; areaId: number }>();
    let areaCount = 1;
    for (const c of COUNTIES) {
      const area = seeded(tx, "area", createArea(tx, parse(areaSchema, { code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, level: "county", parentId: String(city.id) })));
      areaCount++;
      const dept = seeded(
        tx,
        "department",
        createDepartment(tx, parse(departmentSchema, { nameZh: `${c.nameZh}商务局`, nameEn: `${c.nameEn} Bureau of Commerce`, areaId: String(area.id), active: "on" })),
      );
      departmentIds.set(`county:${c.slug}`, { id: dept.id, areaId: area.id });
    }
    for (const z of ZONES) {
      seeded(tx, "area", createArea(tx, parse(areaSchema, { ...z, level: "zone", parentId: String(city.id) })));
      areaCount++;
    }
    for (const d of CITY_DEPARTMENTS) {
      const dept = seeded(
        tx,
        "department",
        createDepartment(tx, parse(departmentSchema, { nameZh: d.nameZh, nameEn: d.nameEn, areaId: String(city.id), active: "on" })),
      );
      departmentIds.set(`city:${d.key}`, { id: dept.id, areaId: city.id });
    }
    const created = new Map<string, User>();
    for (const u of [...DEMO_USERS, ...MORE_DEMO_USERS]) {
      const place = departmentIds.get(u.department)!;
      const input = parse(createUserSchema, {
        username: u.username,
        password: DEMO_PASSWORD,
        displayName: u.displayName,
        role: u.role,
        departmentId: String(place.id),
        areaId: String(place.areaId),
      });
      const { password: _password, ...fields } = input;
      void _password;
      const user = createUser(tx, { ...fields, passwordHash });
      seeded(tx, "user", withoutSecret(user));
      created.set(user.username, user);
    }
    const counts = { users: created.size, areas: areaCount, departments: departmentIds.size };
    if (!registry) return { ...counts, registry: null };

    const cityManager = created.get("manager")!;
    const county = (c: (typeof COUNTIES)[number]): SeedPlace => ({
      key: c.slug,
      nameZh: c.nameZh,
      staff: created.get(`${c.slug}.staff`)!,
      // A county without its own manager is approved by the city's.
      manager: created.get(`${c.slug}.manager`) ?? cityManager,
    });
    const cityDepartments = new Map(CITY_DEPARTMENTS.map((d) => [d.key, departmentIds.get(`city:${d.key}`)!.id]));
    return {
      ...counts,
      registry: seedRegistry(tx, {
        city: { key: "city", nameZh: CITY.nameZh, staff: created.get("staff")!, manager: cityManager },
        counties: COUNTIES.map(county),
        users: created,
        cityDepartments,
      }),
    };
  }, db);
}

/** One line for the console: what the seed wrote. */
export function describeDemoCounts(counts: DemoCounts): string {
  const org = `${counts.areas} areas, ${counts.departments} departments, ${counts.users} users`;
  const r = counts.registry;
  if (!r) return org;
  const a = r.approved;
  const v = counts.vouchers;
  return (
    `${org}; approved: ${a.policy} policies, ${a.action} actions, ${a.package} packages, ${a.event} events, ${a.carrier} carriers, ${a.indicator} retail indicators; ` +
    `in progress: ${r.drafts} drafts, ${r.submitted} submitted, ${r.returned} returned, ${r.pendingChanges} pending change` +
    (v ? `; vouchers: ${v.campaigns} campaigns, ${v.batches} batches, ${v.merchants} merchants, ${v.imports} statements imported (${v.rows} rows)` : "")
  );
}
