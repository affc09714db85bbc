// The time axis above the node page's strips: ticks in percent of the strip's width, in the page's zone.
import { scaleTime, scaleUtc } from "d3";
import { useMemo } from "react";
import type { Tz } from "@/lib/text/format";
import { axisFormat } from "@/lib/view/timeline-layout";

export function NodeAxis({ from, to, tz }: { from: number; to: number; tz: Tz }) {
  const ticks = useMemo(() => {
    const s = (tz === "utc" ? scaleUtc() : scaleTime()).domain([from, to]).range([0, 100]);
    const fmt = axisFormat(to - from, tz);
    return s.ticks(6).map((d) => ({ x: s(d), label: fmt(d) }));
  }, [from, to, tz]);
  return (
    <div
      data-export-axis
      className="relative h-5 border-b border-slate-300 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400"
      aria-hidden
    >
      {ticks.map((k) => (
        <span
          key={k.x}
          data-tick={k.x}
          className="absolute bottom-0 -translate-x-1/2 whitespace-nowrap"
          style={{ left: `${k.x}%` }}
        >
          {k.label}
        </span>
      ))}
    </div>
  );
}
