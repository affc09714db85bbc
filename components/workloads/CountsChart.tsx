// A workload's counts over the window as step lines (desired dashed, ready, available, up to
// date), on the same axis as the strips above it. The SVG stretches with its cell; the lines keep
// their width (non-scaling stroke). The legend and a text summary are HTML.
import type { CountName, Step } from "@/lib/workloads/types";
import { PALETTE } from "@/lib/view/palette";
import { x } from "@/components/lanes/Strip";

const H = 80;
export const COUNT_STYLE: Record<CountName, { stroke: string; dash?: string }> = {
  desired: { stroke: PALETTE.grey, dash: "6 4" },
  current: { stroke: PALETTE.sky },
  ready: { stroke: PALETTE.green },
  available: { stroke: PALETTE.blue },
  updated: { stroke: PALETTE.purple },
};

function path(steps: Step[], from: number, to: number, max: number): string {
  const y = (v: number) => H - 4 - (v / max) * (H - 8);
  let d = "";
  for (const s of steps) {
    if (s.value === null) continue;
    const x0 = x(Math.max(s.start, from), from, to);
    const x1 = x(Math.min(s.end ?? to, to), from, to);
    d += `${d ? "L" : "M"}${x0.toFixed(1)},${y(s.value).toFixed(1)}H${x1.toFixed(1)}`;
  }
  return d;
}

export function CountsChart({
  counts,
  max,
  from,
  to,
  label,
}: {
  counts: { name: CountName; steps: Step[] }[];
  max: number;
  from: number;
  to: number;
  label: string;
}) {
  return (
    <svg
      viewBox={`0 0 1000 ${H}`}
      preserveAspectRatio="none"
      className="block w-full"
      style={{ height: H }}
      role="img"
      aria-label={label}
    >
      <line
        x1={0}
        x2={1000}
        y1={H - 4}
        y2={H - 4}
        stroke="#8884"
        vectorEffect="non-scaling-stroke"
      />
      {counts.map((c) => (
        <path
          key={c.name}
          d={path(c.steps, from, to, max)}
          fill="none"
          stroke={COUNT_STYLE[c.name].stroke}
          strokeDasharray={COUNT_STYLE[c.name].dash}
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
          data-count={c.name}
        />
      ))}
    </svg>
  );
}
