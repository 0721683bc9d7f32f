// Databases for unit tests: a fresh file per call, migrated with the committed migrations.
// The temporary folders are removed when the test process exits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";

const tempDirs: string[] = [];
let cleanupRegistered = false;

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = "huimin-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.on("exit", () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

export function testDb(): Db {
  const db = openDatabase(join(tempDir(), "test.db"));
  migrateDatabase(db);
  return db;
}

/**
 * A migrated database holding the demo seed's organisation (areas, departments, the demo users)
 * with an empty registry: tests add the records they need. `registry: true` seeds the demo
 * registry too (hundreds of records, about a second).
 */
export async function seededTestDb({ registry = false }: { registry?: boolean } = {}): Promise<Db> {
  const db = testDb();
  await seedDemo(db, { registry });
  return db;
}
