// Reference checks shared by the record types: the referenced row must exist.
import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { actions, batches, campaigns, departments, policies, sectors } from "@/db/schema";
import { fieldError } from "@/lib/errors";

const TABLES = { action: actions, policy: policies, sector: sectors, department: departments } as const;

export function requireReference(tx: Tx, kind: keyof typeof TABLES, field: string, id: number | undefined | null): void {
  if (id === undefined || id === null) return;
  const table = TABLES[kind];
  if (!tx.select({ id: table.id }).from(table).where(eq(table.id, id)).get()) throw fieldError(field, "notFound");
}

/** A code no other record of the table carries (the record itself excepted when it is saved again). */
export function requireUniqueCode(tx: Tx, table: typeof campaigns | typeof batches, code: string, id: number | undefined): void {
  const clash = tx
    .select({ id: table.id })
    .from(table)
    .where(id === undefined ? eq(table.code, code) : and(eq(table.code, code), ne(table.id, id)))
    .get();
  if (clash) throw fieldError("code", "codeTaken", "CONFLICT");
}
