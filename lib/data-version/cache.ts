// Figures cached on the data version: a computation is done once per (database, version, key) and
// shared by every request until a figure table changes (db/data-version.ts). The version is read
// from the database on each use, a one-row lookup, so a change committed by another process (the
// import command, an import job) is seen by the next request. Works inside a read transaction too:
// the version and the figures then come from the same snapshot.
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";

export interface DataVersion {
  /** Random per database. */
  instance: string;
  version: number;
  changedAt: Date;
}

type VersionRow = { instance: string; version: number; changedAt: number };
const VERSION_SQL = "select instance, version, changed_at as changedAt from data_version where id = 1";
/** One prepared statement per connection: the version is read by every cached call, many per page. */
const statements = new WeakMap<Database.Database, Database.Statement<[], VersionRow>>();

export function readDataVersion(db: Db | Tx): DataVersion {
  let row: VersionRow | undefined;
  if ("$client" in db) {
    let statement = statements.get(db.$client);
    if (!statement) statements.set(db.$client, (statement = db.$client.prepare<[], VersionRow>(VERSION_SQL)));
    row = statement.get();
  } else {
    row = db.get<VersionRow | undefined>(sql.raw(VERSION_SQL));
  }
  if (!row) throw new Error("data_version has no row: the database was not migrated");
  return { instance: row.instance, version: row.version, changedAt: new Date(row.changedAt) };
}

/** A strong validator of everything the figures are computed from. */
export function dataVersionTag(version: DataVersion): string {
  return `"${version.instance}-${version.version}"`;
}

/** Entries kept across versions and keys; the least recently used goes first. */
const MAX_ENTRIES = 2_000;
const cache = new Map<string, { version: number; value: unknown }>();

/**
 * `compute()` once per data version for `key` (which must name everything the result depends on
 * besides the data). The result is frozen, because every later caller shares it.
 */
export function cachedOnDataVersion<T>(db: Db | Tx, key: string, compute: () => T): T {
  const { instance, version } = readDataVersion(db);
  const full = `${instance}\u0000${key}`;
  const hit = cache.get(full);
  cache.delete(full);
  if (hit && hit.version === version) {
    cache.set(full, hit);
    return hit.value as T;
  }
  const value = deepFreeze(compute());
  cache.set(full, { version, value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** For tests: forget everything. */
export function clearDataVersionCache(): void {
  cache.clear();
}
