// Record types that go through the workflow register how an approved payload is applied.
// Each record issue adds its entry here.
import type { ApplyRevision } from "./revisions";

export const REVISION_HANDLERS: Record<string, ApplyRevision> = {};
