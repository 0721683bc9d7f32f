import "server-only";
import { getDb } from "@/db/client";
import { readDataVersion } from "@/lib/data-version/cache";

/** When the figures last changed: the update time the /open-data page shows. */
export function getOpenDataUpdatedAt(): Date {
  return readDataVersion(getDb()).changedAt;
}
