// The node and workload pages' window: a live preset ending now, or a frozen ?from=&to=.
export const WINDOW_PRESETS = ["15m", "1h", "6h", "24h", "7d"] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

const MS: Record<WindowPreset, number> = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
};

export function isWindowPreset(v: string | null): v is WindowPreset {
  return v !== null && (WINDOW_PRESETS as readonly string[]).includes(v);
}

export function windowOf(
  frozen: { from: number; to: number } | null,
  preset: string,
  now: number,
): [number, number] {
  if (frozen) return [frozen.from, frozen.to];
  return [now - MS[isWindowPreset(preset) ? preset : "1h"], now];
}
