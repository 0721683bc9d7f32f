import "server-only";
// Progress and the framework overview for pages, read with the process's connection.
import { getDb } from "@/db/client";
import { loadFramework, type Framework } from "./framework";
import { loadActionProgress, todayInShanghai, type ActionProgress } from "./progress";

export function getActionProgress(actionId: number, today: string = todayInShanghai()): ActionProgress | null {
  return loadActionProgress(getDb(), actionId, today);
}

export function getFramework(today: string = todayInShanghai()): Framework {
  return loadFramework(getDb(), today);
}
