// Server actions are public POST endpoints and route handlers are public URLs: every one of
// them must go through the guard. This enumerates them from the source (a static check that
// needs nothing to run) and then loads them to check the guard marker on every export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { isPlainNodeChild, plainNodeTests } from "@/lib/testing/plain-node";
import { appSourceFiles, readSource, ROOT, sourceFiles } from "@/lib/testing/source";

/** Route handlers that are public by design, and why. Every other route goes through guardedRoute. */
const PUBLIC_ROUTES: Record<string, string> = {
  // Reachability for load balancers and the test runner; reports no data.
  "app/api/health/route.ts": "health check",
  // Auth.js's own endpoints (csrf, session, callback): the way in cannot require being in.
  "app/api/auth/[...nextauth]/route.ts": "Auth.js endpoints",
  // Open data (CC BY 4.0): read-only GETs of approved aggregates and published statistics, no
  // personal data (lib/open/open-data.test.ts scans every document for it).
  "app/api/open/summary/route.ts": "open data: the city's headline figures and counts",
  "app/api/open/actions/route.ts": "open data: approved actions, targets, progress and counts",
  "app/api/open/campaigns/route.ts": "open data: approved campaigns' funding and leverage figures",
  "app/api/open/batches/route.ts": "open data: approved batches' terms and redemption figures",
  "app/api/open/indicators/route.ts": "open data: published retail-sales indicators of the city and counties",
};

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Route segment config: plain values Next reads, not handlers. */
const ROUTE_CONFIG = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration"]);
const ACTION_FACTORIES = new Set(["guardedAction", "publicAction"]);
const GUARD_MODULES = new Set(["@/lib/auth/guard", "./guard"]);

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readSource(file), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const isDirective = (s: ts.Statement | undefined, text: string) =>
  !!s && ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === text;

const hasExport = (s: ts.Statement) => ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

interface Found {
  file: string;
  name: string;
  factory: string | null;
  detail: string;
}

/** Every export of a file: its name, the function call that made it (if `export const X = f(…)`), and what else it is. */
function exportsOf(sf: ts.SourceFile): { found: Found[]; problems: string[] } {
  const file = sf.fileName;
  const found: Found[] = [];
  const problems: string[] = [];
  const line = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s)) {
      if (s.isTypeOnly) continue;
      const names = s.exportClause && ts.isNamedExports(s.exportClause) ? s.exportClause.elements.map((e) => e.name.text) : ["*"];
      for (const name of names) problems.push(`${line(s)}: \`${s.getText().slice(0, 60)}\` re-exports ${name}; define it here with a guard instead`);
      continue;
    }
    if (ts.isExportAssignment(s)) {
      problems.push(`${line(s)}: export default is not allowed here`);
      continue;
    }
    if (!hasExport(s)) continue;
    if (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) continue;
    if (ts.isVariableStatement(s)) {
      const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of s.declarationList.declarations) {
        const name = d.name.getText();
        if (!isConst) problems.push(`${line(d)}: export ${name} is not const`);
        const init = d.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
          const spec = init.arguments[0];
          const prop = (key: string) =>
            spec && ts.isObjectLiteralExpression(spec)
              ? spec.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === key)?.initializer.getText()
              : undefined;
          const access = init.expression.text === "publicAction" ? "public" : prop("access");
          found.push({ file, name, factory: init.expression.text, detail: `${prop("name") ?? "?"}, access ${access ?? "?"}` });
        } else {
          found.push({ file, name, factory: null, detail: init ? init.getText().slice(0, 60) : "(no initializer)" });
        }
      }
      continue;
    }
    const kind = ts.SyntaxKind[s.kind];
    const name = (s as ts.DeclarationStatement).name?.getText() ?? "?";
    problems.push(`${line(s)}: \`export ${ts.isFunctionDeclaration(s) ? "function" : kind}\` ${name}; define it as export const ${name} = guardedAction(…) or guardedRoute(…)`);
  }
  return { found, problems };
}

/** The factories a file imports from the guard module. */
function guardImports(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !GUARD_MODULES.has(s.moduleSpecifier.text)) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) if (!e.propertyName || e.propertyName.text === e.name.text) names.add(e.name.text);
    }
  }
  return names;
}

const files = appSourceFiles();
const sources = files.map(parse);
const serverFiles = sources.filter((sf) => isDirective(sf.statements[0], "use server"));
const routeFiles = sourceFiles("app", (n) => /^route\.(ts|tsx|js|mjs)$/.test(n));
// The static checks run in the parent only; the child process runs the run-time cases below.
const staticTest: typeof test = isPlainNodeChild(import.meta.url) ? (() => undefined) as unknown as typeof test : test;

