// Realistic pods and events for the benchmarks: a Deployment's pod as kube-apiserver serves it
// (managedFields from kube-controller-manager and the kubelet, a dozen annotations, three
// containers with probes, env and resources, ownerReferences, status with conditions and
// containerStatuses), 7–10 KB of JSON, and versions that differ as a watch's do.
import type { Pod } from "../lib/k8s/types";
import { formatTime } from "../lib/k8s/time";

export const T0 = Date.parse("2026-11-20T09:00:00Z");
const iso = (ms: number) => formatTime(ms);

/** A watch's versions of one pod come in cycles of this many steps (see `makePod`). */
export const CYCLE = 5;
/** When step `s` happened: the bench observes step s at this time (plus a little). */
export const stepAt = (s: number) => T0 + s * 1000;
const CREATED = T0 - 3_600_000;

/** The key server-side apply gives a list item: `k:{"name":"app"}`. */
const itemKey = (fields: Record<string, unknown>) => `k:${JSON.stringify(fields)}`;

/** A fieldsV1 tree of a value: every field `f:name`, list items by their merge key. */
function fieldsOf(
  value: unknown,
  keyOf: (item: Record<string, unknown>) => string | null,
): unknown {
  if (value === null || typeof value !== "object" || Object.keys(value).length === 0) return {};
  const out: Record<string, unknown> = { ".": {} };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      const items: Record<string, unknown> = { ".": {} };
      for (const item of v) {
        const key =
          item && typeof item === "object" ? keyOf(item as Record<string, unknown>) : null;
        if (key) items[key] = fieldsOf(item, keyOf);
      }
      out[`f:${k}`] = Object.keys(items).length > 1 ? items : {};
    } else out[`f:${k}`] = fieldsOf(v, keyOf);
  }
  return out;
}

/** Merge keys of the pod's lists, as the API's strategic-merge schema names them. */
function mergeKey(item: Record<string, unknown>): string | null {
  if ("containerPort" in item)
    return itemKey({ containerPort: item.containerPort, protocol: item.protocol });
  if ("mountPath" in item) return itemKey({ mountPath: item.mountPath });
  if ("type" in item && "status" in item) return itemKey({ type: item.type });
  if ("ip" in item) return itemKey({ ip: item.ip });
  if ("uid" in item && "kind" in item) return itemKey({ uid: item.uid });
  if ("name" in item) return itemKey({ name: item.name });
  return null;
}

const NAMES = ["app", "metrics", "proxy"] as const;
let specFields: Record<string, unknown> | undefined;

/** app carries the weight; metrics and proxy are lean sidecars, as they usually are. */
function containerSpec(c: string, k: number, i: number) {
  const port = 8080 + k;
  const main = k === 0;
  const env: unknown[] = [{ name: "LOG_LEVEL", value: "info" }];
  if (main)
    env.push(
      {
        name: "POD_NAME",
        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } },
      },
      { name: "OTEL_EXPORTER_OTLP_ENDPOINT", value: "http://otel-collector.observability:4317" },
      {
        name: "DATABASE_PASSWORD",
        valueFrom: { secretKeyRef: { name: "payments-db", key: "password" } },
      },
    );
  return {
    name: c,
    image: `registry.example.com/payments/${c}:1.${k}.${i % 7}`,
    imagePullPolicy: "IfNotPresent",
    ...(main ? { ports: [{ name: "http", containerPort: port, protocol: "TCP" }] } : {}),
    env,
    resources: {
      requests: { cpu: main ? "250m" : "50m", memory: main ? "256Mi" : "64Mi" },
      limits: { cpu: main ? "1" : "200m", memory: main ? "512Mi" : "128Mi" },
    },
    ...(main
      ? {
          livenessProbe: {
            httpGet: { path: "/healthz", port, scheme: "HTTP" },
            periodSeconds: 10,
            timeoutSeconds: 1,
            failureThreshold: 3,
            successThreshold: 1,
          },
        }
      : {}),
    readinessProbe: {
      ...(main ? { httpGet: { path: "/ready", port, scheme: "HTTP" } } : { tcpSocket: { port } }),
      periodSeconds: 5,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    },
    ...(main
      ? {
          volumeMounts: [
            {
              name: "kube-api-access-x7k2p",
              mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
              readOnly: true,
            },
          ],
        }
      : {}),
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  };
}

