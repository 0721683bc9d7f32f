// Static scans of the project's own source, for tests that enumerate what the code does.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Every file under `dir` (relative to the project root) whose name passes `keep`. */
export function sourceFiles(dir: string, keep: (name: string) => boolean = (n) => /\.(ts|tsx)$/.test(n)): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (keep(name)) out.push(relative(ROOT, full));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** Application source under app/ and lib/: TypeScript, no tests. */
export function appSourceFiles(): string[] {
  return [...sourceFiles("app"), ...sourceFiles("lib")].filter((f) => !/\.test\.tsx?$/.test(f));
}

export function readSource(file: string): string {
  return readFileSync(join(ROOT, file), "utf8");
}
