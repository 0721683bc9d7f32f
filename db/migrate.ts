import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { resolve } from "node:path";
import type { Db } from "./client";

export const MIGRATIONS_FOLDER = resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

/** Applies every committed migration not yet applied (drizzle keeps the ledger). */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const fkProblems = db.$client.pragma("foreign_key_check") as unknown[];
  if (fkProblems.length > 0) throw new Error(`foreign_key_check found ${fkProblems.length} problem(s)`);
}
