// The append-only audit log: every row carries the hash of the one before it.
import { createHash } from "node:crypto";
import { desc } from "drizzle-orm";
import { auditLog, type AuditOutcome } from "@/db/schema";
import type { Db, Tx } from "@/db/client";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditActor {
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, name: "system" };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  detail?: string | null;
  ip?: string | null;
}

const SECRET_KEYS = new Set([
  "password",
  "passwordHash",
  "password_hash",
  "newPassword",
  "currentPassword",
  "confirmPassword",
]);

/** JSON of a record with secrets removed; null when there is nothing to record. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (SECRET_KEYS.has(key) ? "[redacted]" : v));
}

interface HashedFields {
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  outcome: string;
  detail: string | null;
  ip: string | null;
}

/** The row's hash: SHA-256 over the previous hash and the row's fields in a fixed order. */
export function auditRowHash(prevHash: string, f: HashedFields): string {
  const canonical = JSON.stringify([
    f.at,
    f.actorId,
    f.actorName,
    f.action,
    f.entity,
    f.entityId,
    f.before,
    f.after,
    f.outcome,
    f.detail,
    f.ip,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/**
 * Appends one row. Call it inside the write transaction of the change it records, so the
 * change and its audit row land together and the chain is extended by one writer at a time.
 */
export function appendAudit(tx: Tx | Db, entry: AuditEntry): void {
  const last = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: new Date().toISOString(),
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: auditJson(entry.before),
    after: auditJson(entry.after),
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    ip: entry.ip ?? null,
  };
  tx.insert(auditLog)
    .values({ ...fields, outcome: entry.outcome, prevHash, hash: auditRowHash(prevHash, fields) })
    .run();
}

export interface ChainReport {
  intact: boolean;
  checked: number;
  /** The first row whose link or content does not verify. */
  brokenAtId: number | null;
  reason: "edited" | "gap" | "truncated" | null;
}

/** An audit row as stored, read with RAW_AUDIT_COLUMNS. */
export interface RawAuditRow extends HashedFields {
  id: number;
  prevHash: string;
  hash: string;
}

export const RAW_AUDIT_COLUMNS = `id, at, actor_id as actorId, actor_name as actorName, action, entity, entity_id as entityId,
              before, after, outcome, detail, ip, prev_hash as prevHash, hash`;

/** Walks the whole chain. An edited row fails its own hash; a removed one breaks the next link. */
export function verifyAuditChain(db: Db): ChainReport {
  const rows = db.$client
    .prepare(`select ${RAW_AUDIT_COLUMNS} from audit_log order by id`)
    .iterate() as IterableIterator<RawAuditRow>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) return { intact: false, checked, brokenAtId: row.id, reason: "gap" };
    if (auditRowHash(row.prevHash, row) !== row.hash) {
      return { intact: false, checked, brokenAtId: row.id, reason: "edited" };
    }
    expectedPrev = row.hash;
    lastId = row.id;
    checked++;
  }
  // AUTOINCREMENT never reuses ids: a sequence ahead of the last row means the tail was removed.
  const seq = db.$client.prepare(`select seq from sqlite_sequence where name = 'audit_log'`).get() as
    | { seq: number }
    | undefined;
  if (seq && seq.seq > lastId) return { intact: false, checked, brokenAtId: lastId + 1, reason: "truncated" };
  return { intact: true, checked, brokenAtId: null, reason: null };
}
