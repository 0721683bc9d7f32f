import "server-only";
// What the admin pages read about areas and departments.
import { getDb } from "@/db/client";
import type { Area, Department } from "@/db/schema";
import { getArea, getDepartment, listAreas, listDepartments, type DepartmentRow } from "./service";

export function getAreaList(): Area[] {
  return listAreas(getDb());
}

export function getAreaById(id: number): Area | undefined {
  return getArea(getDb(), id);
}

export function getDepartmentList(): DepartmentRow[] {
  return listDepartments(getDb());
}

export function getDepartmentById(id: number): Department | undefined {
  return getDepartment(getDb(), id);
}
