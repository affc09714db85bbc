"use client";
// A floating box (a tooltip) measured once it renders, then placed beside a point and kept on
// screen by lib/view/tooltip. Until it is measured it sits at `before`, hidden.
import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from "react";
import { placeTooltip } from "@/lib/view/tooltip";

export function useOnScreen(
  point: { x: number; y: number },
  before: { left: number; top: number },
  content: unknown,
): { ref: RefObject<HTMLDivElement | null>; style: CSSProperties } {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useLayoutEffect(() => {
    const e = ref.current;
    if (e && (e.offsetWidth !== size?.w || e.offsetHeight !== size?.h))
      setSize({ w: e.offsetWidth, h: e.offsetHeight });
  }, [content, size]);
  const at = size
    ? placeTooltip(point, size, { width: window.innerWidth, height: window.innerHeight })
    : before;
  return { ref, style: { left: at.left, top: at.top, visibility: size ? undefined : "hidden" } };
}
