import { getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { isEmpty, seedDemo } from "../db/seed/demo";

const db = getDb();
migrateDatabase(db);
if (!isEmpty(db)) {
  console.log("database already has data; demo seed skipped");
} else {
  const counts = await seedDemo(db);
  console.log(`seeded demo data: ${counts.areas} areas, ${counts.departments} departments, ${counts.users} users`);
}
