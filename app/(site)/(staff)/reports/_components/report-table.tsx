// One component for every report table (lib/exports/table.ts): caption, column headers with
// their units, a row header per row, numbers right-aligned, totals at the foot, and the table's
// CSV and XLSX downloads beside it — built by the same function the export route calls.
import Link from "next/link";
import { displayText, headerText, type Cell, type ReportTable } from "@/lib/exports/table";
import type { Locale } from "@/db/schema";
import styles from "./reports.module.css";

const NUMERIC = new Set(["money", "yi", "count", "percent"]);

function CellContent({ cell }: { cell: Cell }) {
  if (cell.kind === "none") return <span className="muted">—</span>;
  if (cell.kind === "text" && cell.href) return <Link href={cell.href}>{cell.value}</Link>;
  return <>{displayText(cell)}</>;
}

function Row({ cells, testId, action }: { cells: Cell[]; testId?: string; action?: React.ReactNode }) {
  const [head, ...rest] = cells;
  return (
    <tr data-testid={testId}>
      <th scope="row">{head && <CellContent cell={head} />}</th>
      {rest.map((cell, i) => (
        <td key={i} className={NUMERIC.has(cell.kind) || cell.kind === "ratio" ? "num nowrap" : undefined}>
          <CellContent cell={cell} />
        </td>
      ))}
      {action !== undefined && <td>{action}</td>}
    </tr>
  );
}

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
  actions?: { label: string; row: (index: number) => React.ReactNode };
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
      <div className="table-wrap">
        <table id={`table-${table.id}`} className={styles.figures} data-testid={`table-${table.id}`}>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={c.key} scope="col" className={i > 0 && c.unit !== "text" ? "num" : undefined}>
                  {headerText(c, locale)}
                </th>
              ))}
              {actions && <th scope="col">{actions.label}</th>}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((cells, i) => (
              <Row key={i} cells={cells} testId={`table-${table.id}-row`} action={actions ? (actions.row(i) ?? null) : undefined} />
            ))}
          </tbody>
          {table.foot && (
            <tfoot>
              {table.foot.map((cells, i) => (
                <Row key={i} cells={cells} testId={`table-${table.id}-total`} action={actions ? null : undefined} />
              ))}
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
