import "server-only";
// What a batch page shows of its redemptions: the kept totals and the import history.
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { statementImports, type StatementImport } from "@/db/schema";
import { batchTotals, type BatchTotals } from "./totals";

export interface BatchRedemptionFigures extends BatchTotals {
  imports: StatementImport[];
}

export function getBatchRedemptionFigures(batchId: number): BatchRedemptionFigures {
  const db = getDb();
  const imports = db.select().from(statementImports).where(eq(statementImports.batchId, batchId)).orderBy(desc(statementImports.id)).all();
  return { ...batchTotals(db, batchId), imports };
}
