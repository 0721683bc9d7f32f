import type { RecordSpec, RecordType } from "../types";
import { actionSpec } from "./action";
import { batchSpec } from "./batch";
import { campaignSpec } from "./campaign";
import { carrierSpec } from "./carrier";
import { eventSpec } from "./event";
import { indicatorSpec } from "./indicator";
import { packageSpec } from "./package";
import { policySpec } from "./policy";

// Each spec is typed with its own input and row; chosen by name, only the common shape is known.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordSpec = RecordSpec<any, any>;

export const RECORD_SPECS: Record<RecordType, AnyRecordSpec> = {
  policy: policySpec,
  action: actionSpec,
  package: packageSpec,
  event: eventSpec,
  carrier: carrierSpec,
  campaign: campaignSpec,
  batch: batchSpec,
  indicator: indicatorSpec,
};

export function recordSpec(type: RecordType): AnyRecordSpec {
  return RECORD_SPECS[type];
}
