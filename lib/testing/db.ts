// Databases for unit tests: a fresh file per call, migrated with the committed migrations.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";

export function testDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), "huimin-test-"));
  const db = openDatabase(join(dir, "test.db"));
  migrateDatabase(db);
  return db;
}

/** A migrated database holding the demo seed (areas, departments, one user per role…). */
export async function seededTestDb(): Promise<Db> {
  const db = testDb();
  await seedDemo(db);
  return db;
}
