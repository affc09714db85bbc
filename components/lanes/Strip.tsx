// A horizontal strip of boxes over a time window, drawn in SVG: a node's condition or taint, or a
// pod's lane (PodLane, beside it). The SVG stretches to its cell's width (viewBox 1000 wide,
// preserveAspectRatio none), so nothing in it is text; each box's story is its <title> and, for
// keyboard and screen-reader users, the strip's label. Failure and waiting stretches are hatched
// as well as coloured (colour-blind safety), as on the overview's lanes.
import { useId } from "react";
import { LANE_STRIPE } from "@/lib/view/palette";

export interface StripBox {
  start: number;
  end: number;
  fill: string;
  hatched: boolean;
  detail: string;
}

const W = 1000;

export function x(t: number, from: number, to: number): number {
  return to > from ? ((t - from) / (to - from)) * W : 0;
}

export function Strip({
  boxes,
  from,
  to,
  height = 14,
  label,
  ticks = [],
  under = [],
}: {
  boxes: readonly StripBox[];
  from: number;
  to: number;
  height?: number;
  /** What the strip shows, read aloud (the boxes are drawn only). */
  label: string;
  /** Instants drawn as thin dark marks (restarts). */
  ticks?: readonly { at: number; detail: string }[];
  /** Thin stretches drawn under the boxes (a pod's readiness). */
  under?: readonly { start: number; end: number; fill: string; detail: string }[];
}) {
  const hatch = useId();
  const total = under.length ? height + 4 : height;
  return (
    <svg
      viewBox={`0 0 ${W} ${total}`}
      preserveAspectRatio="none"
      className="block w-full"
      style={{ height: total }}
      role="img"
      aria-label={label}
    >
      <defs>
        <pattern
          id={hatch}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="3" height="6" fill={LANE_STRIPE} />
        </pattern>
      </defs>
      {boxes.map((b, i) => {
        const x0 = x(Math.max(b.start, from), from, to);
        const w = Math.max(x(Math.min(b.end, to), from, to) - x0, 1);
        return (
          <g key={i}>
            <rect x={x0} y={0} width={w} height={height} fill={b.fill}>
              <title>{b.detail}</title>
            </rect>
            {b.hatched && (
              <rect
                x={x0}
                y={0}
                width={w}
                height={height}
                fill={`url(#${hatch})`}
                pointerEvents="none"
              />
            )}
          </g>
        );
      })}
      {under.map((u, i) => {
        const x0 = x(Math.max(u.start, from), from, to);
        const w = Math.max(x(Math.min(u.end, to), from, to) - x0, 1);
        return (
          <rect key={`u${i}`} x={x0} y={height + 1} width={w} height={3} fill={u.fill}>
            <title>{u.detail}</title>
          </rect>
        );
      })}
      {ticks.map((k, i) => (
        <rect key={`t${i}`} x={x(k.at, from, to) - 1.5} y={0} width={3} height={height} fill="#000">
          <title>{k.detail}</title>
        </rect>
      ))}
    </svg>
  );
}
