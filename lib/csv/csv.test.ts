import { test } from "node:test";
import assert from "node:assert/strict";
import { CsvSyntaxError, neutraliseFormula, parseCsv, restoreFormula, toCsv } from "./csv";

const cells = (text: string) => parseCsv(text).map((r) => r.cells);
const lines = (text: string) => parseCsv(text).map((r) => r.line);

test("plain fields, CRLF, LF and a lone CR all end a record", () => {
  assert.deepEqual(cells("a,b,c\r\n1,2,3\n4,5,6\r7,8,9"), [
    ["a", "b", "c"],
    ["1", "2", "3"],
    ["4", "5", "6"],
    ["7", "8", "9"],
  ]);
  assert.deepEqual(lines("a\r\nb\nc\rd"), [1, 2, 3, 4]);
});

test("quoted fields: commas, escaped quotes, line breaks, and empty quoted fields", () => {
  assert.deepEqual(cells('"a,b","say ""hi""","",x\r\n'), [["a,b", 'say "hi"', "", "x"]]);
  assert.deepEqual(cells('"line 1\r\nline 2\nline 3",next'), [["line 1\r\nline 2\nline 3", "next"]]);
  assert.deepEqual(cells('""""'), [['"']]);
  assert.deepEqual(cells('""'), [[""]]);
});

test("each record carries the physical line it starts on, counting line breaks inside quotes", () => {
  const text = 'h1,h2\r\n"two\r\nlines",x\r\nplain,y\r\n"three\nphysical\rlines",z\n\nlast,w';
  assert.deepEqual(lines(text), [1, 2, 4, 5, 9]);
  assert.deepEqual(parseCsv(text)[4]!.cells, ["last", "w"]);
});

test("a UTF-8 BOM is stripped; a trailing newline and empty lines add no records", () => {
  assert.deepEqual(cells("\uFEFF名称,预算\r\n甲,1\r\n\r\n\r\n乙,2\r\n"), [
    ["名称", "预算"],
    ["甲", "1"],
    ["乙", "2"],
  ]);
  assert.deepEqual(parseCsv(""), []);
  assert.deepEqual(parseCsv("\uFEFF"), []);
  assert.deepEqual(parseCsv("\r\n\n"), []);
  // Only the first BOM is a BOM; one later is data.
  assert.deepEqual(cells("\uFEFF\uFEFFa"), [["\uFEFFa"]]);
});

test("empty fields, a trailing comma, spaces and a quote inside an unquoted field are kept as written", () => {
  assert.deepEqual(cells(",,\r\na,\r\n"), [
    ["", "", ""],
    ["a", ""],
  ]);
  assert.deepEqual(cells(" a , b "), [[" a ", " b "]]);
  assert.deepEqual(cells('5" screen,x'), [['5" screen', "x"]]);
  assert.deepEqual(cells("汽车类,家用电器和音像器材类,🚗"), [["汽车类", "家用电器和音像器材类", "🚗"]]);
});

test("a quote never closed names the line it opened on; text after a closing quote is refused", () => {
  assert.throws(
    () => parseCsv('a,b\r\nc,"open\r\nstill open\r\n'),
    (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && e.reason === "unterminatedQuote",
  );
  assert.throws(
    () => parseCsv('a\r\nb\r\n"x"y,z'),
    (e: unknown) => e instanceof CsvSyntaxError && e.line === 3 && e.reason === "textAfterQuote",
  );
});

test("toCsv: BOM, CRLF, quoting only when needed", () => {
  assert.equal(toCsv([["a", "b"], ["c,d", 'e"f'], ["g\nh", ""]]), '\uFEFFa,b\r\n"c,d","e""f"\r\n"g\nh",\r\n');
  assert.equal(toCsv([]), "\uFEFF");
  assert.equal(toCsv([[""]]), '\uFEFF""\r\n');
});

test("formula cells are neutralised on export and restored on import", () => {
  for (const dangerous of ["=1+1", "+86 530", "-5", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil.example","点我")']) {
    assert.equal(neutraliseFormula(dangerous), `'${dangerous}`);
    assert.equal(restoreFormula(neutraliseFormula(dangerous)), dangerous);
  }
  for (const safe of ["", "a=b", "'plain", "1500.00", "2025-01-01", " =leading space", "菏泽"]) {
    assert.equal(neutraliseFormula(safe), safe);
    assert.equal(restoreFormula(safe), safe);
  }
  // A cell that already starts with an apostrophe before a formula character survives too.
  for (const tricky of ["'=1", "''=1", "'-", "'''@x"]) {
    assert.equal(neutraliseFormula(tricky), `'${tricky}`);
    assert.equal(restoreFormula(neutraliseFormula(tricky)), tricky);
  }
  assert.equal(toCsv([["=1+1", "ok"]]), "\uFEFF'=1+1,ok\r\n");
  // What Excel shows: the cell starts with an apostrophe, not with "=".
  assert.ok(!toCsv([["@cmd", "-2", "+1", "\t=x", "\r=x"]]).split(/,|\r\n/).some((c) => /^["]?[=+\-@\t\r]/.test(c.replace(/^\uFEFF/, ""))));
});

/** A small deterministic PRNG, so a failure reproduces. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test("round trip: parse(toCsv(rows)) with restored formulas gives the rows back, for awkward cells", () => {
  const alphabet = ['"', ",", "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", " ", "a", "汽", "\uFEFF", "0", ";"];
  const random = prng(20260501);
  for (let round = 0; round < 300; round++) {
    const width = 1 + Math.floor(random() * 5);
    const rows: string[][] = [];
    for (let r = 0; r < 1 + Math.floor(random() * 5); r++) {
      const row: string[] = [];
      for (let c = 0; c < width; c++) {
        let cell = "";
        for (let k = Math.floor(random() * 8); k > 0; k--) cell += alphabet[Math.floor(random() * alphabet.length)];
        row.push(cell);
      }
      rows.push(row);
    }
    const back = parseCsv(toCsv(rows)).map((r) => r.cells.map(restoreFormula));
    assert.deepEqual(back, rows, JSON.stringify(rows));
  }
});
