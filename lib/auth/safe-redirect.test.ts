import { test } from "node:test";
import assert from "node:assert/strict";
import { safeCallbackPath } from "./safe-redirect";

test("@security callback paths on this site are kept", () => {
  assert.equal(safeCallbackPath("/admin/users?page=2"), "/admin/users?page=2");
  assert.equal(safeCallbackPath("/dashboard#top"), "/dashboard#top");
});

test("@security callback URLs that leave the site fall back to the workbench", () => {
  for (const evil of ["//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "javascript:alert(1)", "evil.example", "", "/%0a/evil"]) {
    const kept = safeCallbackPath(evil);
    assert.ok(kept.startsWith("/") && !kept.startsWith("//"), `${JSON.stringify(evil)} gave ${kept}`);
    assert.equal(new URL(kept, "http://site.test").origin, "http://site.test");
  }
  assert.equal(safeCallbackPath("//evil.example"), "/dashboard");
  assert.equal(safeCallbackPath(undefined), "/dashboard");
});
