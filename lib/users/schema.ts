import { z } from "zod";
import { LOCALES, ROLES } from "@/db/schema";
import { checkbox, newPassword, requiredId, requiredText } from "@/lib/validation";

export const username = z
  .string({ error: "required" })
  .trim()
  // A blank username is missing, not malformed: say so and check nothing else.
  .min(1, { error: "required", abort: true })
  .min(3, { error: "usernameFormat" })
  .max(32, { error: "usernameFormat" })
  .regex(/^[a-zA-Z0-9_.-]+$/, { error: "usernameFormat" });

const userFields = {
  displayName: requiredText(60),
  role: z.enum(ROLES, { error: "required" }),
  departmentId: requiredId,
  areaId: requiredId,
};

export const createUserSchema = z.object({ username, password: newPassword, ...userFields });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({ id: requiredId, ...userFields });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ id: requiredId, password: newPassword });

export const setDisabledSchema = z.object({ id: requiredId, disabled: checkbox });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(256),
    newPassword,
    confirmPassword: z.string({ error: "required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "passwordMismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "passwordUnchanged" });

export const localeSchema = z.object({ locale: z.enum(LOCALES) });
