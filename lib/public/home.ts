import "server-only";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listAreas } from "@/lib/org/service";

/** Areas shown on the public page: names and codes only. */
export async function getPublicAreas() {
  await connection();
  return listAreas(getDb()).map(({ id, code, nameZh, nameEn, level }) => ({ id, code, nameZh, nameEn, level }));
}
