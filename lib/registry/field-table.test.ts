import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { TARGET_MEASURES } from "@/db/schema";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import { REGISTRY_FIELDS, rawList, rawTargets } from "./field-table";
import { TARGET_SLOTS } from "./measures";
import { recordSpec } from "./specs";
import { RECORD_TYPES } from "./types";

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return node;
}

/** The raw value names a spec's schema reads (the object inside refinements and transforms). */
function schemaKeys(schema: z.ZodType): string[] {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
  assert.ok(inner instanceof z.ZodObject, "a record schema is an object");
  return Object.keys(inner.shape);
}

test("each type's field table names exactly the raw values its schema reads", () => {
  for (const type of RECORD_TYPES) {
    const table = REGISTRY_FIELDS[type].filter((f) => f.kind !== "targets").map((f) => f.name).sort();
    assert.deepEqual(table, schemaKeys(recordSpec(type).schema).sort(), type);
  }
  assert.ok(REGISTRY_FIELDS.action.some((f) => f.kind === "targets"), "actions carry target rows");
});

test("every label the registry pages build from a name exists in both languages", () => {
  const keys = new Set<string>();
  for (const type of RECORD_TYPES) {
    for (const group of ["types", "lists", "newOf", "intros", "departmentOf"]) keys.add(`registry.${group}.${type}`);
    for (const field of REGISTRY_FIELDS[type]) {
      keys.add(`registry.fields.${field.name}`);
      if (field.options && typeof field.options === "object") {
        for (const value of field.options.values) keys.add(`registry.enums.${field.options.name}.${value}`);
      }
    }
  }
  for (const measure of TARGET_MEASURES) keys.add(`registry.measures.${measure}`);
  for (const [locale, tree] of Object.entries({ "zh-CN": zhCN as Tree, en: en as Tree })) {
    for (const key of keys) assert.equal(typeof lookup(tree, key), "string", `${locale}: ${key}`);
  }
});

test("target rows are read in slot order and blank rows are left out; a multi-choice reads arrays and joined text", () => {
  const raw = { target_1_measure: "packages", target_1_value: "40", target_2_measure: "", target_2_value: "", target_3_measure: "events", target_3_value: "" };
  assert.deepEqual(rawTargets(raw, TARGET_SLOTS), [
    { slot: 1, measure: "packages", value: "40" },
    { slot: 3, measure: "events", value: "" },
  ]);
  assert.deepEqual(rawList(["3", "5"]), ["3", "5"]);
  assert.deepEqual(rawList("3,5，7"), ["3", "5", "7"]);
  assert.deepEqual(rawList(undefined), []);
});
