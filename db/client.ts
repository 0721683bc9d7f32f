// The one database client: WAL, synchronous=FULL, foreign keys on, a busy timeout.
// Cached on globalThis so dev reloads and route modules share one connection per process.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; queries inside it use the same connection. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_PATH = "data/huimin.db";

export function databasePath(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** Opens a connection with the pragmas every connection of this app must have. */
export function openDatabase(path = databasePath()): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // WAL defaults to NORMAL in better-sqlite3, which can lose the last commits on power loss.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  if (sqlite.pragma("foreign_keys", { simple: true }) !== 1) {
    throw new Error("SQLite refused foreign_keys=ON");
  }
  return drizzle(sqlite, { schema, casing: "snake_case" }) as Db;
}

const globalForDb = globalThis as unknown as { huiminDb?: Db };

/** The process-wide connection. */
export function getDb(): Db {
  globalForDb.huiminDb ??= openDatabase();
  return globalForDb.huiminDb;
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue on the
 * busy timeout instead of failing on upgrade). `fn` must be synchronous.
 */
export function writeTransaction<T>(fn: (tx: Tx) => T, db: Db = getDb()): T {
  return db.transaction(fn, { behavior: "immediate" });
}
