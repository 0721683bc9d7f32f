// One report table written as CSV and XLSX: units in the header, money exact to the fen (no float
// rounding even where fen / 100 has no exact binary form), formula-like text neutralised in CSV
// and kept as text in XLSX, numbers as number cells.
import { test } from "node:test";
import assert from "node:assert/strict";
import { strFromU8, unzipSync } from "fflate";
import { parseCsv } from "@/lib/csv/csv";
import { tableToCsv } from "./csv";
import { count, leverage, money, NONE, percent, text, type ReportTable } from "./table";
import { columnName, scaledDecimal, sheetName, tableToXlsx } from "./xlsx";

const table: ReportTable = {
  id: "sample",
  title: "按商户",
  caption: "样表",
  columns: [
    { key: "merchant", label: "商户", unit: "text" },
    { key: "redeemed", label: "核销", unit: "count", unitLabel: "笔" },
    { key: "subsidy", label: "补贴 S", unit: "yuan", unitLabel: "元" },
    { key: "gross", label: "拉动消费 G", unit: "yuan", unitLabel: "元" },
    { key: "leverage", label: "毛杠杆 G/S", unit: "ratio" },
    { key: "rate", label: "核销率", unit: "percent", unitLabel: "%" },
  ],
  rows: [
    [text("=HYPERLINK(\"http://evil\")"), count(3), money(1_999_999_999_99), money(110), leverage(12_000, 2_000), percent(375)],
    [text("-5 & <b>"), count(0), money(-7), money(0), NONE, percent(null)],
  ],
  foot: [[text("合计"), count(3), money(1_999_999_999_92), money(110), leverage(110, 1_999_999_999_92), NONE]],
};

test("@security CSV: BOM, units in the header, exact yuan, formula-like text neutralised, nothing as empty", () => {
  const csv = tableToCsv(table, "zh-CN");
  assert.ok(csv.startsWith("\uFEFF"));
  const records = parseCsv(csv).map((r) => r.cells);
  assert.deepEqual(records[0], ["商户", "核销（笔）", "补贴 S（元）", "拉动消费 G（元）", "毛杠杆 G/S", "核销率（%）"]);
  assert.deepEqual(records[1], ["'=HYPERLINK(\"http://evil\")", "3", "1999999999.99", "1.10", "1 : 6", "37.5%"]);
  assert.deepEqual(records[2], ["'-5 & <b>", "0", "-0.07", "0.00", "", ""]);
  assert.deepEqual(records[3]?.slice(0, 3), ["合计", "3", "1999999999.92"]);
  assert.equal(tableToCsv(table, "en").split("\r\n")[0], "\uFEFF商户,核销 (笔),补贴 S (元),拉动消费 G (元),毛杠杆 G/S,核销率 (%)");
});

test("exact decimals from integers; column names; sheet names Excel accepts", () => {
  assert.equal(scaledDecimal(375, 3), "0.375");
  assert.equal(scaledDecimal(-5, 3), "-0.005");
  assert.equal(scaledDecimal(1_000, 3), "1.000");
  assert.deepEqual([0, 25, 26, 701, 702].map(columnName), ["A", "Z", "AA", "ZZ", "AAA"]);
  assert.equal(sheetName("a/b:c[d]*?"), "a b c d");
  assert.equal(sheetName("x".repeat(40)).length, 31);
});

/** The sheet's cells by reference: the type, the style and the value or inline text. */
function sheetCells(bytes: Uint8Array): Map<string, { t: string | null; s: string | null; v: string }> {
  const files = unzipSync(bytes);
  for (const part of ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"]) {
    assert.ok(files[part], `part ${part}`);
  }
  assert.match(strFromU8(files["xl/workbook.xml"]!), /<sheet name="按商户"/);
  const xml = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const cells = new Map<string, { t: string | null; s: string | null; v: string }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/g)) {
    const attrs = m[2]!;
    const body = m[3]!;
    const value = /<v>(.*?)<\/v>/.exec(body)?.[1] ?? /<t xml:space="preserve">(.*?)<\/t>/.exec(body)?.[1] ?? "";
    cells.set(m[1]!, { t: / t="([^"]+)"/.exec(attrs)?.[1] ?? null, s: / s="([^"]+)"/.exec(attrs)?.[1] ?? null, v: value });
  }
  return cells;
}

test("XLSX: the parts, the header with units, numbers as numbers exact to the fen, text as inline text", () => {
  const cells = sheetCells(tableToXlsx(table, "zh-CN"));
  assert.deepEqual(cells.get("C1"), { t: "inlineStr", s: "1", v: "补贴 S（元）" });
  assert.deepEqual(cells.get("A2"), { t: "inlineStr", s: null, v: "=HYPERLINK(&quot;http://evil&quot;)" });
  assert.deepEqual(cells.get("B2"), { t: null, s: "3", v: "3" });
  assert.deepEqual(cells.get("C2"), { t: null, s: "2", v: "1999999999.99" });
  assert.deepEqual(cells.get("D2"), { t: null, s: "2", v: "1.10" });
  assert.deepEqual(cells.get("E2"), { t: "inlineStr", s: null, v: "1 : 6" });
  assert.deepEqual(cells.get("F2"), { t: null, s: "4", v: "0.375" });
  assert.deepEqual(cells.get("A3"), { t: "inlineStr", s: null, v: "-5 &amp; &lt;b&gt;" });
  assert.deepEqual(cells.get("C3"), { t: null, s: "2", v: "-0.07" });
  assert.equal(cells.has("E3"), false, "nothing known is an empty cell");
  assert.deepEqual(cells.get("A4"), { t: "inlineStr", s: "1", v: "合计" });
  assert.deepEqual(cells.get("C4"), { t: null, s: "2", v: "1999999999.92" });
});
