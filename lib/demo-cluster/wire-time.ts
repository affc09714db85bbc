// Kubernetes wire times: metav1.Time has whole seconds, metav1.MicroTime has microseconds.

/** RFC 3339 with whole seconds, truncated as metav1.Time serialises. */
export function seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** RFC 3339 with six fractional digits, as metav1.MicroTime serialises. */
export function microTime(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000Z`;
}
