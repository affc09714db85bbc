// What the model keeps of a container's spec: its probes' settings and its resources (requests and
// limits), read defensively from objects that may be partial or malformed. Pure.
import type { Probe, ResourceRequirements } from "../k8s/types";
import type { ProbeConfig, ResourceSet } from "./types";

export function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

const port = (v: unknown): string | null =>
  (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v !== "")
    ? String(v)
    : null;

/** What a network probe checks, in words; exec probes get none (their command may carry secrets). */
function probeTarget(probe: Probe): string | undefined {
  const h = probe.httpGet;
  if (h && typeof h === "object") {
    const p = port(h.port);
    const path = typeof h.path === "string" && h.path ? h.path : "/";
    return `${h.scheme === "HTTPS" ? "HTTPS " : ""}GET ${path}${p ? ` on port ${p}` : ""}`;
  }
  const tcp =
    probe.tcpSocket && typeof probe.tcpSocket === "object" ? port(probe.tcpSocket.port) : null;
  if (tcp) return `TCP port ${tcp}`;
  const grpc = probe.grpc && typeof probe.grpc === "object" ? port(probe.grpc.port) : null;
  if (grpc) return `gRPC port ${grpc}`;
  return undefined;
}

export function probeConfig(probe: Probe | null | undefined): ProbeConfig | undefined {
  if (!probe || typeof probe !== "object") return undefined;
  const handler = probe.exec
    ? "exec"
    : probe.httpGet
      ? "httpGet"
      : probe.tcpSocket
        ? "tcpSocket"
        : probe.grpc
          ? "grpc"
          : "unknown";
  const target = probeTarget(probe);
  return {
    handler,
    initialDelaySeconds: num(probe.initialDelaySeconds) ?? 0,
    periodSeconds: num(probe.periodSeconds) ?? 10,
    timeoutSeconds: num(probe.timeoutSeconds) ?? 1,
    successThreshold: num(probe.successThreshold) ?? 1,
    failureThreshold: num(probe.failureThreshold) ?? 3,
    ...(target ? { target } : {}),
  };
}

const own = Object.prototype.hasOwnProperty;

/**
 * Only string quantities of a plain object; anything else is dropped. Own keys in for-in order,
 * which is Object.entries' order, without the entry arrays it allocates.
 */
export function quantities(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  const raw = value as Record<string, unknown>;
  for (const k in raw) {
    if (!own.call(raw, k)) continue;
    const v = raw[k];
    if (typeof v === "string" || typeof v === "number") out[k] = String(v);
  }
  return out;
}

/** Whether a quantity map (as `quantities` builds it) has any key. */
function anyKey(m: Record<string, string>): boolean {
  for (const k in m) if (own.call(m, k)) return true;
  return false;
}

export function resourceSet(r: ResourceRequirements | null | undefined): ResourceSet | null {
  if (!r || typeof r !== "object") return null;
  const set = { requests: quantities(r.requests), limits: quantities(r.limits) };
  return anyKey(set.requests) || anyKey(set.limits) ? set : null;
}

/**
 * Whether `quantities(value)` would equal `stored` (null: empty), without building it: the
 * per-update path compares a version's quantities with what it holds and allocates nothing.
 */
export function sameQuantities(value: unknown, stored: Record<string, string> | null): boolean {
  let n = 0;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const raw = value as Record<string, unknown>;
    for (const k in raw) {
      if (!Object.prototype.hasOwnProperty.call(raw, k)) continue;
      const v = raw[k];
      if (typeof v !== "string" && typeof v !== "number") continue;
      if (stored === null || !Object.prototype.hasOwnProperty.call(stored, k)) return false;
      if (stored[k] !== (typeof v === "string" ? v : String(v))) return false;
      n++;
    }
  }
  if (stored === null) return n === 0;
  let m = 0;
  for (const k in stored) if (Object.prototype.hasOwnProperty.call(stored, k)) m++;
  return n === m;
}

/** Whether `resourceSet(r)` would equal `stored`, without building it. */
export function sameResourceSet(
  r: ResourceRequirements | null | undefined,
  stored: ResourceSet | null,
): boolean {
  if (!r || typeof r !== "object") return stored === null;
  if (stored === null) return sameQuantities(r.requests, null) && sameQuantities(r.limits, null);
  return sameQuantities(r.requests, stored.requests) && sameQuantities(r.limits, stored.limits);
}
