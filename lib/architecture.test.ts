import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = process.cwd();

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

// architecture.md: app/ never imports db/ directly; pages and handlers go through lib/.
test("no file under app/ imports the database client or schema module directly", () => {
  const offenders = files(join(ROOT, "app")).filter((file) => /from\s+["'](@\/db\/client|(\.\.\/)+db\/client)["']/.test(readFileSync(file, "utf8")));
  assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
});
