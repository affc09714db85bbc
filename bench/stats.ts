// Small figures helpers the benches share.

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Runs `f` `times` times; each run's wall time in ms, and the last value. */
export function timed<T>(f: () => T, times = 5): { ms: number[]; value: T } {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    value = f();
    ms.push(performance.now() - t);
  }
  return { ms, value };
}
