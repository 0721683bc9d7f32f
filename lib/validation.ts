// Small zod building blocks for form input (everything arrives as text).
import { z } from "zod";

/** Blank form text counts as absent. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A required line of text, trimmed. */
export const requiredText = (max: number) =>
  z.string({ error: "required" }).trim().min(1, { error: "required" }).max(max, { error: "tooLong" });

/** Optional text: blank becomes undefined. */
export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, { error: "tooLong" }).optional());

/** A positive integer id from a select or hidden field. */
export const requiredId = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: "required" }).int({ error: "required" }).positive({ error: "required" }),
);

export const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional());

/** A checkbox: present ("on"/"true") or absent. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const PASSWORD_MIN = 10;

export const newPassword = z
  .string({ error: "required" })
  .min(PASSWORD_MIN, { error: "passwordTooShort" })
  .max(256, { error: "tooLong" });

/** A route segment such as `[id]` as a positive integer, or null when it is anything else. */
export function parseRouteId(param: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(param)) return null;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}
