import "server-only";
import { getDb } from "@/db/client";
import { listAreas } from "@/lib/org/service";

/** Areas shown on the public page: names and codes only. */
export function getPublicAreas() {
  return listAreas(getDb()).map(({ id, code, nameZh, nameEn, level }) => ({ id, code, nameZh, nameEn, level }));
}
