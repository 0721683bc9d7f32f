import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { AREA_LEVELS, REVISION_STATUSES, ROLES } from "@/db/schema";
import { appSourceFiles, readSource, ROOT } from "@/lib/testing/source";
import { CLIENT_NAMESPACES, clientMessages } from "./messages";
import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };
const LOCALES: Record<string, Tree> = { "zh-CN": zhCN, en };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, `${path}.`)) out.set(k, v);
  }
  return out;
}

function lookup(tree: Tree, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path === "" ? [] : path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return node;
}

/** Top-level ICU arguments of a message: "{name}" and "{count, plural, …}" give name and count. */
function icuArguments(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!).sort();
}

test("zh-CN.json and en.json have exactly the same keys", () => {
  const zh = leaves(zhCN);
  const english = leaves(en);
  assert.deepEqual([...zh.keys()].filter((k) => !english.has(k)), [], "keys only in zh-CN.json");
  assert.deepEqual([...english.keys()].filter((k) => !zh.has(k)), [], "keys only in en.json");
  assert.ok(zh.size > 100, `only ${zh.size} messages?`);
});

test("no message is empty, and both languages use the same placeholders", () => {
  for (const [locale, tree] of Object.entries(LOCALES)) {
    for (const [key, value] of leaves(tree)) assert.notEqual(value.trim(), "", `${locale}: ${key} is empty`);
  }
  const english = leaves(en);
  for (const [key, zh] of leaves(zhCN)) {
    assert.deepEqual(icuArguments(zh), icuArguments(english.get(key) ?? ""), `placeholders of ${key}`);
  }
});

test("every role, area level and revision status has a label", () => {
  for (const tree of Object.values(LOCALES)) {
    for (const role of ROLES) assert.equal(typeof lookup(tree, `roles.${role}`), "string", `roles.${role}`);
    for (const level of AREA_LEVELS) assert.equal(typeof lookup(tree, `areaLevels.${level}`), "string", `areaLevels.${level}`);
    for (const status of REVISION_STATUSES) assert.equal(typeof lookup(tree, `workflow.${status}`), "string", `workflow.${status}`);
  }
});

