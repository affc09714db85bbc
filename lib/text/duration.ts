// A duration as an operator or a link writes it: a positive number and one of s, m, h, d, w
// ("90s", "1.5h", "7d"). One rule for the server's settings (LIFELINE_RETENTION,
// LIFELINE_UNREACHABLE_AFTER, LIFELINE_SNAPSHOT_RETENTION) and the kiosk's parameters.

const UNITS_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "90s", "30m", "12h", "7d", "2w" → milliseconds; throws a sentence naming `name` on anything else. */
export function parseDuration(text: string, name: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0)
    throw new Error(`${name} must be a positive duration such as 12h, 7d or 2w, not "${text}"`);
  return Number(m[1]) * UNITS_MS[m[2].toLowerCase()];
}
