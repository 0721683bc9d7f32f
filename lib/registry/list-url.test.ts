import { test } from "node:test";
import assert from "node:assert/strict";
import { listQuerySchema } from "./list";
import { isFiltered, listSearch, sortSearch } from "./list-url";

const query = listQuerySchema.parse({ q: "汽车 以旧换新", status: "approved", areaId: "3", sort: "budgetFen", dir: "desc", page: "4" });

test("a list's query string keeps every value in a fixed order and leaves out page 1", () => {
  assert.equal(listSearch(query), "?q=%E6%B1%BD%E8%BD%A6+%E4%BB%A5%E6%97%A7%E6%8D%A2%E6%96%B0&areaId=3&status=approved&sort=budgetFen&dir=desc&page=4");
  assert.equal(listSearch(query, { page: 1, q: undefined }), "?areaId=3&status=approved&sort=budgetFen&dir=desc");
  assert.equal(listSearch(listQuerySchema.parse({})), "");
});

test("the same column turns the direction round; another column starts in its own default", () => {
  const current = { sort: "budgetFen", dir: "desc" as const };
  assert.match(sortSearch(query, current, "budgetFen"), /sort=budgetFen&dir=asc$/);
  assert.match(sortSearch(query, { ...current, dir: "asc" }, "budgetFen"), /sort=budgetFen&dir=desc$/);
  assert.match(sortSearch(query, current, "name"), /status=approved&sort=name$/);
  assert.doesNotMatch(sortSearch(query, current, "name"), /page=/);
});

test("sorting and paging alone do not count as filtering", () => {
  assert.equal(isFiltered(listQuerySchema.parse({ sort: "name", page: "2" })), false);
  assert.equal(isFiltered(listQuerySchema.parse({ status: "draft" })), true);
  assert.equal(isFiltered(listQuerySchema.parse({ q: "  " })), false);
});
