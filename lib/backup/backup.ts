// Backups of the database and their restore (scripts/backup.ts, scripts/restore.ts). A backup is
// taken with SQLite's online backup API, safe while the server and its jobs read and write: the
// copy is one consistent snapshot (one read transaction, which in WAL mode blocks no writer). A
// restore replaces the database file only when no process has it open, after checking the
// backup, and keeps the file it replaces.
import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Where `npm run backup` writes when given no file: `backups/` beside the database. */
export function backupsDir(databaseFile: string): string {
  return join(dirname(databaseFile), "backups");
}

/** "2026-11-28T05:30:12.345Z" → "20261128-053012", for file names that sort by time. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

export interface DatabaseCheck {
  integrity: string;
  /** The data version (db/data-version.ts): moves with every change the figures read. */
  dataVersion: number | null;
  auditRows: number;
  bytes: number;
}

/** Integrity and a few figures of a database file, read-only (nothing written, no WAL created). */
export function checkDatabaseFile(path: string): DatabaseCheck {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
    const has = (table: string) => db.prepare(`select 1 from sqlite_schema where type = 'table' and name = ?`).get(table) !== undefined;
    const dataVersion = has("data_version") ? ((db.prepare(`select max(version) from data_version`).pluck().get() as number | null) ?? null) : null;
    const auditRows = has("audit_log") ? (db.prepare(`select count(*) from audit_log`).pluck().get() as number) : 0;
    return { integrity, dataVersion, auditRows, bytes: statSync(path).size };
  } finally {
    db.close();
  }
}

/**
 * Makes a copy one file: the backup API copies the source's WAL flag, and a WAL database grows
 * -wal and -shm files beside it whenever it is opened, even read-only. Readable by its owner only
 * (it holds the users' password hashes). The server turns WAL on again when it opens it.
 */
function standalone(path: string): void {
  const db = new Database(path);
  db.pragma("journal_mode = DELETE");
  db.close();
  chmodSync(path, 0o600);
}

/**
 * Copies the database at `source` to `destination` (a new file) with the online backup API, in
 * one step: a backup in many steps restarts whenever another process writes between two of
 * them, and a busy server may write more often than steps finish. Written under a temporary
 * name and renamed when checked, so a file with the final name is always a whole backup.
 */
export async function backupDatabase(source: string, destination: string): Promise<DatabaseCheck> {
  if (existsSync(destination)) throw new Error(`${destination} exists: a backup never overwrites a file`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // The first transfer is of 0 pages; the number returned here is the next (and last) one.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  standalone(partial);
  const check = checkDatabaseFile(partial);
  if (check.integrity !== "ok") {
    rmSync(partial, { force: true });
    throw new Error(`the copy failed its integrity check: ${check.integrity}`);
  }
  const fd = openSync(partial, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(partial, destination);
  return check;
}

/**
 * The processes that have the database open, other than this one: every SQLite connection in
 * WAL mode holds a shared lock on the -shm file while it is open (Linux lists it in /proc/locks
 * by inode). Null when that cannot be known (no /proc/locks).
 */
export function processesUsing(databaseFile: string): number[] | null {
  const shm = `${databaseFile}-shm`;
  if (!existsSync(shm)) return [];
  let locks: string;
  try {
    locks = readFileSync("/proc/locks", "utf8");
  } catch {
    return null;
  }
  const inode = statSync(shm).ino;
  const pids = new Set<number>();
  for (const line of locks.split("\n")) {
    // "16: POSIX  ADVISORY  READ 19794 fe:00:2152494 128 128"
    const fields = line.trim().split(/\s+/);
    if (fields[5]?.endsWith(`:${inode}`) && Number(fields[4]) !== process.pid) pids.add(Number(fields[4]));
  }
  return [...pids].sort((a, b) => a - b);
}

export interface RestoreOutcome {
  restored: DatabaseCheck;
  /** Where the database that was replaced now lies (null when there was none). */
  keptAside: string | null;
}

/**
 * Puts the backup at `backup` in place of the database at `target`. The caller has made sure no
 * process uses `target` (processesUsing). The backup is checked first; the current database is
 * checkpointed (so its WAL is in the file and gone) and renamed aside, never deleted; the backup
 * is copied beside the target under a temporary name, given a new data-version instance, and
 * renamed into place.
 */
export async function restoreDatabase(backup: string, target: string, now = new Date()): Promise<RestoreOutcome> {
  const check = checkDatabaseFile(backup);
  if (check.integrity !== "ok") throw new Error(`the backup failed its integrity check: ${check.integrity}`);

  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  try {
    // Copied with the backup API too: the copy is page for page, and a backup file that is itself
    // a WAL database (taken by hand, say) comes with its WAL's content.
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await source.backup(incoming, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    // A restored database is a new line of history: from here it will change differently from
    // what the caches and ETags keyed on (instance, version) once saw under the same versions.
    const copy = new Database(incoming);
    if (copy.prepare(`select 1 from sqlite_schema where type = 'table' and name = 'data_version'`).get()) {
      copy.prepare(`update data_version set instance = lower(hex(randomblob(8))) where id = 1`).run();
    }
    copy.close();
    standalone(incoming);
    const fd = openSync(incoming, "r");
    fsyncSync(fd);
    closeSync(fd);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }

  let keptAside: string | null = null;
  if (existsSync(target)) {
    // Closing the last connection checkpoints the WAL into the file and removes it.
    const current = new Database(target);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    keptAside = join(dirname(target), `${basename(target)}.before-restore-${fileStamp(now)}`);
    renameSync(target, keptAside);
  }
  // A WAL left beside the target (a process killed with it open) belongs to the database kept
  // aside, never to the restored one, which SQLite would otherwise read it into.
  for (const suffix of ["-wal", "-shm"]) {
    if (!existsSync(`${target}${suffix}`)) continue;
    if (keptAside) renameSync(`${target}${suffix}`, `${keptAside}${suffix}`);
    else rmSync(`${target}${suffix}`);
  }
  renameSync(incoming, target);
  return { restored: checkDatabaseFile(target), keptAside };
}
