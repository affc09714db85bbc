// Why a run's log was not captured: a code kept on the run (log_tails.why) and the sentence the
// JSON route and the server log give for it. The pod page shows the code through lib/i18n
// (logs.why.<code>, English and Chinese).

export const WHY = {
  rotated:
    "log not captured: the kubelet had already rotated it (it keeps only the previous instance)",
  superseded:
    "log not captured: the container restarted again before its log could be fetched (rate limit)",
  "queue-full": "log not captured: rate limit (too many runs ended at once; the queue was full)",
  waited: "log not captured: rate limit (it waited in the queue longer than LIFELINE_LOG_WAIT)",
  forbidden: "log not captured: forbidden (RBAC needs pods/log get)",
  "pod-gone": "log not captured: the pod was gone before its log could be fetched",
  refused: "log not captured: the API server refused the request",
  unreachable: "log not captured: the API server did not answer",
  stopped: "log not captured: Lifeline stopped before its log was fetched",
} as const;

export type WhyCode = keyof typeof WHY;

/** The sentence for a stored code (and what the API server said, when it said something). */
export function whySentence(code: string | null, detail: string | null = null): string | null {
  if (code === null) return null;
  const base = (WHY as Record<string, string>)[code] ?? `log not captured (${code})`;
  return detail ? `${base}: ${detail}` : base;
}

/** Why a fetch the API server refused (`status`, its sentence), or did not answer (0), was not captured. */
export function whyRefused(
  status: number,
  message: string,
): { why: WhyCode; detail: string | null } {
  if (status === 403) return { why: "forbidden", detail: null };
  if (status === 400 && /previous terminated container .* not found/i.test(message))
    return { why: "rotated", detail: message };
  // The pod is gone (pods "web" not found); any other 404 (a server without the log endpoint) is a refusal.
  if (status === 404 && /^pods? "[^"]*" not found/.test(message))
    return { why: "pod-gone", detail: message };
  if (status >= 400 && status < 500) return { why: "refused", detail: `${status}: ${message}` };
  return { why: "unreachable", detail: status ? `${status}: ${message}` : message };
}
