// Ground truth: every transition the demo cluster makes, in order, so tests can compare what the
// dashboard shows with what really happened. Kept in memory (bounded) and optionally appended to a file.
import { appendFileSync } from "node:fs";
import type { ContainerStatus, PodStatus } from "../k8s/types";

export interface TruthEntry {
  seq: number;
  /** Epoch ms on the cluster clock. */
  at: number;
  /** e.g. pod.phase, pod.condition, container.state, container.ready, probe, node.condition, pod.deleted. */
  what: string;
  namespace?: string;
  name: string;
  uid?: string;
  container?: string;
  from?: string;
  to?: string;
  detail?: Record<string, unknown>;
}

export class TruthLog {
  private entries: TruthEntry[] = [];
  private seq = 0;

  constructor(
    private readonly limit = 200_000,
    private readonly file?: string,
  ) {}

  add(entry: Omit<TruthEntry, "seq">): void {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    // Trimmed in chunks so a long run does not copy the whole log on every entry.
    if (this.entries.length > this.limit + Math.ceil(this.limit / 4))
      this.entries.splice(0, this.entries.length - this.limit);
    if (this.file) appendFileSync(this.file, JSON.stringify(full) + "\n");
  }

  /** Entries after `sinceSeq`, optionally for one object. */
  query(
    opts: { since?: number; namespace?: string; name?: string; what?: string } = {},
  ): TruthEntry[] {
    return this.entries.filter(
      (e) =>
        e.seq > (opts.since ?? 0) &&
        (opts.namespace === undefined || e.namespace === opts.namespace) &&
        (opts.name === undefined || e.name === opts.name) &&
        (opts.what === undefined || e.what === opts.what),
    );
  }
}

/** The pod a truth entry is about, and when it happened. */
export interface TruthSubject {
  at: number;
  namespace: string;
  name: string;
  uid: string;
}

/** Logs each transition between two versions of a pod's status: phase, conditions, container states, readiness. */
export function recordPodStatus(
  truth: TruthLog,
  base: TruthSubject,
  old: PodStatus,
  next: PodStatus,
): void {
  if (old.phase !== next.phase)
    truth.add({ ...base, what: "pod.phase", from: old.phase, to: next.phase });
  for (const c of next.conditions ?? []) {
    const was = old.conditions?.find((x) => x.type === c.type);
    if (was?.status !== c.status)
      truth.add({
        ...base,
        what: "pod.condition",
        container: undefined,
        from: was?.status,
        to: c.status,
        detail: { type: c.type, reason: c.reason },
      });
  }
  const all = (s: PodStatus) => [
    ...(s.initContainerStatuses ?? []),
    ...(s.containerStatuses ?? []),
  ];
  for (const c of all(next)) {
    const was = all(old).find((x) => x.name === c.name);
    const a = stateText(was);
    const b = stateText(c);
    if (a !== b)
      truth.add({
        ...base,
        what: "container.state",
        container: c.name,
        from: a,
        to: b,
        detail: { restartCount: c.restartCount },
      });
    if (!!was?.ready !== !!c.ready)
      truth.add({
        ...base,
        what: "container.ready",
        container: c.name,
        from: String(!!was?.ready),
        to: String(!!c.ready),
      });
  }
}

function stateText(s: ContainerStatus | undefined): string {
  const st = s?.state;
  if (!st) return "none";
  if (st.running) return "running";
  if (st.terminated) return `terminated:${st.terminated.reason ?? ""}(${st.terminated.exitCode})`;
  return `waiting:${st.waiting?.reason ?? ""}`;
}
