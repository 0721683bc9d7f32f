import "server-only";
import { getDb } from "@/db/client";
import type { Locale } from "@/db/schema";
import { publicSummary, type PublicSummary } from "./summary";

/** The public summary (lib/public/summary.ts) read with the process's connection: what / and /en render. */
export function getPublicSummary(locale: Locale): PublicSummary {
  return publicSummary(getDb(), locale);
}
