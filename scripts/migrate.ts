import { databasePath, getDb } from "../db/client";
import { migrateDatabase } from "../db/migrate";

migrateDatabase(getDb());
console.log(`migrated ${databasePath()}`);
