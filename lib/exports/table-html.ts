// A report table as one HTML string: the same markup ReportTableView's rows would be as React
// elements (caption, headers with units, a row header per row, numbers right-aligned, totals at the
// foot), built by string concatenation. A page of tables is hundreds of cells; as one string, React
// sends and writes it once instead of rendering every cell twice (its payload and its HTML).
// Every text and attribute is escaped here; a link is kept only to a path of this site.
import { displayText, headerText, type Cell, type ReportTable } from "./table";

const NUMERIC = new Set<Cell["kind"]>(["money", "yi", "count", "percent", "ratio"]);

/** The class of a body cell: numbers right-aligned and kept on one line. */
export const cellClass = (cell: Cell): string | undefined => (NUMERIC.has(cell.kind) ? "num nowrap" : undefined);
/** The class of a column header: right-aligned over numbers. */
export const headerClass = (column: ReportTable["columns"][number], index: number): string | undefined => (index > 0 && column.unit !== "text" ? "num" : undefined);
const classAttr = (name: string | undefined) => (name ? ` class="${name}"` : "");
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or an attribute value, safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Only a path of this site ("/…", not "//host") becomes a link. */
function isSitePath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
}

/** A cell's content: its text, a link to a path of this site, or — for nothing known. */
export function cellHtml(cell: Cell): string {
  if (cell.kind === "none") return '<span class="muted">—</span>';
  const text = escapeHtml(displayText(cell));
  return cell.kind === "text" && cell.href && isSitePath(cell.href) ? `<a href="${escapeHtml(cell.href)}">${text}</a>` : text;
}

function rowHtml(cells: Cell[], testId: string): string {
  const [head, ...rest] = cells;
  let html = `<tr data-testid="${escapeHtml(testId)}"><th scope="row">${head ? cellHtml(head) : ""}</th>`;
  for (const cell of rest) html += `<td${classAttr(cellClass(cell))}>${cellHtml(cell)}</td>`;
  return `${html}</tr>`;
}

/** The `<table>` element of a report table; `className` is the page's class for figure tables. */
export function reportTableHtml(table: ReportTable, locale: "zh-CN" | "en", className: string): string {
  const id = escapeHtml(table.id);
  let html = `<table id="table-${id}" class="${escapeHtml(className)}" data-testid="table-${id}"><caption>${escapeHtml(table.caption)}</caption><thead><tr>`;
  table.columns.forEach((c, i) => {
    html += `<th scope="col"${classAttr(headerClass(c, i))}>${escapeHtml(headerText(c, locale))}</th>`;
  });
  html += "</tr></thead><tbody>";
  for (const cells of table.rows) html += rowHtml(cells, `table-${table.id}-row`);
  html += "</tbody>";
  if (table.foot) html += `<tfoot>${table.foot.map((cells) => rowHtml(cells, `table-${table.id}-total`)).join("")}</tfoot>`;
  return `${html}</table>`;
}
