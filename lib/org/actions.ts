"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/auth/guard";
import { areaSchema, areaUpdateSchema, departmentSchema, departmentUpdateSchema } from "./schema";
import { createArea, createDepartment, updateArea, updateDepartment } from "./service";

const ADMIN = ["admin"] as const;

export const createAreaAction = guardedAction({
  name: "area.create",
  entity: "area",
  access: ADMIN,
  schema: areaSchema,
  run: ({ tx, input }) => {
    const area = createArea(tx, input);
    return { entityId: area.id, after: area };
  },
  after: () => {
    revalidatePath("/admin/areas");
    redirect("/admin/areas?saved=created");
  },
});

export const updateAreaAction = guardedAction({
  name: "area.update",
  entity: "area",
  access: ADMIN,
  schema: areaUpdateSchema,
  run: ({ tx, input }) => {
    const { id, ...fields } = input;
    const { before, after } = updateArea(tx, id, fields);
    return { entityId: id, before, after, message: "saved" };
  },
  after: () => revalidatePath("/admin/areas"),
});

export const createDepartmentAction = guardedAction({
  name: "department.create",
  entity: "department",
  access: ADMIN,
  schema: departmentSchema,
  run: ({ tx, input }) => {
    const department = createDepartment(tx, input);
    return { entityId: department.id, after: department };
  },
  after: () => {
    revalidatePath("/admin/departments");
    redirect("/admin/departments?saved=created");
  },
});

export const updateDepartmentAction = guardedAction({
  name: "department.update",
  entity: "department",
  access: ADMIN,
  schema: departmentUpdateSchema,
  run: ({ tx, input }) => {
    const { id, ...fields } = input;
    const { before, after } = updateDepartment(tx, id, fields);
    return { entityId: id, before, after, message: "saved" };
  },
  after: () => revalidatePath("/admin/departments"),
});
