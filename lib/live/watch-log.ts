// What the log says about the watches, as client-go's reflector logs "Failed to watch …": a path
// that starts failing (its resource, its namespace scope, the KubeError sentence as `err`, the
// attempts), then not on every retry (a failing watch retries every ≤30 s) but at most every
// 5 minutes while it fails with the same error, or at once when the error changes; its recovery;
// the cluster becoming unreachable (lib/live/reachability.ts) and answering again; nodes forbidden
// to a namespaced install (once) and visible again. A stopped watch (shutdown) says nothing.
import type { CollectorState } from "../kube/collector";
import type { ReflectorState } from "../kube/reflector";
import { log } from "../log/logger";
import { formatDuration } from "../text/format";
import { nodeAccess } from "./cluster-info";
import { reachability } from "./reachability";
import { workloadAccess, type WorkloadDenial } from "./workload-access";

/** How often a path that keeps failing with the same error is said again. */
export const REPEAT_EVERY_MS = 5 * 60_000;

interface Failing {
  since: number;
  attempts: number;
  error: string | null;
  saidAt: number;
}

/** "pods in team-b", "events in all namespaces", "nodes". */
export function watchedPath(path: string): string {
  const resource = path.split("/").pop() || path;
  if (resource === "nodes") return "nodes";
  const ns = /\/namespaces\/([^/]+)\//.exec(path)?.[1];
  return `${resource} in ${ns ? decodeURIComponent(ns) : "all namespaces"}`;
}

const fields = (path: string, r: ReflectorState, f: Failing) => {
  const ns = /\/namespaces\/([^/]+)\//.exec(path)?.[1];
  return {
    resource: path.split("/").pop(),
    namespace: ns ? decodeURIComponent(ns) : null,
    status: r.lastStatus,
    attempts: f.attempts,
    err: r.lastError,
  };
};

export class WatchLog {
  private failing = new Map<string, Failing>();
  private unreachableSince: number | null = null;
  private nodesForbidden = false;
  /** The workload denials last said (their sentences): each is said once, and its end too. */
  private denied = new Map<string, WorkloadDenial>();

  constructor(
    private readonly now: () => number,
    private readonly unreachableAfterMs: number,
  ) {}

  /** Each change of the collector's state, and each failed attempt of a retrying watch. */
  onState(s: CollectorState): void {
    const now = this.now();
    for (const r of s.reflectors) this.path(r, now);
    // Stopping (SIGTERM) ends every watch: that says nothing about the cluster nor about nodes.
    if (s.reflectors.some((r) => r.phase === "stopped")) return;
    this.nodes(s);
    this.workloads(s);
    const reach = reachability(s, now, this.unreachableAfterMs);
    if (reach.state === "unreachable" && this.unreachableSince === null) {
      this.unreachableSince = reach.unreachableSince ?? now;
      log.warn(
        { since: new Date(this.unreachableSince).toISOString() },
        `the cluster's API server is unreachable: no watch has had an answer for ${formatDuration(now - this.unreachableSince, "elapsed")}`,
      );
    } else if (reach.unreachableSince === null && this.unreachableSince !== null) {
      log.info(
        `the cluster's API server answers again after ${formatDuration(now - this.unreachableSince, "elapsed")}`,
      );
      this.unreachableSince = null;
    }
  }

  private nodes(s: CollectorState): void {
    const nodes = nodeAccess(s);
    if ((nodes.state === "forbidden") === this.nodesForbidden) return;
    this.nodesForbidden = !this.nodesForbidden;
    if (this.nodesForbidden)
      log.warn(
        { err: nodes.error },
        "nodes are not visible: the credentials may not list them (a namespaced install); pod timelines are complete, node readiness is not shown; asking again every 5 minutes",
      );
    else log.info("nodes are visible again: node readiness is shown");
  }

  private workloads(s: CollectorState): void {
    const now = new Map(workloadAccess(s).map((d) => [d.sentence, d]));
    for (const [sentence, d] of now)
      if (!this.denied.has(sentence))
        log.warn({ resource: d.resource, namespaces: d.namespaces, err: d.error }, sentence);
    for (const [sentence, d] of this.denied)
      if (!now.has(sentence) && ![...now.values()].some((n) => n.resource === d.resource))
        log.info(`${d.resource} is listed again: workload pages show ${d.kind}s`);
    this.denied = now;
  }

  private path(r: ReflectorState, now: number): void {
    const what = watchedPath(r.path);
    const f = this.failing.get(r.path);
    if (r.phase === "retrying") {
      if (!f) {
        const first = { since: now, attempts: 1, error: r.lastError, saidAt: now };
        this.failing.set(r.path, first);
        log.warn(fields(r.path, r, first), `${what} cannot be watched; retrying with back-off`);
        return;
      }
      f.attempts++;
      const changed = r.lastError !== f.error;
      if (!changed && now - f.saidAt < REPEAT_EVERY_MS) return;
      f.error = r.lastError;
      f.saidAt = now;
      const after = formatDuration(now - f.since, "elapsed");
      log.warn(
        fields(r.path, r, f),
        changed
          ? `${what} still cannot be watched after ${after}, now for another reason; retrying`
          : `${what} still cannot be watched after ${after}; retrying`,
      );
    } else if (f && r.phase === "connected") {
      this.failing.delete(r.path);
      log.info(
        { attempts: f.attempts },
        `watching ${what} again after ${formatDuration(now - f.since, "elapsed")}`,
      );
    }
  }
}
