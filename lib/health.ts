import "server-only";
import { getDb } from "@/db/client";

export function checkHealth(): { status: "ok" | "unavailable"; database: "ok" | "unreachable" } {
  try {
    const db = getDb().$client;
    db.prepare("select 1").get();
    if (db.pragma("foreign_keys", { simple: true }) !== 1) throw new Error("foreign_keys off");
    return { status: "ok", database: "ok" };
  } catch (error) {
    console.error("[health] database check failed", error);
    return { status: "unavailable", database: "unreachable" };
  }
}
