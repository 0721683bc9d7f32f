import { z } from "zod";
import { AREA_LEVELS } from "@/db/schema";
import { blankToUndefined, checkbox, optionalId, requiredId, requiredText } from "@/lib/validation";


export const areaSchema = z.object({
  code: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(/^\d{6}$/, { error: "areaCodeFormat" }).optional(),
  ),
  nameZh: requiredText(60),
  nameEn: requiredText(120),
  level: z.enum(AREA_LEVELS, { error: "required" }),
  parentId: optionalId,
});
export type AreaInput = z.infer<typeof areaSchema>;

export const areaUpdateSchema = areaSchema.extend({ id: requiredId });

export const departmentSchema = z.object({
  nameZh: requiredText(80),
  nameEn: requiredText(160),
  areaId: requiredId,
  active: checkbox,
});
export type DepartmentInput = z.infer<typeof departmentSchema>;

export const departmentUpdateSchema = departmentSchema.extend({ id: requiredId });
