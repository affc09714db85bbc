// The node page's window: a live preset ending now, or a frozen ?from=&to=.
export const NODE_PRESETS = ["15m", "1h", "6h", "24h"] as const;
export type NodePreset = (typeof NODE_PRESETS)[number];

const MS: Record<NodePreset, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
};

export function isNodePreset(v: string | null): v is NodePreset {
  return v !== null && (NODE_PRESETS as readonly string[]).includes(v);
}

export function nodeWindow(
  frozen: { from: number; to: number } | null,
  preset: string,
  now: number,
): [number, number] {
  if (frozen) return [frozen.from, frozen.to];
  return [now - MS[isNodePreset(preset) ? preset : "1h"], now];
}
