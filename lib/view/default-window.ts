// The overview's window when the URL names none. The usual hour shows a fresh install's few minutes
// of history as a sliver at the right 2 % of each lane; the smallest preset that holds everything
// Lifeline has seen shows it whole. Once the history is older than the hour, the hour it is (a
// longer default would draw most lanes as the time before Lifeline watched). Pure.
import { DEFAULT_STATE, PRESETS, type Preset } from "./overview";

/** `observedSince`: when Lifeline's history starts (its first observation), or null when it has none. */
export function defaultWindow(observedSince: number | null, now: number): Preset {
  if (observedSince === null) return DEFAULT_STATE.window;
  const age = Math.max(0, now - observedSince);
  const fits = (Object.keys(PRESETS) as Preset[]).filter(
    (p) => PRESETS[p] <= PRESETS[DEFAULT_STATE.window] && PRESETS[p] >= age,
  );
  return fits[0] ?? DEFAULT_STATE.window;
}
