// Helpers for the demo cluster's tests: an in-process cluster on a ManualClock, with time measured
// in seconds from the start and short ways to read pods, events and the ground truth.
import type { ContainerStatus, CoreEvent, Pod } from "../k8s/types";
import { kubectlStatus } from "../timeline";
import { ManualClock } from "./clock";
import { DemoCluster, type DemoClusterOptions } from "./cluster";
import type { KubeObject } from "./api-server/store";

export const T0 = Date.parse("2026-11-20T09:00:00Z");

export class Kit {
  readonly clock = new ManualClock(T0);
  readonly cluster: DemoCluster;

  constructor(opts: DemoClusterOptions = {}) {
    this.cluster = DemoCluster.inProcess({ scenarios: [], clock: this.clock, ...opts });
  }

  /** Moves the clock to `sec` seconds after the start. */
  at(sec: number): this {
    this.clock.advanceTo(T0 + sec * 1000);
    return this;
  }

  /** Seconds since the start for an API time string. */
  sec(time: string | null | undefined): number | null {
    return time ? (Date.parse(time) - T0) / 1000 : null;
  }

  apply(object: KubeObject): KubeObject {
    return this.cluster.apply(object);
  }

  pod(name: string, namespace = "dev"): Pod | undefined {
    return this.cluster.store.get("pods", namespace, name) as Pod | undefined;
  }

  status(name: string, namespace = "dev"): string {
    const p = this.pod(name, namespace);
    return p ? kubectlStatus(p, this.clock.now()).status : "<gone>";
  }

  container(pod: string, container: string): ContainerStatus | undefined {
    const s = this.pod(pod)?.status;
    return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? [])].find(
      (c) => c.name === container,
    );
  }

  condition(pod: string, type: string): string | undefined {
    return this.pod(pod)?.status?.conditions?.find((c) => c.type === type)?.status;
  }

  /** core/v1 events about a pod, oldest first. */
  events(name: string, reason?: string): CoreEvent[] {
    return (this.cluster.store.list("events", "dev") as unknown as CoreEvent[])
      .filter(
        (e) => e.involvedObject?.name === name && (reason === undefined || e.reason === reason),
      )
      .sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
  }

  /** Ground-truth entries for a pod. */
  truth(name: string, what?: string) {
    return this.cluster.truth.query({ name, what });
  }
}

export function podManifest(
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "dev",
      labels: { app: name },
      ...(annotations ? { annotations } : {}),
    },
    spec,
  };
}

/** Kills a container's process as the runtime would (exit 137). */
export function crash(kit: Kit, pod: string, container: string, namespace = "dev"): void {
  for (const k of kit.cluster.kubelets.values())
    if (k.worker(namespace, pod)?.crash(container)) return;
  throw new Error(`no running ${container} in ${namespace}/${pod}`);
}

/** [start, end] in ms since T0 of every run of a container, from the ground truth. */
export function runs(
  kit: Kit,
  pod: string,
  container: string,
): { start: number; end: number | null; to?: string }[] {
  const out: { start: number; end: number | null; to?: string }[] = [];
  for (const e of kit.truth(pod, "container.state").filter((x) => x.container === container)) {
    if (e.to === "running") out.push({ start: e.at - T0, end: null });
    else if (e.to?.startsWith("terminated") && out.length && out[out.length - 1].end === null) {
      out[out.length - 1].end = e.at - T0;
      out[out.length - 1].to = e.to;
    }
  }
  return out;
}
