// Realistic pods and events for the benchmarks: ~8 KiB pods with three containers.
import type { CoreEvent, Pod } from "../lib/k8s/types";
import { formatTime } from "../lib/k8s/time";

export const T0 = Date.parse("2026-11-20T09:00:00Z");
const iso = (ms: number) => formatTime(ms);

/** A realistic ~10 KB pod: three containers, probes, env, volumes, a last-applied annotation. */
export function makePod(i: number, step: number, now: number): Pod {
  const name = `api-${Math.floor(i / 10)}-7d9c${i.toString(36).padStart(4, "0")}`;
  const cycle = Math.floor(step / 6);
  const phase = step % 6;
  const created = T0 - 3_600_000;
  // Only the crash-looping container (k = 1) gets new runs; the others run since the start.
  const started = (k: number) => iso(created + 10_000 + k * 1000 + (k === 1 ? cycle * 60_000 : 0));
  const containers = ["app", "metrics", "proxy"].map((c, k) => ({
    name: c,
    image: `registry.example.com/team/${c}:1.${k}.${i % 7}`,
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: "http", containerPort: 8080 + k, protocol: "TCP" }],
    env: Array.from({ length: 12 }, (_, e) => ({
      name: `SETTING_${c.toUpperCase()}_${e}`,
      value: `value-${e}-${"x".repeat(20)}`,
    })),
    resources: {
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { cpu: "1", memory: "512Mi" },
    },
    livenessProbe: {
      httpGet: { path: "/healthz", port: 8080 + k, scheme: "HTTP" },
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    },
    readinessProbe: {
      httpGet: { path: "/ready", port: 8080 + k, scheme: "HTTP" },
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    },
    volumeMounts: [
      { name: "config", mountPath: "/etc/app" },
      {
        name: "kube-api-access",
        mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
        readOnly: true,
      },
    ],
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  }));
  const crashed = phase === 3;
  const restarts = cycle + (phase >= 4 ? 1 : 0);
  const status = (c: string, k: number) => {
    const isCrash = k === 1;
    const last =
      isCrash && restarts > 0
        ? {
            terminated: {
              exitCode: 1,
              reason: "Error",
              startedAt: started(k),
              finishedAt: iso(Date.parse(started(k)) + 30_000),
              containerID: `containerd://${"ab".repeat(32)}`,
            },
          }
        : {};
    const state =
      isCrash && crashed
        ? {
            waiting: {
              reason: "CrashLoopBackOff",
              message: `back-off 20s restarting failed container=${c} pod=${name}_prod(uid-${i})`,
            },
          }
        : {
            running: {
              startedAt: isCrash
                ? iso(Date.parse(started(k)) + (phase >= 4 ? 60_000 : 0))
                : started(k),
            },
          };
    const ready = !(isCrash && crashed) && !(k === 0 && phase === 1);
    return {
      name: c,
      state,
      lastState:
        isCrash && crashed
          ? {
              terminated: {
                exitCode: 1,
                reason: "Error",
                startedAt: started(k),
                finishedAt: iso(Date.parse(started(k)) + 30_000),
              },
            }
          : last,
      ready,
      started: ready,
      restartCount: isCrash ? restarts : 0,
      image: containers[k].image,
      imageID: `${containers[k].image}@sha256:${"cd".repeat(32)}`,
      containerID: `containerd://${"ef".repeat(32)}`,
    };
  };
  const allReady = phase !== 1 && phase !== 3;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "prod",
      uid: `uid-${i}`,
      resourceVersion: String(100000 + step),
      creationTimestamp: iso(created),
      labels: { app: "api", "pod-template-hash": "7d9c", team: "payments", tier: "backend" },
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({
          containers: containers.map((c) => ({ name: c.name, image: c.image })),
        }).repeat(4),
      },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "api-7d9c",
          uid: "rs-uid",
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: `node-${i % 50}`,
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      containers,
      tolerations: [
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: "Running",
      conditions: [
        {
          type: "PodReadyToStartContainers",
          status: "True",
          lastTransitionTime: iso(created + 5000),
        },
        { type: "Initialized", status: "True", lastTransitionTime: iso(created + 2000) },
        {
          type: "Ready",
          status: allReady ? "True" : "False",
          lastTransitionTime: iso(now - 1000),
          ...(allReady
            ? {}
            : { reason: "ContainersNotReady", message: "containers with unready status: [app]" }),
        },
        {
          type: "ContainersReady",
          status: allReady ? "True" : "False",
          lastTransitionTime: iso(now - 1000),
        },
        { type: "PodScheduled", status: "True", lastTransitionTime: iso(created + 1000) },
      ],
      hostIP: "10.0.0.11",
      podIP: `10.244.${i % 250}.${i % 200}`,
      startTime: iso(created + 1000),
      containerStatuses: ["app", "metrics", "proxy"].map(status),
      qosClass: "Burstable",
    },
  };
}

export function events(pod: Pod, i: number): CoreEvent[] {
  const uid = pod.metadata!.uid!;
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
    metadata: { name: `${pod.metadata!.name}.${n}`, namespace: "prod", uid: `${uid}-e${n}` },
    involvedObject: {
      kind: "Pod",
      name: pod.metadata!.name,
      namespace: "prod",
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
      `Successfully assigned prod/${pod.metadata!.name} to node-${i % 50}`,
      1,
      created + 1000,
      created + 1000,
    ),
    ev(
      2,
      "Pulled",
      'Successfully pulled image "registry.example.com/team/app:1.0.0" in 2.1s (2.1s including waiting)',
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
