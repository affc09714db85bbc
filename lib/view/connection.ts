// What the connection banner says: the pipeline's state (GET /api/cluster) in words, with a tone.
// Pure: the caller passes what the server answered and the time now.

export interface ReflectorInfo {
  path: string;
  phase: "syncing" | "connected" | "retrying" | "stopped";
  since: number;
  lastError: string | null;
  lists: number;
  watches: number;
}

export interface ClusterInfo {
  mode: "kubeconfig" | "in-cluster" | "demo";
  reason: string;
  server: string;
  context: string | null;
  ready: boolean;
  connection: { phase: ReflectorInfo["phase"]; eventsApi: string; reflectors: ReflectorInfo[] };
}

export type Answer = { ok: true; info: ClusterInfo } | { ok: false; status: number | null; error: string };

export interface ConnectionView {
  tone: "ok" | "busy" | "warn" | "error";
  /** One short line for the bar. */
  title: string;
  /** The longer sentence: why this mode, or what went wrong. */
  detail: string;
}

/** "45s", "3m 05s", "2h 10m", "3d 4h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function where(info: ClusterInfo): string {
  if (info.mode === "demo") return "the embedded demo cluster";
  return info.context ? `${info.context} (${info.server})` : info.server || "the cluster";
}

export function describeConnection(answer: Answer, now: number): ConnectionView {
  if (!answer.ok) {
    if (answer.status === null) return { tone: "error", title: "Lifeline's server is not answering", detail: `${answer.error.replace(/\.+$/, "")}. The page keeps trying.` };
    return { tone: "error", title: answer.status === 503 ? "Not connected" : `The server answered ${answer.status}`, detail: answer.error };
  }
  const { info } = answer;
  const c = info.connection;
  const demo = info.mode === "demo" ? " This is simulated data, not a real cluster." : "";
  if (c.phase === "retrying" || c.phase === "stopped") {
    const failing = c.reflectors.filter((r) => r.phase === "retrying" || r.phase === "stopped");
    const since = Math.min(...failing.map((r) => r.since));
    const error = failing.find((r) => r.lastError)?.lastError ?? "the connection failed";
    return {
      tone: "warn",
      title: `Retrying ${where(info)} for ${duration(now - since)} (since ${new Date(since).toISOString().slice(11, 19)} UTC)`,
      detail: `${error.replace(/\.+$/, "")}. What Lifeline already recorded stays available.${demo}`,
    };
  }
  if (c.phase === "syncing" || !info.ready) {
    return { tone: "busy", title: `Syncing with ${where(info)}…`, detail: `${capital(info.reason)}.${demo}` };
  }
  return {
    tone: "ok",
    title: info.mode === "demo" ? "Demo cluster (embedded)" : `Connected to ${where(info)}`,
    detail: `${capital(info.reason)}; events from ${c.eventsApi}.${demo}`,
  };
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