test("every error code and message key the code can raise has a message under errors", () => {
  const keys = new Set<string>();
  const codes = /export type AppErrorCode = ([^;]+);/.exec(readSource("lib/errors.ts"))![1]!;
  for (const m of codes.matchAll(/"(\w+)"/g)) keys.add(m[1]!);
  assert.ok(keys.has("UNAUTHENTICATED") && keys.has("ERROR"));
  const reasons = /readonly reason: ([^,)]+)/.exec(readSource("lib/workflow/revisions.ts"))![1]!;
  for (const m of reasons.matchAll(/"(\w+)"/g)) keys.add(`workflow.${m[1]}`);
  assert.ok(keys.has("workflow.ownSubmission"));
  for (const file of appSourceFiles()) {
    const src = readSource(file);
    // fieldError("field", "key"…) and new AppError(CODE, "key"…)
    for (const m of src.matchAll(/fieldError\(\s*"[^"]+",\s*"([^"]+)"/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/new AppError\(\s*"[A-Z_]+",\s*"([^"]+)"/g)) keys.add(m[1]!);
    // zod messages in the schemas: { error: "key" }
    if (/(^|\/)(schema|validation)\.ts$/.test(file)) for (const m of src.matchAll(/error: "([^"]+)"/g)) keys.add(m[1]!);
  }
  assert.ok(keys.size > 30, `found only ${keys.size} keys`);
  for (const [locale, tree] of Object.entries(LOCALES)) {
    for (const key of keys) assert.equal(typeof lookup(tree, `errors.${key}`), "string", `${locale}: errors.${key}`);
  }
});

// ── the static scan of translation calls ─────────────────────────────────────

interface Use {
  file: string;
  line: number;
  namespace: string;
  key: string;
}

const TRANSLATOR_FACTORIES = new Set(["getTranslations", "useTranslations"]);

function scanTranslations(): { namespaces: Array<Omit<Use, "key">>; keys: Use[]; dynamic: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const files = appSourceFiles().map((f) => join(ROOT, f));
  const program = ts.createProgram(files, { ...config.options, incremental: false, noEmit: true });
  const checker = program.getTypeChecker();
  const namespaces: Array<Omit<Use, "key">> = [];
  const keys: Use[] = [];
  const dynamic: string[] = [];

  const strip = (e: ts.Expression): ts.Expression => {
    while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
    return e;
  };

  /** getTranslations("ns") / useTranslations({ namespace: "ns" }) → "ns"; no argument → "" (root); non-literal → null. */
  const namespaceOf = (expr: ts.Expression | undefined): string | null | undefined => {
    if (!expr) return undefined;
    const e = strip(expr);
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || !TRANSLATOR_FACTORIES.has(e.expression.text)) return undefined;
    const arg = e.arguments[0];
    if (!arg) return "";
    if (ts.isStringLiteralLike(arg)) return arg.text;
    if (ts.isObjectLiteralExpression(arg)) {
      const prop = arg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "namespace");
      if (!prop) return "";
      if (ts.isPropertyAssignment(prop) && ts.isStringLiteralLike(prop.initializer)) return prop.initializer.text;
    }
    return null;
  };

  /** The namespace a translator variable was made for, following `const [t, tx] = await Promise.all([...])`. */
  const translatorNamespace = (callee: ts.Expression): string | null | undefined => {
    const direct = namespaceOf(callee);
    if (direct !== undefined) return direct;
    if (!ts.isIdentifier(callee)) return undefined;
    const decl = checker.getSymbolAtLocation(callee)?.declarations?.[0];
    if (!decl) return undefined;
    if (ts.isVariableDeclaration(decl)) return namespaceOf(decl.initializer);
    if (ts.isBindingElement(decl) && ts.isArrayBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent)) {
      const index = decl.parent.elements.indexOf(decl);
      const init = decl.parent.parent.initializer && strip(decl.parent.parent.initializer);
      if (init && ts.isCallExpression(init) && init.expression.getText() === "Promise.all" && init.arguments[0] && ts.isArrayLiteralExpression(init.arguments[0])) {
        return namespaceOf(init.arguments[0].elements[index]);
      }
    }
    return undefined;
  };

  /** The literal keys an argument can hold: a literal, or a union of string literal types. */
  const keysOf = (arg: ts.Expression): string[] | null => {
    if (ts.isStringLiteralLike(arg)) return [arg.text];
    const type = checker.getTypeAtLocation(arg);
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((p) => p.isStringLiteral()) ? parts.map((p) => (p as ts.StringLiteralType).value) : null;
  };

  for (const sourceFile of program.getSourceFiles()) {
    if (!files.includes(sourceFile.fileName)) continue;
    const file = sourceFile.fileName.slice(ROOT.length + 1);
    const where = (node: ts.Node) => sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const ns = namespaceOf(node);
        if (ns !== undefined) {
          if (ns === null) dynamic.push(`${file}:${where(node)} namespace ${node.getText()}`);
          else namespaces.push({ file, line: where(node), namespace: ns });
        }
        let callee: ts.Expression = node.expression;
        let method = "";
        if (ts.isPropertyAccessExpression(callee) && ["rich", "markup", "raw"].includes(callee.name.text)) {
          method = callee.name.text;
          callee = callee.expression;
        }
        const translator = translatorNamespace(callee);
        if (typeof translator === "string" && node.arguments[0]) {
          const literal = keysOf(node.arguments[0]);
          if (literal) for (const key of literal) keys.push({ file, line: where(node), namespace: translator, key });
          else dynamic.push(`${file}:${where(node)} ${method ? `${method} ` : ""}${node.getText().slice(0, 60)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return { namespaces, keys, dynamic };
}

const scan = scanTranslations();

test("every namespace passed to getTranslations/useTranslations exists", (t) => {
  assert.ok(scan.namespaces.length >= 15, `found only ${scan.namespaces.length} translator calls`);
  for (const use of scan.namespaces) {
    for (const [locale, tree] of Object.entries(LOCALES)) {
      const node = lookup(tree, use.namespace);
      assert.ok(node !== undefined && typeof node !== "string", `${use.file}:${use.line}: namespace "${use.namespace}" missing in ${locale}`);
    }
  }
  t.diagnostic(`namespaces used: ${[...new Set(scan.namespaces.map((u) => u.namespace))].sort().join(", ")}`);
});

test("every literal key passed to a translator exists in its namespace", (t) => {
  assert.ok(scan.keys.length >= 60, `found only ${scan.keys.length} literal keys`);
  for (const use of scan.keys) {
    const path = use.namespace ? `${use.namespace}.${use.key}` : use.key;
    for (const [locale, tree] of Object.entries(LOCALES)) {
      assert.equal(typeof lookup(tree, path), "string", `${use.file}:${use.line}: "${path}" missing in ${locale}`);
    }
  }
  t.diagnostic(`${scan.keys.length} literal keys checked; not checkable statically (the key is computed):`);
  for (const d of scan.dynamic) t.diagnostic(`  ${d}`);
});

test("the messages sent to the browser cover every namespace a client component translates with, and no more", () => {
  const used = new Set<string>();
  for (const file of appSourceFiles()) {
    const source = readSource(file);
    if (!/^\s*["']use client["']/.test(source)) continue;
    for (const [, ns] of source.matchAll(/useTranslations\(\s*["']([\w.]+)["']\s*\)/g)) used.add(ns!);
  }
  const covered = (ns: string) => CLIENT_NAMESPACES.some((sent) => ns === sent || ns.startsWith(`${sent}.`));
  assert.deepEqual([...used].filter((ns) => !covered(ns)), [], "add these to CLIENT_NAMESPACES in lib/i18n/messages.ts");
  assert.deepEqual(CLIENT_NAMESPACES.filter((sent) => ![...used].some((ns) => ns === sent || ns.startsWith(`${sent}.`))), [], "no client component uses these");
  for (const locale of ["zh-CN", "en"] as const) {
    const sent = clientMessages(locale) as Tree;
    for (const ns of CLIENT_NAMESPACES) assert.deepEqual(lookup(sent, ns), lookup(LOCALES[locale]!, ns));
  }
});
