import "server-only";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listAreas } from "@/lib/org/service";
import { readDataVersion } from "@/lib/data-version/cache";
import { leverageBreakdown } from "@/lib/leverage/breakdown";

/** Areas shown on the public page: names and codes only. */
export async function getPublicAreas() {
  await connection();
  return listAreas(getDb()).map(({ id, code, nameZh, nameEn, level }) => ({ id, code, nameZh, nameEn, level }));
}

export function publicSpike() {
  const db = getDb();
  const rows = leverageBreakdown(db, { by: "channel" });
  return { version: readDataVersion(db).version, subsidyFen: rows.reduce((n, r) => n + r.subsidyFen, 0) };
}
