import "server-only";
// Imports and voids as the app's users make them: the batch in the user's scope, then the pipeline.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { batches, statementImports } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/log";
import { canEditRecord, managesArea, type ScopedUser } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import type { StatementFormat } from "@/lib/statements";
import { importStatement } from "./pipeline";
import { voidImport } from "./void";

/** The most a statement upload may carry (a 1,000,000-row WeChat bill is about 210 MB). */
export const MAX_STATEMENT_BYTES = 512 * 1024 * 1024;

/** The request body as chunks, refused as soon as it passes the limit, whatever Content-Length said. */
export async function* limitedBody(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_STATEMENT_BYTES): AsyncGenerator<Uint8Array> {
  if (!body) throw new AppError("INVALID", "statementEmpty");
  let seen = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (seen > maxBytes) throw new AppError("INVALID", "statementTooLarge");
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
  if (seen === 0) throw new AppError("INVALID", "statementEmpty");
}

/** Staff import statements into the batches of their own department and area. */
export async function importIntoBatch(
  user: ScopedUser,
  batchId: number,
  body: ReadableStream<Uint8Array> | null,
  options: { format: StatementFormat | "auto"; fileName: string; actor: AuditActor; ip: string | null },
) {
  const db = getDb();
  const batch = db.select().from(batches).where(eq(batches.id, batchId)).get();
  if (!batch || !canEditRecord(user, batch)) throw new AppError("NOT_FOUND", "notFound");
  return importStatement(db, { batchCode: batch.code, source: limitedBody(body), ...options });
}

/** Managers void imports of batches in their area (and below). */
export function voidImportForManager(user: ScopedUser, importId: number, reason: string, actor: AuditActor, ip: string | null) {
  const db = getDb();
  const row = db
    .select({ areaId: batches.areaId })
    .from(statementImports)
    .innerJoin(batches, eq(batches.id, statementImports.batchId))
    .where(eq(statementImports.id, importId))
    .get();
  if (!row || !managesArea(db, user, row.areaId)) throw new AppError("NOT_FOUND", "notFound");
  return voidImport(db, { importId, reason, actor, ip });
}
