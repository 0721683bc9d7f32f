import "server-only";
import { getDb } from "@/db/client";
import { openActionsResponse } from "./actions";
import { openBatchesResponse } from "./batches";

/** The open-data answer for /api/open/actions, read with the process's connection. */
export function getOpenActionsResponse(options: Parameters<typeof openActionsResponse>[1]) {
  return openActionsResponse(getDb(), options);
}

/** The open-data answer for /api/open/batches. */
export function getOpenBatchesResponse(options: Parameters<typeof openBatchesResponse>[1]) {
  return openBatchesResponse(getDb(), options);
}
