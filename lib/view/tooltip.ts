// Where a tooltip goes: beside the pointer (right and below), flipped to its left or above it when
// it would leave the screen there, and never past the screen's edges. Pure.

export const TOOLTIP_GAP = { x: 12, y: 14 };
const MARGIN = 4;

export function placeTooltip(
  pointer: { x: number; y: number },
  size: { w: number; h: number },
  screen: { width: number; height: number },
): { left: number; top: number } {
  let left = pointer.x + TOOLTIP_GAP.x;
  if (left + size.w > screen.width - MARGIN) left = pointer.x - TOOLTIP_GAP.x - size.w;
  let top = pointer.y + TOOLTIP_GAP.y;
  if (top + size.h > screen.height - MARGIN) top = pointer.y - TOOLTIP_GAP.y - size.h;
  const clamp = (v: number, max: number) => Math.max(MARGIN, Math.min(v, max - MARGIN));
  return { left: clamp(left, screen.width - size.w), top: clamp(top, screen.height - size.h) };
}
