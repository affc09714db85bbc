"use client";
import { useOnScreen } from "@/components/useOnScreen";

// The lane's tooltip beside the pointer, measured and kept on screen (left of the pointer at the right edge, above it at the bottom).
export function LaneTooltip({ x, y, text }: { x: number; y: number; text: string }) {
  const { ref, style } = useOnScreen({ x, y }, { left: x + 12, top: y + 14 }, text);
  return (
    <div
      ref={ref}
      role="tooltip"
      data-testid="lane-tooltip"
      className="pointer-events-none fixed z-50 max-w-md rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900"
      style={style}
    >
      {text}
    </div>
  );
}