/**
 * Version `step` of pod `i`, as a watch delivers it. Versions come in cycles of CYCLE steps, each
 * changing the status the way a kubelet's status updates do: (0) app's readiness fails, (1) app
 * ready again, (2) metrics crashes: CrashLoopBackOff with its lastState, (3) metrics restarted
 * (restartCount + 1, not ready yet), (4) metrics ready. Ready and ContainersReady change their
 * lastTransitionTime when they flip; every version has a new resourceVersion and the kubelet's
 * managedFields time. `touch` > 0 makes a version whose status is the same as step's but whose
 * resourceVersion and managedFields differ (a metadata-only update, e.g. a controller's).
 */
export function makePod(i: number, step: number, touch = 0): Pod {
  const name = `payments-api-7d9c4b-${i.toString(36).padStart(5, "0")}`;
  const uid = `${(0x10000000 + i).toString(16)}-9a2b-4c1d-8e3f-1b2c3d4e5f60`;
  const cycle = Math.floor(step / CYCLE);
  const phase = step % CYCLE;
  const now = stepAt(step);
  const nodeName = `ip-10-0-${(i % 50) + 1}-${(i % 200) + 10}.eu-west-1.compute.internal`;
  // Run r of metrics (the crash-looping one) started at step (r-1)*CYCLE+3 and died at r*CYCLE+2.
  const runStart = (r: number) => (r === 0 ? CREATED + 11_000 : stepAt((r - 1) * CYCLE + 3) - 500);
  const runEnd = (r: number) => stepAt(r * CYCLE + 2) - 800;
  const restarts = cycle + (phase >= 3 ? 1 : 0);
  const containers = NAMES.map((c, k) => containerSpec(c, k, i));
  const appReady = phase !== 0;
  const metricsReady = phase !== 2 && phase !== 3;
  const allReady = appReady && metricsReady;
  // Ready flips at every step but 3 (metrics still not ready after its restart).
  const lastFlip = stepAt(phase === 3 ? step - 1 : step) - 1000;
  const status = (c: string, k: number) => {
    const crash = k === 1;
    const waiting = crash && phase === 2;
    const current = crash ? restarts : 0;
    const terminated = (r: number) => ({
      terminated: {
        exitCode: 1,
        reason: "Error",
        startedAt: iso(runStart(r)),
        finishedAt: iso(runEnd(r)),
        containerID: `containerd://${(i * 31 + r).toString(16).padStart(64, "a")}`,
      },
    });
    const ready = k === 0 ? appReady : k === 1 ? metricsReady : true;
    return {
      name: c,
      state: waiting
        ? {
            waiting: {
              reason: "CrashLoopBackOff",
              message: `back-off 10s restarting failed container=${c} pod=${name}_payments(${uid})`,
            },
          }
        : { running: { startedAt: iso(crash ? runStart(current) : CREATED + 10_000 + k * 1000) } },
      lastState: crash && (waiting || current > 0) ? terminated(waiting ? cycle : current - 1) : {},
      ready,
      started: !waiting,
      restartCount: current,
      image: containers[k].image,
      imageID: `registry.example.com/payments/${c}@sha256:${"cd".repeat(32)}`,
      containerID: `containerd://${(i * 31 + current + k * 7).toString(16).padStart(64, "e")}`,
    };
  };
  const readyCondition = (type: string) => ({
    type,
    status: allReady ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: iso(lastFlip),
    ...(allReady
      ? {}
      : {
          reason: "ContainersNotReady",
          message: `containers with unready status: [${[appReady ? "" : "app", metricsReady ? "" : "metrics"].filter(Boolean).join(" ")}]`,
        }),
  });
  const podIP = `10.244.${i % 250}.${(i % 200) + 2}`;
  const hostIP = `10.0.${(i % 50) + 1}.${(i % 200) + 10}`;
  const podStatus = {
    phase: "Running",
    conditions: [
      {
        type: "PodReadyToStartContainers",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: iso(CREATED + 5000),
      },
      {
        type: "Initialized",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: iso(CREATED + 2000),
      },
      readyCondition("Ready"),
      readyCondition("ContainersReady"),
      {
        type: "PodScheduled",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: iso(CREATED + 1000),
      },
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: iso(CREATED + 1000),
    containerStatuses: NAMES.map(status),
    qosClass: "Burstable",
  };
  const labels = {
    app: "payments-api",
    "app.kubernetes.io/name": "payments-api",
    "pod-template-hash": "7d9c4b",
    tier: "backend",
  };
  const ownerReferences = [
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "payments-api-7d9c4b",
      uid: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  const spec = {
    volumes: [
      {
        name: "kube-api-access-x7k2p",
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          ],
          defaultMode: 420,
        },
      },
    ],
    containers,
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    serviceAccountName: "payments-api",
    serviceAccount: "payments-api",
    nodeName,
    securityContext: {},
    schedulerName: "default-scheduler",
    tolerations: [
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ],
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: "PreemptLowerPriority",
  };
  const { nodeName: _bound, ...templateSpec } = spec;
  void _bound;
  const statusFields = fieldsOf(
    {
      conditions: podStatus.conditions,
      containerStatuses: [],
      hostIP,
      hostIPs: podStatus.hostIPs,
      phase: 1,
      podIP,
      podIPs: podStatus.podIPs,
      startTime: 1,
    },
    mergeKey,
  ) as Record<string, unknown>;
  delete statusFields["."];
  const managedFields = [
    {
      manager: "kube-controller-manager",
      operation: "Update",
      apiVersion: "v1",
      time: iso(CREATED),
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": {
          "f:generateName": {},
          "f:labels": fieldsOf(labels, mergeKey),
          "f:ownerReferences": { ".": {}, [itemKey({ uid: ownerReferences[0].uid })]: {} },
        },
        // The same for every pod (images differ only in their values): built once.
        "f:spec": (specFields ??= (() => {
          const f = fieldsOf(
            { ...templateSpec, volumes: templateSpec.volumes.map((v) => ({ name: v.name })) },
            mergeKey,
          ) as Record<string, unknown>;
          delete f["."];
          return f;
        })()),
      },
    },
    {
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      time: iso(now),
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": statusFields },
      subresource: "status",
    },
    ...(touch > 0
      ? [
          {
            manager: "audit-controller",
            operation: "Update",
            apiVersion: "v1",
            time: iso(now + touch),
            fieldsType: "FieldsV1",
            fieldsV1: { "f:metadata": { "f:annotations": { "f:example.com/last-audit": {} } } },
          },
        ]
      : []),
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: "payments-api-7d9c4b-",
      namespace: "payments",
      uid,
      resourceVersion: String(1_000_000 + step * 2 + (touch > 0 ? 1 : 0)),
      creationTimestamp: iso(CREATED),
      labels,
      annotations: {
        "kubectl.kubernetes.io/restartedAt": "2026-11-19T17:42:03Z",
        "kubectl.kubernetes.io/default-container": "app",
        "prometheus.io/scrape": "true",
        "prometheus.io/port": "9090",
        "prometheus.io/path": "/metrics",
        "checksum/config": "4b1f0e7c2d9a8b6c5e3f1a2d4c6b8e0f1a3c5e7d9b2f4a6c8e0d2f4b6a8c0e2d",
        "example.com/owner": "payments",
        "cluster-autoscaler.kubernetes.io/safe-to-evict": "true",
        "linkerd.io/inject": "disabled",
        "co.elastic.logs/enabled": "true",
        "sidecar.istio.io/inject": "false",
        "fluentbit.io/parser": "json",
        ...(touch > 0 ? { "example.com/last-audit": iso(now + touch) } : {}),
      },
      ownerReferences,
      managedFields,
    },
    spec,
    status: podStatus,
  } as unknown as Pod;
}
