// One component for every report table (lib/exports/table.ts): caption, column headers with
// their units, a row header per row, numbers right-aligned, totals at the foot, and the table's
// CSV and XLSX downloads beside it — built by the same function the export route calls.
// The table itself is one escaped HTML string (lib/exports/table-html.ts): a page of tables is
// hundreds of cells, which React would otherwise render twice (its payload and the HTML). Only a
// table with a column of forms (row actions) is built as elements, its cells from the same string.
import { headerText, type Cell, type ReportTable } from "@/lib/exports/table";
import { cellClass, cellHtml, headerClass, reportTableHtml } from "@/lib/exports/table-html";
import type { Locale } from "@/db/schema";
import styles from "./reports.module.css";

function Row({ cells, testId, action }: { cells: Cell[]; testId: string; action: React.ReactNode }) {
  const [head, ...rest] = cells;
  return (
    <tr data-testid={testId}>
      <th scope="row" dangerouslySetInnerHTML={{ __html: head ? cellHtml(head) : "" }} />
      {rest.map((cell, i) => (
        <td key={i} className={cellClass(cell)} dangerouslySetInnerHTML={{ __html: cellHtml(cell) }} />
      ))}
      <td>{action}</td>
    </tr>
  );
}

/** A table whose rows end in a form each: the only one React builds element by element. */
function TableWithActions({ table, locale, actions }: { table: ReportTable; locale: Locale; actions: RowActions }) {
  return (
    <table id={`table-${table.id}`} className={styles.figures} data-testid={`table-${table.id}`}>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={c.key} scope="col" className={headerClass(c, i)}>
              {headerText(c, locale)}
            </th>
          ))}
          <th scope="col">{actions.label}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((cells, i) => (
          <Row key={i} cells={cells} testId={`table-${table.id}-row`} action={actions.row(i) ?? null} />
        ))}
      </tbody>
      {table.foot && (
        <tfoot>
          {table.foot.map((cells, i) => (
            <Row key={i} cells={cells} testId={`table-${table.id}-total`} action={null} />
          ))}
        </tfoot>
      )}
    </table>
  );
}

type RowActions = { label: string; row: (index: number) => React.ReactNode };

export function ReportTableView({
  table,
  locale,
  downloads,
  actions,
}: {
  table: ReportTable;
  locale: Locale;
  /** The table's export links (omit on the printed briefing). */
  downloads?: { csv: string; xlsx: string; label: string; csvLabel: string; xlsxLabel: string };
  /** A last column of the page only (forms acting on a row), not part of the table's data or its files. */
  actions?: RowActions;
}) {
  return (
    <div className={styles.tableBlock}>
      {downloads && (
        <p className={styles.downloads} data-testid={`export-${table.id}`}>
          <span className="muted">{downloads.label}</span>{" "}
          <a href={downloads.csv} download data-testid={`export-${table.id}-csv`}>
            {downloads.csvLabel}
          </a>{" "}
          <a href={downloads.xlsx} download data-testid={`export-${table.id}-xlsx`}>
            {downloads.xlsxLabel}
          </a>
        </p>
      )}
      {actions ? (
        <div className="table-wrap">
          <TableWithActions table={table} locale={locale} actions={actions} />
        </div>
      ) : (
        <div className="table-wrap" dangerouslySetInnerHTML={{ __html: reportTableHtml(table, locale, styles.figures!) }} />
      )}
    </div>
  );
}
