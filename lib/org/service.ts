// Areas and departments: the data every record's scope is made of.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { areas, departments, type Area, type Department } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { AppError, fieldError } from "@/lib/errors";
import { areaSubtree } from "@/lib/auth/scope";
import type { AreaInput, DepartmentInput } from "./schema";

export function listAreas(db: Db | Tx): Area[] {
  return db.select().from(areas).orderBy(sql`${areas.code} is null`, asc(areas.code), asc(areas.id)).all();
}

export function getArea(db: Db | Tx, id: number): Area | undefined {
  return db.select().from(areas).where(eq(areas.id, id)).get();
}

function checkArea(tx: Tx, input: AreaInput, id: number | null): void {
  if (input.level !== "city" && !input.parentId) throw fieldError("parentId", "parentRequired");
  if (input.level === "zone" && input.code) throw fieldError("code", "zoneHasNoCode");
  if (input.level !== "zone" && !input.code) throw fieldError("code", "areaCodeRequired");
  if (input.parentId) {
    const parent = getArea(tx, input.parentId);
    if (!parent) throw fieldError("parentId", "notFound");
    if (id !== null && areaSubtree(tx, id).includes(input.parentId)) throw fieldError("parentId", "parentCycle");
    if (input.level === "city") throw fieldError("parentId", "parentLevel");
    // County-level areas sit under a city; functional zones under a city or a county.
    const allowed = input.level === "county" ? ["city"] : ["city", "county"];
    if (!allowed.includes(parent.level)) throw fieldError("parentId", "parentLevel");
  }
  if (input.code) {
    const clash = tx
      .select({ id: areas.id })
      .from(areas)
      .where(and(eq(areas.code, input.code), id === null ? undefined : ne(areas.id, id)))
      .get();
    if (clash) throw fieldError("code", "areaCodeTaken", "CONFLICT");
  }
  const nameClash = tx
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.nameZh, input.nameZh), id === null ? undefined : ne(areas.id, id)))
    .get();
  if (nameClash) throw fieldError("nameZh", "nameTaken", "CONFLICT");
}

export function createArea(tx: Tx, input: AreaInput): Area {
  checkArea(tx, input, null);
  return tx
    .insert(areas)
    .values({ code: input.code ?? null, nameZh: input.nameZh, nameEn: input.nameEn, level: input.level, parentId: input.parentId ?? null })
    .returning()
    .get();
}

export function updateArea(tx: Tx, id: number, input: AreaInput): { before: Area; after: Area } {
  const before = getArea(tx, id);
  if (!before) throw new AppError("NOT_FOUND", "notFound");
  checkArea(tx, input, id);
  const after = tx
    .update(areas)
    .set({
      code: input.code ?? null,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      level: input.level,
      parentId: input.parentId ?? null,
      updatedAt: new Date(),
    })
    .where(eq(areas.id, id))
    .returning()
    .get();
  return { before, after };
}

export interface DepartmentRow extends Department {
  areaNameZh: string;
  areaNameEn: string;
}

export function listDepartments(db: Db | Tx): DepartmentRow[] {
  return db
    .select({
      id: departments.id,
      nameZh: departments.nameZh,
      nameEn: departments.nameEn,
      areaId: departments.areaId,
      active: departments.active,
      createdAt: departments.createdAt,
      updatedAt: departments.updatedAt,
      areaNameZh: areas.nameZh,
      areaNameEn: areas.nameEn,
    })
    .from(departments)
    .innerJoin(areas, eq(areas.id, departments.areaId))
    .orderBy(sql`${areas.code} is null`, asc(areas.code), asc(departments.id))
    .all();
}

export function getDepartment(db: Db | Tx, id: number): Department | undefined {
  return db.select().from(departments).where(eq(departments.id, id)).get();
}

function checkDepartment(tx: Tx, input: DepartmentInput, id: number | null): void {
  if (!getArea(tx, input.areaId)) throw fieldError("areaId", "notFound");
  const clash = tx
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.areaId, input.areaId),
        eq(departments.nameZh, input.nameZh),
        id === null ? undefined : ne(departments.id, id),
      ),
    )
    .get();
  if (clash) throw fieldError("nameZh", "nameTaken", "CONFLICT");
}

export function createDepartment(tx: Tx, input: DepartmentInput): Department {
  checkDepartment(tx, input, null);
  return tx.insert(departments).values(input).returning().get();
}

export function updateDepartment(tx: Tx, id: number, input: DepartmentInput): { before: Department; after: Department } {
  const before = getDepartment(tx, id);
  if (!before) throw new AppError("NOT_FOUND", "notFound");
  checkDepartment(tx, input, id);
  const after = tx
    .update(departments)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(departments.id, id))
    .returning()
    .get();
  return { before, after };
}