staticTest('@security "use server" files export only `export const X = guardedAction(…)` or `publicAction(…)`', (t) => {
  assert.ok(serverFiles.length >= 4, `found only ${serverFiles.length} "use server" files`);
  const problems: string[] = [];
  const enumerated: string[] = [];
  for (const sf of serverFiles) {
    const { found, problems: p } = exportsOf(sf);
    problems.push(...p);
    const imported = guardImports(sf);
    for (const f of found) {
      if (!f.factory || !ACTION_FACTORIES.has(f.factory)) {
        problems.push(`${f.file}: export ${f.name} = ${f.factory ? `${f.factory}(…)` : f.detail} is not made by guardedAction/publicAction`);
      } else if (!imported.has(f.factory)) {
        problems.push(`${f.file}: ${f.factory} is not imported from the guard module`);
      } else {
        enumerated.push(`${f.file}: ${f.name} = ${f.factory}(${f.detail})`);
      }
    }
  }
  t.diagnostic(`${enumerated.length} server actions:`);
  for (const e of enumerated) t.diagnostic(`  ${e}`);
  assert.deepEqual(problems, []);
  assert.ok(enumerated.length >= 10, `found only ${enumerated.length} actions`);
});

staticTest('"use server" appears only as the first statement of a file (no inline server actions)', () => {
  const problems: string[] = [];
  for (const sf of sources) {
    const visit = (node: ts.Node) => {
      if (ts.isExpressionStatement(node) && ts.isStringLiteral(node.expression) && node.expression.text === "use server" && node !== sf.statements[0]) {
        problems.push(`${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: inline "use server" makes an unguarded endpoint`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.deepEqual(problems, []);
});

staticTest("@security every route handler is made by guardedRoute, or listed as public with a reason", (t) => {
  assert.ok(routeFiles.length >= 2, `found only ${routeFiles.length} route files`);
  const problems: string[] = [];
  for (const file of routeFiles) {
    const sf = parse(file);
    if (file in PUBLIC_ROUTES) {
      t.diagnostic(`public route ${file} (${PUBLIC_ROUTES[file]})`);
      continue;
    }
    const { found, problems: p } = exportsOf(sf);
    problems.push(...p);
    const imported = guardImports(sf);
    for (const f of found) {
      if (ROUTE_CONFIG.has(f.name)) continue;
      if (!HTTP_METHODS.has(f.name)) problems.push(`${file}: export ${f.name} is neither an HTTP method nor route config`);
      else if (f.factory !== "guardedRoute" || !imported.has("guardedRoute")) problems.push(`${file}: ${f.name} is not made by guardedRoute`);
      else t.diagnostic(`guarded route ${file}: ${f.name} (${f.detail})`);
    }
  }
  assert.deepEqual(problems, []);
});

staticTest("the public-route allowlist names only routes that exist", () => {
  for (const file of Object.keys(PUBLIC_ROUTES)) assert.ok(routeFiles.includes(file), `${file} is allowlisted but does not exist`);
});

// At run time, every export of a "use server" file and of a guarded route carries the guard's
// marker. Loading these modules needs next-auth, hence the plain-Node child process.
await plainNodeTests(import.meta.url, [
  [
    "at run time, every export of every \"use server\" module is a guarded function",
    async () => {
      const { isGuarded } = await import("./guard");
      let count = 0;
      for (const sf of serverFiles) {
        const mod = (await import(join(ROOT, sf.fileName))) as Record<string, unknown>;
        for (const [name, value] of Object.entries(mod)) {
          assert.ok(isGuarded(value), `${sf.fileName}: ${name} is not guarded`);
          count++;
        }
      }
      assert.ok(count >= 10, `only ${count} exports`);
    },
  ],
  [
    "at run time, every non-allowlisted route handler is guarded",
    async () => {
      const { isGuarded } = await import("./guard");
      for (const file of routeFiles.filter((f) => !(f in PUBLIC_ROUTES))) {
        const mod = (await import(join(ROOT, file))) as Record<string, unknown>;
        for (const [name, value] of Object.entries(mod)) {
          if (ROUTE_CONFIG.has(name)) continue;
          assert.ok(isGuarded(value), `${file}: ${name} is not guarded`);
        }
      }
    },
  ],
]);
