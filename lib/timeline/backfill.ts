// A pod first met mid-life: one observation plus the events still in the cluster. Started events
// can prove a container ran earlier than the reconstructed phases and statuses say. Pure.
import { occurrences, type NormalizedEvent } from "./events";
import type { ContainerKind, PhaseInterval, StatusInterval } from "./types";

/** The first time a container (of `kind`, or any) is proven to have started, by Started events. */
export function firstStarted(
  groups: NormalizedEvent[][],
  containers: ReadonlyMap<string, { kind: ContainerKind }>,
  kind: ContainerKind | null,
): number | null {
  let first: number | null = null;
  for (const versions of groups) {
    const latest = versions[versions.length - 1];
    if (latest.reason !== "Started" || !latest.container) continue;
    if (kind !== null && containers.get(latest.container)?.kind !== kind) continue;
    for (const o of occurrences(versions)) if (first === null || o.at < first) first = o.at;
  }
  return first;
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
