// The public page's trend: gross stimulated spending per month as columns, drawn on the server as
// SVG (no script). The numbers are in the table the chart names (aria-describedby).
import { niceMax } from "@/lib/reports/trend";
import { scaledAmount } from "@/lib/public/format";

export interface MonthPoint {
  /** Short label under the column ("3月", "Mar"). */
  label: string;
  /** Full label for the tooltip ("2025年3月", "Mar 2025"). */
  title: string;
  fen: number;
}

const HEIGHT = 280;
const LEFT = 64;
const RIGHT = 8;
const TOP = 24;
const BOTTOM = 36;

/**
 * `unitDivisor`: fen per axis unit (万元 or million yuan), `unit` its name. `width`: the drawing's
 * own width — the page draws a narrow one for phones and a wide one for desktops, so the labels
 * keep a readable size on both.
 */
export function MonthlyChart({ points, title, unit, unitDivisor, tableId, className, width: WIDTH }: { points: MonthPoint[]; title: string; unit: string; unitDivisor: bigint; tableId: string; className?: string; width: number }) {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const max = niceMax(Math.max(0, ...points.map((p) => p.fen)));
  const step = plotW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(56, step * 0.6));
  const every = Math.max(1, Math.ceil(points.length / 12));
  const axis = (fen: number) => scaledAmount(Math.round(fen), unitDivisor).replace(/\.00$/, "");
  return (
    <svg className={className} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} aria-describedby={tableId}>
      <title>{title}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => {
        const y = TOP + plotH - f * plotH;
        return (
          <g key={f}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y} y2={y} stroke="#d0d7de" strokeWidth={f === 0 ? 1.2 : 0.6} />
            <text x={LEFT - 6} y={y + 4} textAnchor="end" fontSize="12" fill="#57606a">
              {axis(max * f)}
            </text>
          </g>
        );
      })}
      <text x={4} y={14} fontSize="12" fill="#57606a">
        {unit}
      </text>
      {points.map((p, i) => {
        const h = (p.fen / max) * plotH;
        const x = LEFT + i * step + (step - barW) / 2;
        return (
          <g key={p.title}>
            <rect x={x} y={TOP + plotH - h} width={barW} height={Math.max(0, h)} fill="#b4232a" rx={2}>
              <title>{`${p.title}: ${scaledAmount(p.fen, unitDivisor)} ${unit}`}</title>
            </rect>
            {(i % every === 0 || i === points.length - 1) && (
              <text x={LEFT + i * step + step / 2} y={HEIGHT - BOTTOM + 18} textAnchor="middle" fontSize="13" fill="#1f2328">
                {p.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
