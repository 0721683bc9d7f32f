import { z } from "zod";
import type { Locale } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { zodErrorMap } from "@/lib/i18n/zod";
import { recordSpec } from "./specs";
import { recordPayload } from "./records";
import type { RawValues, RecordType } from "./types";

export interface ParsedRecord {
  raw: RawValues;
  input: Record<string, unknown>;
}

/** Validates raw values with the record type's rules; a refusal names each field. */
export function parseRecordValues(type: RecordType, values: RawValues, locale: Locale): ParsedRecord {
  const raw = recordPayload(values);
  const parsed = recordSpec(type).schema.safeParse(raw, { error: zodErrorMap(locale) });
  if (!parsed.success) throw new AppError("INVALID", "INVALID", z.flattenError(parsed.error).fieldErrors as FieldErrors);
  return { raw, input: parsed.data as Record<string, unknown> };
}
