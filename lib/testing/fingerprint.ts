// A whole database's content in a few hashes, for the fault tests: "nothing changed" must mean
// every row of every table (the kept totals, the audit chain, the data_version row, even
// sqlite_sequence), not a handful of counts someone thought of.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";

export interface TableFingerprint {
  rows: number;
  sha256: string;
}

export type DatabaseFingerprint = Record<string, TableFingerprint>;

/** Blobs in hex (JSON.stringify has already turned a Buffer into { type: "Buffer", data }). */
function cell(_key: string, value: unknown): unknown {
  const blob = value as { type?: unknown; data?: number[] } | null;
  return blob && typeof blob === "object" && blob.type === "Buffer" && Array.isArray(blob.data) ? `x'${Buffer.from(blob.data).toString("hex")}'` : value;
}

/**
 * Row count and SHA-256 of every row of every table of the main schema, in key order. `except`
 * names tables left out, with their line of sqlite_sequence (their ids move with their rows).
 */
export function databaseFingerprint(sqlite: Database.Database, { except = [] }: { except?: string[] } = {}): DatabaseFingerprint {
  const tables = sqlite.prepare(`select name, wr from pragma_table_list where schema = 'main' and type = 'table' order by name`).all() as Array<{ name: string; wr: number }>;
  const fingerprint: DatabaseFingerprint = {};
  for (const { name, wr } of tables) {
    if (except.includes(name)) continue;
    const hash = createHash("sha256");
    let rows = 0;
    // A WITHOUT ROWID table is read in its primary key's order, which is what a plain scan gives.
    const where = name === "sqlite_sequence" && except.length ? ` where name not in (select value from json_each(?))` : "";
    const select = sqlite.prepare(`select * from "${name.replaceAll('"', '""')}"${where}${wr ? "" : " order by rowid"}`).raw();
    for (const row of where ? select.iterate(JSON.stringify(except)) : select.iterate()) {
      hash.update(JSON.stringify(row, cell)).update("\n");
      rows++;
    }
    fingerprint[name] = { rows, sha256: hash.digest("hex") };
  }
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints (added, removed or changed). */
export function changedTables(before: DatabaseFingerprint, after: DatabaseFingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name]?.sha256 !== after[name]?.sha256 || before[name]?.rows !== after[name]?.rows).sort();
}
