// Reference checks shared by the record types: the referenced row must exist.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { actions, departments, policies, sectors } from "@/db/schema";
import { fieldError } from "@/lib/errors";

const TABLES = { action: actions, policy: policies, sector: sectors, department: departments } as const;

export function requireReference(tx: Tx, kind: keyof typeof TABLES, field: string, id: number | undefined | null): void {
  if (id === undefined || id === null) return;
  const table = TABLES[kind];
  if (!tx.select({ id: table.id }).from(table).where(eq(table.id, id)).get()) throw fieldError(field, "notFound");
}
