// The one database client: WAL, synchronous=FULL, foreign keys on, a busy timeout.
// Cached on globalThis so dev reloads and route modules share one connection per process.
// SQLite has one writer at a time across processes: the web server, the job processes (an import,
// the anomaly checks) and the operators' commands queue for it. A connection waits BUSY_TIMEOUT_MS
// in SQLite's busy handler, which blocks its process; the web server's requests wait for the lock
// with writeTransactionWhenFree instead, which lets the server go on answering meanwhile.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; queries inside it use the same connection. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_PATH = "data/huimin.db";

/** How long a statement waits, blocking, for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;
/**
 * How long a request waits for the write lock (writeTransactionWhenFree). Another process's write
 * transaction can hold it longer than BUSY_TIMEOUT_MS: a 1,000,000-row import and its anomaly
 * checks hold it about 8 s on an idle machine.
 */
export const WRITE_WAIT_MS = 60_000;

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
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
 * For a process that serves no one while it waits (a job, an operator's import): its writes wait
 * for another process's long write transaction as long as a web request would (WRITE_WAIT_MS),
 * blocking in SQLite's busy handler, instead of failing after BUSY_TIMEOUT_MS.
 */
export function waitLongForWrites(db: Db): Db {
  db.$client.pragma(`busy_timeout = ${WRITE_WAIT_MS}`);
  return db;
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue on the
 * busy timeout instead of failing on upgrade). `fn` must be synchronous.
 */
export function writeTransaction<T>(fn: (tx: Tx) => T, db: Db = getDb()): T {
  return db.transaction(fn, { behavior: "immediate" });
}

/** True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");
}

/**
 * writeTransaction for the web server: while another process holds the write lock, it yields to
 * the event loop and tries again (up to WRITE_WAIT_MS) instead of blocking the whole server in the
 * busy handler and failing after BUSY_TIMEOUT_MS. A retry repeats nothing: BEGIN IMMEDIATE fails
 * before `fn` runs, and a transaction that fails later is rolled back whole.
 */
export function writeTransactionWhenFree<T>(fn: (tx: Tx) => T, db: Db = getDb()): Promise<T> {
  return whenWriteLockFree(() => writeTransaction(fn, db), db);
}

/**
 * The same wait for a synchronous `work` that reads, then writes in one writeTransaction of its
 * own (an upload's parse and save): `work` is run again from the start when its BEGIN IMMEDIATE
 * finds the lock held, so everything before the transaction must only read.
 */
export async function whenWriteLockFree<T>(work: () => T, db: Db = getDb()): Promise<T> {
  const deadline = Date.now() + WRITE_WAIT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    // The last try waits in the busy handler as any write does, and fails as one does.
    if (Date.now() >= deadline) return work();
    try {
      return withoutBusyWait(db, work);
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Runs `fn` with the connection's busy wait off (nothing else runs on it meanwhile: `fn` is synchronous). */
function withoutBusyWait<T>(db: Db, fn: () => T): T {
  const wait = db.$client.pragma("busy_timeout", { simple: true }) as number;
  db.$client.pragma("busy_timeout = 0");
  try {
    return fn();
  } finally {
    db.$client.pragma(`busy_timeout = ${wait}`);
  }
}
