// A report table as an XLSX workbook: the OOXML parts written here (content types, relations,
// workbook, styles, one sheet with inline strings) and zipped with fflate. Numbers are number
// cells — money as fen / 100 written as decimal text from integers (never a float division),
// percentages as tenths / 1000 — text is text (an inline string is never read as a formula).
import { strToU8, zipSync } from "fflate";
import { fenToYiText } from "@/lib/indicators/format";
import { fenToYuanText } from "@/lib/money/fen";
import { headerText, type Cell, type ReportTable } from "./table";

/** Cell styles (index into cellXfs below). */
const STYLE = { plain: 0, header: 1, money: 2, count: 3, percent: 4 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

/** XML text: the five entities escaped, characters XML 1.0 cannot carry dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  const name = title.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31);
  return name || "Sheet1";
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** An integer over 10^places as exact decimal text: (375, 3) → "0.375", (-5, 3) → "-0.005". */
export function scaledDecimal(value: number, places: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.abs(value)).padStart(places + 1, "0");
  return `${sign}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
}

function cellXml(cell: Cell, ref: string, bold: boolean): string {
  const inline = (value: string, style: number) => `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ""}><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
  switch (cell.kind) {
    case "text":
    case "ratio":
      return inline(cell.value, bold ? STYLE.header : STYLE.plain);
    case "money":
      return `<c r="${ref}" s="${STYLE.money}"><v>${fenToYuanText(cell.fen)}</v></c>`;
    case "yi":
      return `<c r="${ref}" s="${STYLE.money}"><v>${fenToYiText(cell.fen)}</v></c>`;
    case "count":
      return `<c r="${ref}" s="${STYLE.count}"><v>${cell.value}</v></c>`;
    case "percent":
      return `<c r="${ref}" s="${STYLE.percent}"><v>${scaledDecimal(cell.tenths, 3)}</v></c>`;
    case "none":
      return "";
  }
}

function rowXml(cells: Cell[], rowNumber: number, bold: boolean): string {
  return `<row r="${rowNumber}">${cells.map((c, i) => cellXml(c, `${columnName(i)}${rowNumber}`, bold)).join("")}</row>`;
}

/** The workbook's bytes: one sheet, the header in bold, the rows, then the totals in bold. */
export function tableToXlsx(table: ReportTable, locale: "zh-CN" | "en"): Uint8Array {
  const header = table.columns.map((c) => ({ kind: "text", value: headerText(c, locale) }) as Cell);
  const lines = [rowXml(header, 1, true)];
  table.rows.forEach((r, i) => lines.push(rowXml(r, i + 2, false)));
  (table.foot ?? []).forEach((r, i) => lines.push(rowXml(r, table.rows.length + i + 2, true)));
  const widths = table.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${i === 0 ? 28 : Math.max(12, Math.min(30, headerText(c, locale).length * 2))}" customWidth="1"/>`).join("");
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<cols>${widths}</cols>
<sheetData>${lines.join("")}</sheetData>
</worksheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="${xmlText(sheetName(table.title))}" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;
  return zipSync({
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(ROOT_RELS),
    "xl/workbook.xml": strToU8(workbook),
    "xl/_rels/workbook.xml.rels": strToU8(WORKBOOK_RELS),
    "xl/styles.xml": strToU8(STYLES),
    "xl/worksheets/sheet1.xml": strToU8(sheet),
  });
}
