// Test support: the workloads' ground truth, and the comparison with what the store kept. The
// demo cluster's store is watched in-process from its first version (nothing is lost there), each
// version projected with the same workloadState the collector uses; the pipeline read the same
// cluster over HTTP (with whatever faults the test injects). Used by fidelity.test.ts.
import type { DemoCluster } from "../demo-cluster/cluster";
import type { Change } from "../demo-cluster/api-server/store";
import { WORKLOAD_RESOURCES } from "../kube/workload-resources";
import type { WorkloadHistory } from "../store/workload-history";
import { workloadState } from "../workloads/workload-state";

interface Seen {
  at: number;
  deleted: boolean;
  /** The WorkloadState as JSON: what the store keeps of a version. */
  text: string;
}

/** Every version of every workload the demo cluster wrote, with the demo clock's time. */
export class WorkloadTruth {
  readonly versions = new Map<string, { name: string; seen: Seen[] }>();

  /** Call right after DemoCluster.start, before the clock moves: the start's objects are replayed at its time. */
  constructor(demo: DemoCluster, now: () => number) {
    for (const r of WORKLOAD_RESOURCES)
      demo.store.watch(r.plural, 0, (c: Change) => {
        const o = c.object;
        const uid = o.metadata.uid;
        if (!uid) return;
        const entry = this.versions.get(uid) ?? {
          name: `${r.kind} ${o.metadata.namespace}/${o.metadata.name}`,
          seen: [],
        };
        this.versions.set(uid, entry);
        const deleted = c.type === "DELETED";
        const state = workloadState(o);
        // A deletion keeps the last state, as the store's tombstone does.
        const text = deleted && entry.seen.length ? entry.seen.at(-1)!.text : JSON.stringify(state);
        entry.seen.push({ at: now(), deleted, text });
      });
  }
}

/**
 * What an observer can know of a sequence of versions: the last one at each instant (versions
 * written in the same instant as a relist are one), runs of equal ones as one.
 */
function settle(seen: Seen[]): Seen[] {
  const last = seen.filter((s, i) => seen[i + 1]?.at !== s.at);
  return last.filter(
    (s, i) => i === 0 || s.text !== last[i - 1].text || s.deleted !== last[i - 1].deleted,
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Differences between the truth and the store's workload versions, as sentences. */
export function workloadMismatches(
  truth: WorkloadTruth,
  store: WorkloadHistory,
): { workloads: number; versions: number; problems: string[] } {
  const problems: string[] = [];
  let versions = 0;
  for (const [uid, { name, seen }] of truth.versions) {
    const want = settle(seen);
    versions += want.length;
    const got = settle(
      store.versionsIn(uid).map((v) => ({
        at: v.observedAt,
        deleted: v.deleted,
        text: JSON.stringify(v.state),
      })),
    );
    if (got.length === 0) {
      problems.push(`${name} (${uid}): never stored, truth has ${want.length} version(s)`);
      continue;
    }
    const n = Math.max(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const w = want[i];
      const g = got[i];
      if (!w || !g) {
        problems.push(
          `${name}: ${got.length} version(s) stored, truth ${want.length}; first extra at ${iso((w ?? g)!.at)}`,
        );
        break;
      }
      if (w.at !== g.at || w.deleted !== g.deleted || w.text !== g.text) {
        problems.push(
          `${name}: version ${i + 1} stored at ${iso(g.at)}${g.deleted ? " (deleted)" : ""}, truth ${iso(w.at)}${w.deleted ? " (deleted)" : ""}${w.text !== g.text ? `; states differ: stored ${g.text.slice(0, 300)} truth ${w.text.slice(0, 300)}` : ""}`,
        );
        break;
      }
    }
  }
  return { workloads: truth.versions.size, versions, problems };
}
