// A pod first met mid-life: one observation plus the events still in the cluster. Started events
// can prove a container ran earlier than the reconstructed phases and statuses say. Pure.
import { occurrences, type NormalizedEvent } from "./events";
import type { ContainerKind, PhaseInterval, StatusInterval } from "./types";

/**
 * The first time a main container, and any container, is proven to have started, by Started
 * events (one pass: each event's occurrences are expanded once).
 */
export function firstStarted(
  groups: NormalizedEvent[][],
  containers: ReadonlyMap<string, { kind: ContainerKind }>,
): { main: number | null; any: number | null } {
  let main: number | null = null;
  let any: number | null = null;
  for (const versions of groups) {
    const latest = versions[versions.length - 1];
    if (latest.reason !== "Started" || !latest.container) continue;
    const isMain = containers.get(latest.container)?.kind === "main";
    for (const o of occurrences(versions)) {
      if (any === null || o.at < any) any = o.at;
      if (isMain && (main === null || o.at < main)) main = o.at;
    }
  }
  return { main, any };
}

/** A pod first met mid-life: a Started event still in the cluster can prove an earlier Running. */
export function backdateRunning(phases: PhaseInterval[], started: number | null): void {
  const i = phases.findIndex((p) => p.phase === "Running");
  if (started === null || i <= 0) return;
  const before = phases[i - 1];
  if (started < phases[i].start && started > before.start) {
    before.end = started;
    phases[i].start = started;
  }
}

/**
 * A pod first met mid-life was Pending only until a container started: when a Started event
 * proves that earlier than the next reconstructed status, end Pending there and leave a gap.
 */
export function endPendingAt(status: StatusInterval[], started: number | null): boolean {
  const first = status[0];
  if (started === null || status.length < 2 || first.status !== "Pending" || first.end === null)
    return false;
  if (started <= first.start || started >= first.end) return false;
  first.end = started;
  return true;
}
