import { test } from "node:test";
import assert from "node:assert/strict";
import { auditSearchString, hasAuditFilters, parseAuditSearch } from "./filters";

test("valid filters are kept, trimmed", () => {
  const { filters, page } = parseAuditSearch({
    actor: "  admin ",
    action: "login",
    entity: "session",
    outcome: "failure",
    from: "2026-11-01",
    to: "2026-11-27",
    page: "3",
  });
  assert.deepEqual(filters, { actor: "admin", action: "login", entity: "session", outcome: "failure", from: "2026-11-01", to: "2026-11-27" });
  assert.equal(page, 3);
});

test("invalid values are ignored one by one, never an error", () => {
  const { filters, page } = parseAuditSearch({
    actor: "x".repeat(65),
    action: ["login", "logout"],
    entity: "",
    outcome: "deleted",
    from: "2026-02-30",
    to: "'; drop table audit_log; --",
    page: "-2",
  });
  assert.deepEqual(filters, { actor: undefined, action: undefined, entity: undefined, outcome: undefined, from: undefined, to: undefined });
  assert.equal(hasAuditFilters(filters), false);
  assert.equal(page, 1);
  assert.equal(parseAuditSearch({ page: "2.5" }).page, 1);
  assert.equal(parseAuditSearch({}).page, 1);
});

test("the query string carries the filters and the page", () => {
  assert.equal(auditSearchString({ actor: "王", outcome: "denied" }, 2), "?actor=%E7%8E%8B&outcome=denied&page=2");
  assert.equal(auditSearchString({}, 1), "");
  assert.equal(auditSearchString({ action: "login" }), "?action=login");
});
