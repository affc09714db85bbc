// Draws a laid-out pod timeline as SVG. d3 did the maths (lib/view); React owns every element.
import type { TimelineLayout } from "@/lib/view/timeline-layout";

interface Props {
  layout: TimelineLayout;
  /** Accessible name: the pod and what it is doing. */
  label: string;
  summary: string;
}

const TEXT = "currentColor";

export function PodTimelineChart({ layout, label, summary }: Props) {
  const { width, height, gutter, rows, axis } = layout;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      className="max-w-full text-slate-700 dark:text-slate-200"
      data-testid="pod-timeline"
    >
      <title>{label}</title>
      <desc>{summary}</desc>
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="white" fillOpacity="0.0" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="black" strokeOpacity="0.35" strokeWidth="3" />
        </pattern>
      </defs>
      {layout.observedFromX !== null && (
        <rect x={gutter} y={0} width={Math.max(0, layout.observedFromX - gutter)} height={height - 20} fill="url(#hatch)" opacity={0.25} data-kind="reconstructed">
          <title>Reconstructed from the object and events: Lifeline was not watching yet</title>
        </rect>
      )}
      {axis.map((t) => (
        <g key={t.x} transform={`translate(${t.x},0)`}>
          <line y1={14} y2={height - 20} stroke={TEXT} strokeOpacity={0.12} />
          <text y={10} fontSize={10} textAnchor="middle" fill={TEXT}>
            {t.label}
          </text>
        </g>
      ))}
      {rows.map((row) => (
        <g key={row.id} data-row={row.id}>
          <text x={gutter - 8} y={row.y + row.height - 5} fontSize={11} textAnchor="end" fill={TEXT}>
            {row.label}
          </text>
          {row.boxes.map((b, i) => (
            <g key={i} data-kind={b.kind}>
              <rect x={b.x} y={row.y} width={b.width} height={row.height} fill={b.fill} rx={2} opacity={b.hatched ? 0.55 : 0.9}>
                <title>{b.title}</title>
              </rect>
              {b.hatched && <rect x={b.x} y={row.y} width={b.width} height={row.height} fill="url(#hatch)" pointerEvents="none" />}
              {b.label && b.width > b.label.length * 6 + 6 && (
                <text x={b.x + 4} y={row.y + row.height - 5} fontSize={10} fill="#111" pointerEvents="none">
                  {b.label}
                </text>
              )}
            </g>
          ))}
          {row.brackets.map((br, i) => (
            <g key={`b${i}`} data-kind="backoff" data-label={br.label}>
              <path
                d={`M${br.x1},${row.y - 2} v-5 H${br.x2} v5`}
                fill="none"
                stroke={br.differs ? "#D55E00" : TEXT}
                strokeWidth={1.2}
              >
                <title>{br.title}</title>
              </path>
              {br.x2 - br.x1 > br.label.length * 6 && (
                <text x={(br.x1 + br.x2) / 2} y={row.y - 9} fontSize={9} textAnchor="middle" fill={br.differs ? "#D55E00" : TEXT}>
                  {br.label}
                </text>
              )}
            </g>
          ))}
          {row.ticks.map((t, i) => (
            <path key={`t${i}`} data-kind={t.kind} d={`M${t.x},${row.y + row.height + 1} l-3,5 h6 z`} fill={t.fill}>
              <title>{t.title}</title>
            </path>
          ))}
        </g>
      ))}
      <line x1={layout.nowX} x2={layout.nowX} y1={14} y2={height - 20} stroke="#D55E00" strokeDasharray="3 3">
        <title>now</title>
      </line>
    </svg>
  );
}
