// Charts drawn on the server as SVG: no script, printable, labels in the reader's language. Each
// chart names the table that carries its numbers (aria-describedby), for screen readers and print.
import { niceMax } from "@/lib/reports/trend";
import { formatWanYuan } from "@/lib/money/fen";
import styles from "./reports.module.css";

export interface ChartPoint {
  label: string;
  fen: number;
}

const WIDTH = 860;

/** Gross spending per day or week as columns, with a 万元 axis. */
export function TrendChart({ points, title, unit, tableId }: { points: ChartPoint[]; title: string; unit: string; tableId: string }) {
  const height = 260;
  const left = 70;
  const bottom = 40;
  const top = 30;
  const plotW = WIDTH - left - 12;
  const plotH = height - bottom - top;
  const max = niceMax(Math.max(0, ...points.map((p) => p.fen)));
  const step = plotW / Math.max(1, points.length);
  const barW = Math.max(1, step * 0.75);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  // At most ~8 x labels, evenly spaced, always the first and the last.
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} aria-describedby={tableId} data-testid="trend-chart">
      <title>{title}</title>
      {ticks.map((f) => {
        const y = top + plotH - f * plotH;
        return (
          <g key={f}>
            <line x1={left} x2={WIDTH - 12} y1={y} y2={y} stroke="#d0d7de" strokeWidth={f === 0 ? 1.2 : 0.6} />
            <text x={left - 6} y={y + 4} textAnchor="end">
              {formatWanYuan(Math.round(max * f))}
            </text>
          </g>
        );
      })}
      <text x={4} y={12}>{unit}</text>
      {points.map((p, i) => {
        const h = (p.fen / max) * plotH;
        const x = left + i * step + (step - barW) / 2;
        return (
          <g key={p.label}>
            <rect x={x} y={top + plotH - h} width={barW} height={Math.max(0, h)} fill="#0969da">
              <title>{`${p.label}: ${formatWanYuan(p.fen)} ${unit}`}</title>
            </rect>
            {(i % every === 0 || i === points.length - 1) && (
              <text x={left + i * step + step / 2} y={height - bottom + 16} textAnchor="middle">
                {p.label.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Groups ranked by gross spending as horizontal bars (the counties), each bar labelled with its figure. */
export function RankedBars({ points, title, unit, tableId }: { points: ChartPoint[]; title: string; unit: string; tableId: string }) {
  const ranked = [...points].sort((a, b) => b.fen - a.fen);
  const row = 26;
  const left = 150;
  const height = ranked.length * row + 24;
  const max = Math.max(1, ...ranked.map((p) => p.fen));
  const plotW = WIDTH - left - 130;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} aria-describedby={tableId} data-testid="ranked-bars">
      <title>{title}</title>
      {ranked.map((p, i) => {
        const y = 8 + i * row;
        const w = (p.fen / max) * plotW;
        return (
          <g key={p.label}>
            <text x={left - 8} y={y + 15} textAnchor="end">
              {p.label}
            </text>
            <rect x={left} y={y + 3} width={Math.max(1, w)} height={row - 9} fill="#0969da" />
            <text x={left + w + 6} y={y + 15}>
              {`${formatWanYuan(p.fen)} ${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
