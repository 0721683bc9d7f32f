import { test } from "node:test";
import assert from "node:assert/strict";
import { Cells, cleanCell, indexHeader, parseLocalTime, splitLine } from "./cells";

test("cells split by commas, quoted cells may hold commas and doubled quotes", () => {
  assert.deepEqual(splitLine("`a,`b,,c"), ["`a", "`b", "", "c"]);
  assert.deepEqual(splitLine('x,"惠民,超市","5""",y'), ["x", "惠民,超市", '5"', "y"]);
  assert.deepEqual(splitLine('"a"b,c'), ["ab", "c"]);
  assert.equal(splitLine('x,"never closed'), null);
});

test("a backtick, surrounding spaces and a trailing tab are cleaned off", () => {
  assert.equal(cleanCell("`2025060122001456781234567890"), "2025060122001456781234567890");
  assert.equal(cleanCell("2025060122001456781234567890\t"), "2025060122001456781234567890");
  assert.equal(cleanCell(" ` 100.00 \t "), "100.00");
  assert.equal(cleanCell(undefined), "");
});

test("local times become ISO with +08:00; impossible times are refused", () => {
  assert.equal(parseLocalTime("2025-06-01 10:00:00"), "2025-06-01T10:00:00+08:00");
  assert.equal(parseLocalTime("2025/06/01 10:00"), "2025-06-01T10:00:00+08:00");
  assert.equal(parseLocalTime("2025-06-01T10:00:00+08:00"), "2025-06-01T10:00:00+08:00");
  assert.equal(parseLocalTime("2024-02-29 23:59:59"), "2024-02-29T23:59:59+08:00");
  for (const bad of ["2025-02-29 10:00:00", "2025-06-01 24:00:00", "2025-06-01 10:60:00", "2025-13-01 10:00:00", "2025-06-01", "2025-06-01 10:00:00Z", "6/1/2025 10:00"]) {
    assert.equal(parseLocalTime(bad), null, bad);
  }
});

test("a cell read from an unsplit line is what splitting and cleaning give", () => {
  const index = indexHeader(["a", "b", "c", "d", "e"]);
  for (const line of ["`1,`2.00,`,``x,` y ", "1,\t2\t, ` 3,商户,", "`,,", "x", '"q,1",`2,3', " `a` , b,c,d,e,f"]) {
    const cells = Cells.of(index, line)!;
    const split = splitLine(line)!;
    for (const [name, i] of index) assert.equal(cells.get(name), cleanCell(split[i]), `${JSON.stringify(line)} ${name}`);
  }
});
