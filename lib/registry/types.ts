import type { z } from "zod";
import type { Tx } from "@/db/client";
import type { actions, batches, campaigns, carriers, events, packages, policies, RecordStatus, retailIndicators } from "@/db/schema";

export const RECORD_TYPES = ["policy", "action", "package", "event", "carrier", "campaign", "batch", "indicator"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export type RegistryTable = typeof policies | typeof actions | typeof packages | typeof events | typeof carriers | typeof campaigns | typeof batches | typeof retailIndicators;

/** The columns every registry row has, whatever its type. */
export interface RecordRow {
  id: number;
  departmentId: number;
  areaId: number;
  status: RecordStatus;
  approvedAt: Date | null;
  createdBy: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Who keeps a record: its department and area. */
export interface RecordPlace {
  departmentId: number;
  areaId: number;
}

/** Raw values as a form or a CSV line carries them: text, or several texts for a multi-choice. */
export type RawValues = Record<string, string | string[] | undefined>;

/**
 * One record type of the registry: how its input is validated, stored and shown back.
 * Forms, CSV import/export, the workflow and the lists all go through this one description.
 */
export interface RecordSpec<Input = Record<string, unknown>, Row extends RecordRow = RecordRow> {
  type: RecordType;
  table: RegistryTable;
  /** Parses raw values (form fields or CSV cells) — the same rules for both. */
  schema: z.ZodType<Input>;
  /** A one-line label for lists, the inbox and the audit log (`tx` to name what an id refers to). */
  title(input: Input, tx: Tx): string;
  /** The row's own columns from a parsed input (not department/area/status). */
  toColumns(input: Input): Record<string, unknown>;
  /** A stored row back as raw values: form defaults, CSV cells, the payload of a copy. */
  toRaw(row: Row): RawValues;
  /**
   * References must exist (and codes be free): throws a field error otherwise. `id` is the
   * record being saved or approved, undefined for a new one; `place` is the department and
   * area the record belongs to (the author's for a new one).
   */
  checkReferences(tx: Tx, input: Input, id: number | undefined, place: RecordPlace): void;
}

/** URL segments of the registry pages: /registry/packages/12 and so on. */
export const RECORD_SEGMENTS: Record<RecordType, string> = {
  policy: "policies",
  action: "actions",
  package: "packages",
  event: "events",
  carrier: "carriers",
  campaign: "campaigns",
  batch: "batches",
  indicator: "indicators",
};

export function recordTypeOfSegment(segment: string): RecordType | undefined {
  return (Object.keys(RECORD_SEGMENTS) as RecordType[]).find((type) => RECORD_SEGMENTS[type] === segment);
}

export function recordPath(type: RecordType, id?: number): string {
  return id === undefined ? `/registry/${RECORD_SEGMENTS[type]}` : `/registry/${RECORD_SEGMENTS[type]}/${id}`;
}

/**
 * Approved policies and actions are the framework everyone works under: every signed-in user
 * reads them (county staff file packages under city actions). Their drafts stay in scope.
 */
export const FRAMEWORK_TYPES: ReadonlySet<RecordType> = new Set(["policy", "action"]);
