import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePublicPath, publicHref, snapshotKey, snapshotPath } from "./routes";

test("public paths rewrite to their snapshot: the data pages by version, the note without", () => {
  const v = () => 42;
  const data = (path: string) => ({ path, versioned: true });
  assert.deepEqual(snapshotPath("/", v), data("/snapshot/zh-CN/v/42"));
  assert.deepEqual(snapshotPath("/en", v), data("/snapshot/en/v/42"));
  assert.deepEqual(snapshotPath("/en/", v), data("/snapshot/en/v/42"));
  assert.deepEqual(snapshotPath("/open-data", v), data("/snapshot/zh-CN/v/42/open-data"));
  assert.deepEqual(snapshotPath("/en/open-data", v), data("/snapshot/en/v/42/open-data"));
  const note = (path: string) => ({ path, versioned: false });
  assert.deepEqual(snapshotPath("/leverage", () => assert.fail("the note does not read the version")), note("/snapshot/zh-CN/leverage"));
  assert.deepEqual(snapshotPath("/en/leverage", v), note("/snapshot/en/leverage"));
});

test("anything else is not a public page", () => {
  for (const path of ["/reports", "/login", "/en/reports", "/open-data/x", "/snapshot/zh-CN/v/1", "/en/en", "/zh-CN"]) {
    assert.equal(parsePublicPath(path), null, path);
    assert.equal(snapshotPath(path, () => 1), null, path);
  }
});

test("links to a public page in each language", () => {
  assert.equal(publicHref("", "zh-CN"), "/");
  assert.equal(publicHref("", "en"), "/en");
  assert.equal(publicHref("open-data", "en"), "/en/open-data");
  assert.equal(publicHref("leverage", "zh-CN"), "/leverage");
});

test("a snapshot is keyed by the database's instance and its version: another database's version 42 is another page", () => {
  assert.equal(snapshotKey({ instance: "0123456789abcdef", version: 42 }), "0123456789abcdef-42");
  assert.notEqual(snapshotKey({ instance: "0123456789abcdef", version: 42 }), snapshotKey({ instance: "fedcba9876543210", version: 42 }));
  assert.equal(snapshotPath("/en", () => snapshotKey({ instance: "0123456789abcdef", version: 42 }))?.path, "/snapshot/en/v/0123456789abcdef-42");
});
