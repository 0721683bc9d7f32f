// zod building blocks for registry forms and CSV lines (both arrive as text).
import { z } from "zod";
import { parseYuanToFen } from "@/lib/money/fen";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

/** A calendar date written YYYY-MM-DD. */
export const isoDate = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dateFormat" })
  .refine(isRealDate, { error: "dateFormat" });

export const optionalIsoDate = z.preprocess((v) => (blank(v) ? undefined : v), isoDate.optional());

/** An amount in yuan (text, up to two decimals) → integer fen. */
export const yuanAsFen = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .transform((text, ctx) => {
    const fen = parseYuanToFen(text);
    if (fen === null || fen < 0) {
      ctx.addIssue({ code: "custom", message: "moneyFormat" });
      return z.NEVER;
    }
    return fen;
  });

export const optionalYuanAsFen = z.preprocess((v) => (blank(v) ? undefined : v), yuanAsFen.optional());

/** A whole number ≥ 0 written with digits only. */
export const count = z
  .string({ error: "required" })
  .trim()
  .regex(/^\d{1,12}$/, { error: "wholeNumber" })
  .transform(Number);

export const optionalCount = z.preprocess((v) => (blank(v) ? undefined : typeof v === "number" ? String(v) : v), count.optional());

export const year = z
  .string({ error: "required" })
  .trim()
  .regex(/^(19|20)\d{2}$/, { error: "yearFormat" })
  .transform(Number);

/** A link (http/https) or an attachment reference (plain text such as 菏政办发〔2025〕3号附件). */
export const linkOrReference = z.preprocess(
  (v) => (blank(v) ? undefined : v),
  z
    .string()
    .trim()
    .max(500, { error: "tooLong" })
    .refine((s) => !/^[a-z][a-z0-9+.-]*:/i.test(s) || /^https?:\/\//i.test(s), { error: "linkScheme" })
    .optional(),
);

/** A period: the start is not after the end. */
export function periodInOrder<T extends { startsOn: string; endsOn: string }>(value: T, ctx: z.RefinementCtx): void {
  if (value.startsOn > value.endsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "periodOrder" });
}
