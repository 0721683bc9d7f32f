// Record types that go through the workflow: how an approved revision is applied to its
// record, and what a return does to it. Every registry record type is one entry.
import type { Tx } from "@/db/client";
import type { Revision } from "@/db/schema";
import { RECORD_SPECS } from "@/lib/registry/specs";
import { applyApprovedRevision, markReturned } from "@/lib/registry/records";
import type { ApplyRevision } from "./revisions";

export interface RevisionHandler {
  apply: ApplyRevision;
  returned: (tx: Tx, revision: Revision) => void;
}

export const REVISION_HANDLERS: Record<string, RevisionHandler> = Object.fromEntries(
  Object.values(RECORD_SPECS).map((spec) => [
    spec.type,
    {
      apply: (tx: Tx, revision: Revision) => applyApprovedRevision(tx, spec, revision),
      returned: (tx: Tx, revision: Revision) => markReturned(tx, spec, revision),
    },
  ]),
);
