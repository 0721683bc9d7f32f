import "server-only";
// What the registry pages read: lists in the reader's scope, one record with its scope
// checked, its history, and the options its forms choose from (named in the reader's language).
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { actions, areas, campaigns, departments, policies, revisions, users, type Locale, type Revision, type RevisionStatus } from "@/db/schema";
import { canReadRecord, managesArea as managesAreaIn, type ScopedUser } from "@/lib/auth/scope";
import { indicatorHeading } from "@/lib/indicators/format";
import { departmentOptions, sectorOptions } from "@/lib/org/options";
import { revisionHistory } from "@/lib/workflow/revisions";
import { listRecords, type ListQuery } from "./list";
import { recordSpec } from "./specs";
import { FRAMEWORK_TYPES, type RawValues, type RecordRow, type RecordType } from "./types";

export type StoredRecord = RecordRow & Record<string, unknown>;

export interface Option {
  value: string;
  label: string;
}

const local = (row: { nameZh: string; nameEn: string }, locale: Locale) => (locale === "en" ? row.nameEn : row.nameZh);

/** A record's one-line name in the reader's language: "3. 文旅消费" for an action, else its title or name. */
export function recordHeading(type: RecordType, row: Record<string, unknown>, locale: Locale): string {
  if (type === "action") return `${String(row.number)}. ${String(locale === "en" ? row.titleEn : row.titleZh)}`;
  if (type === "batch") return String(row.code);
  if (type === "indicator") return indicatorHeading(row as Parameters<typeof indicatorHeading>[0], locale);
  return String(type === "policy" ? row.title : row.name);
}

export interface RegistryOptions {
  actions: Option[];
  sectors: Option[];
  policies: Option[];
  masterPolicies: Option[];
  /** Active departments, "department (area)": what a form offers. */
  departments: Option[];
  /** Every department and area by id: what a stored id is shown as. */
  departmentNames: Map<string, string>;
  areas: Option[];
  /** Approved voucher campaigns, "name（code）": what a batch is filed under. */
  campaigns: Option[];
}

/** The choices of the registry's forms and filters: approved actions and policies, sectors, departments, areas. */
export async function getRegistryOptions(locale: Locale): Promise<RegistryOptions> {
  const db = getDb();
  const approvedActions = db
    .select({ id: actions.id, number: actions.number, titleZh: actions.titleZh, titleEn: actions.titleEn })
    .from(actions)
    .where(eq(actions.status, "approved"))
    .orderBy(asc(actions.number))
    .all();
  const approvedPolicies = db
    .select({ id: policies.id, title: policies.title, docNumber: policies.docNumber, kind: policies.kind })
    .from(policies)
    .where(eq(policies.status, "approved"))
    .orderBy(asc(policies.kind), asc(policies.issuedOn), asc(policies.id))
    .all();
  const allDepartments = db
    .select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .orderBy(asc(departments.areaId), asc(departments.id))
    .all();
  const policyOption = (p: (typeof approvedPolicies)[number]) => ({ value: String(p.id), label: `${p.title}（${p.docNumber}）` });
  return {
    actions: approvedActions.map((a) => ({ value: String(a.id), label: recordHeading("action", a, locale) })),
    sectors: sectorOptions(locale),
    policies: approvedPolicies.map(policyOption),
    masterPolicies: approvedPolicies.filter((p) => p.kind === "master").map(policyOption),
    departments: await departmentOptions(locale),
    departmentNames: new Map(allDepartments.map((d) => [String(d.id), local(d, locale)])),
    campaigns: db
      .select({ id: campaigns.id, name: campaigns.name, code: campaigns.code })
      .from(campaigns)
      .where(eq(campaigns.status, "approved"))
      .orderBy(asc(campaigns.code))
      .all()
      .map((c) => ({ value: String(c.id), label: `${c.name}（${c.code}）` })),
    areas: db.select().from(areas).orderBy(asc(areas.id)).all().map((a) => ({ value: String(a.id), label: local(a, locale) })),
  };
}

