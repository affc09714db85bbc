// The events a realistic pod (bench/pods.ts) has in the cluster: five per pod, kubelet's.
import type { CoreEvent, Pod } from "../lib/k8s/types";
import { formatTime } from "../lib/k8s/time";

const iso = (ms: number) => formatTime(ms);

export function events(pod: Pod, i: number): CoreEvent[] {
  const uid = pod.metadata!.uid!;
  const ns = pod.metadata!.namespace!;
  const created = Date.parse(pod.metadata!.creationTimestamp!);
  const ev = (
    n: number,
    reason: string,
    message: string,
    count: number,
    first: number,
    last: number,
    fieldPath?: string,
  ): CoreEvent => ({
    metadata: { name: `${pod.metadata!.name}.${n}`, namespace: ns, uid: `${uid}-e${n}` },
    involvedObject: {
      kind: "Pod",
      name: pod.metadata!.name,
      namespace: ns,
      uid,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason,
    message,
    type: reason === "Unhealthy" || reason === "BackOff" ? "Warning" : "Normal",
    count,
    firstTimestamp: iso(first),
    lastTimestamp: iso(last),
    source: { component: "kubelet", host: `node-${i % 50}` },
  });
  return [
    ev(
      1,
      "Scheduled",
      `Successfully assigned ${ns}/${pod.metadata!.name} to node-${i % 50}`,
      1,
      created + 1000,
      created + 1000,
    ),
    ev(
      2,
      "Pulled",
      'Successfully pulled image "registry.example.com/payments/app:1.0.0" in 2.1s (2.1s including waiting)',
      1,
      created + 4000,
      created + 4000,
      "spec.containers{app}",
    ),
    ev(
      3,
      "Started",
      "Started container metrics",
      4,
      created + 10_000,
      created + 200_000,
      "spec.containers{metrics}",
    ),
    ev(
      4,
      "Unhealthy",
      "Liveness probe failed: HTTP probe failed with statuscode: 500",
      9,
      created + 40_000,
      created + 190_000,
      "spec.containers{metrics}",
    ),
    ev(
      5,
      "BackOff",
      "Back-off restarting failed container metrics in pod",
      3,
      created + 70_000,
      created + 199_000,
      "spec.containers{metrics}",
    ),
  ];
}
