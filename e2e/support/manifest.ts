// What the production build contains: every server action and every route handler.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface BuiltAction {
  id: string;
  exportedName: string;
  filename: string;
}

export function builtServerActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, exportedName: a.exportedName, filename: a.filename }));
}

/** URL patterns of the app's route handlers, e.g. "/api/health". */
export function builtRouteHandlers(): string[] {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), ".next/server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((key) => key.endsWith("/route"))
    .map((key) => key.replace(/\/route$/, "").replace(/\/\([^)]+\)/g, ""));
}