/** One page of a record type's list, in the reader's scope, with the status of each record's open change. */
export function listRegistry(user: ScopedUser, type: RecordType, query: ListQuery) {
  const db = getDb();
  const result = listRecords(db, type, recordSpec(type).table, user, query);
  const ids = result.rows.map((r) => r.row.id);
  const open = ids.length
    ? db
        .select({ entityId: revisions.entityId, status: revisions.status })
        .from(revisions)
        .where(and(eq(revisions.entityType, type), inArray(revisions.entityId, ids), inArray(revisions.status, ["draft", "submitted"])))
        .all()
    : [];
  const openChange = new Map<number, RevisionStatus>(open.map((r) => [r.entityId!, r.status]));
  return { ...result, openChange };
}

/** The stored row of a record, whoever asks (the caller checks what the user may do with it). */
export function getRecordRow(type: RecordType, id: number): StoredRecord | undefined {
  const table = recordSpec(type).table;
  return getDb().select().from(table).where(eq(table.id, id)).get() as StoredRecord | undefined;
}

export interface HistoryEntry {
  revision: Revision;
  createdByName: string;
  submittedByName: string | null;
  decidedByName: string | null;
  payload: RawValues;
}

/** Every revision of a record, newest first, with who drafted, submitted and decided it. */
export function getRecordHistory(type: RecordType, id: number): HistoryEntry[] {
  const db = getDb();
  const list = revisionHistory(db, type, id);
  const userIds = [...new Set(list.flatMap((r) => [r.createdBy, r.submittedBy, r.decidedBy]).filter((v): v is number => v !== null))];
  const names = new Map(
    userIds.length ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.name]) : [],
  );
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? `#${id}`));
  return list.map((revision) => ({
    revision,
    createdByName: name(revision.createdBy) ?? "",
    submittedByName: name(revision.submittedBy),
    decidedByName: name(revision.decidedBy),
    payload: parsePayload(revision.payload),
  }));
}

export function parsePayload(payload: string): RawValues {
  try {
    const value = JSON.parse(payload) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as RawValues) : {};
  } catch {
    return {};
  }
}

/** A department's and an area's names in the reader's language. */
export function placeNames(place: { departmentId: number; areaId: number }, locale: Locale): { department: string; area: string } {
  const db = getDb();
  const area = db.select().from(areas).where(eq(areas.id, place.areaId)).get();
  const department = db.select().from(departments).where(eq(departments.id, place.departmentId)).get();
  return { department: department ? local(department, locale) : "", area: area ? local(area, locale) : "" };
}

export interface ReadableRecord {
  row: StoredRecord;
  /** The record's values as raw text, as the form and the detail page show them. */
  raw: RawValues;
  areaName: string;
  departmentName: string;
  history: HistoryEntry[];
  /** The change still open (draft or submitted), if any. */
  open: HistoryEntry | undefined;
}

/** One record for a reader: undefined when it does not exist or is outside the reader's scope. */
export function getReadableRecord(user: ScopedUser, type: RecordType, id: number, locale: Locale): ReadableRecord | undefined {
  const db = getDb();
  const row = getRecordRow(type, id);
  if (!row) return undefined;
  const framework = FRAMEWORK_TYPES.has(type) && row.status === "approved";
  if (!framework && !canReadRecord(db, user, row)) return undefined;
  const place = placeNames(row, locale);
  const history = getRecordHistory(type, id);
  return {
    row,
    raw: recordSpec(type).toRaw(row),
    areaName: place.area,
    departmentName: place.department,
    history,
    open: history.find((h) => h.revision.status === "draft" || h.revision.status === "submitted"),
  };
}

/**
 * What the edit form starts from: the newest revision's values when it is a draft or was
 * returned (the author goes on from what they wrote), else the record's stored values.
 */
export function formDefaults(type: RecordType, row: StoredRecord, history: HistoryEntry[]): RawValues {
  const latest = history[0];
  if (latest && (latest.revision.status === "draft" || latest.revision.status === "returned")) return latest.payload;
  return recordSpec(type).toRaw(row);
}

/** True when a manager's area (or one below it) holds this area. */
export function managesArea(user: ScopedUser, areaId: number): boolean {
  return managesAreaIn(getDb(), user, areaId);
}
