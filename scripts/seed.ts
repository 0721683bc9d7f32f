import { getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { describeDemoCounts, isEmpty, seedDemo } from "../db/seed/demo";

const db = getDb();
migrateDatabase(db);
if (!isEmpty(db)) {
  console.log("database already has data; demo seed skipped");
} else {
  const started = performance.now();
  const counts = await seedDemo(db);
  console.log(`seeded demo data in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeDemoCounts(counts)}`);
}
