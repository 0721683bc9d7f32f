// The audit page's filters live in the URL: parsed here, invalid values dropped one by one.
import { z } from "zod";
import { AUDIT_OUTCOMES } from "@/db/schema";
import { isCalendarDay } from "@/lib/datetime";

export { AUDIT_OUTCOMES };

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined);

const day = z.string().refine(isCalendarDay).optional().catch(undefined);

export const auditSearchSchema = z.object({
  actor: text(64),
  action: text(64),
  entity: text(64),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;
export type AuditFilters = Omit<AuditSearch, "page">;

type SearchParams = Record<string, string | string[] | undefined>;

/** Never fails: a value that does not parse is ignored, as if it were not in the URL. */
export function parseAuditSearch(params: SearchParams): { filters: AuditFilters; page: number } {
  const { page, ...filters } = auditSearchSchema.parse(params);
  return { filters, page };
}

/** The query string of a filtered page ("" when there is nothing to say). */
export function auditSearchString(filters: AuditFilters, page = 1): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (page > 1) query.set("page", String(page));
  const s = query.toString();
  return s ? `?${s}` : "";
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some(Boolean);
}
