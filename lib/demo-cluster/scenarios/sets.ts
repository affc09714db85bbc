// The StatefulSet and DaemonSet stories, each in its own namespace so the seed stories in `dev`
// (and the tests that count their pods) are not disturbed.
import type { Scenario } from "./catalogue";

const BUSYBOX = "docker.1ms.run/library/busybox:1.36";

// Every replica runs the same script: the first to find no primary on db-0:5432 becomes it; the
// others join as replicas and wait for the primary's replication port, 5433, which this primary
// never opens (it was configured for 5432 only). So db-0 turns Ready, db-1 never does, and under
// OrderedReady db-2 is never created.
const DB_SCRIPT = [
  "nc -z -w 1 db-0 5432 && echo db-0 is the primary, joining as a replica && until nc -z -w 1 db-0 5433; do echo waiting for the primary replication port db-0:5433; sleep 10; done",
  "listen 5432",
  "echo accepting connections on 5432",
  "listen 8080",
  "serve 8080 /ready 200",
  "sleep infinity",
].join("; ");

export const SET_SCENARIOS: Scenario[] = [
  {
    name: "statefulset-blocked",
    description:
      "StatefulSet db (3 replicas, OrderedReady) in namespace data: db-0 becomes the primary and turns Ready, db-1 waits forever for a replication port and never turns Ready, so db-2 is never created.",
    objects: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "data" } },
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "db", namespace: "data", labels: { app: "db" } },
        spec: {
          serviceName: "db",
          replicas: 3,
          selector: { matchLabels: { app: "db" } },
          template: {
            metadata: {
              labels: { app: "db" },
              annotations: { "lifeline.dev/script.db": DB_SCRIPT },
            },
            spec: {
              containers: [
                {
                  name: "db",
                  image: BUSYBOX,
                  ports: [{ containerPort: 5432 }, { name: "ready", containerPort: 8080 }],
                  readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 },
                },
              ],
            },
          },
        },
      },
    ],
  },
  {
    name: "daemonset",
    description:
      "DaemonSet node-agent in namespace infra: one pod per node. With node-lost, node-4 (running my-nginx) drops off at 3 min: its agent pod stays (it tolerates unreachable), turns not Ready, and the node leaves the desired count (numberMisscheduled 1).",
    objects: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "infra" } },
      {
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: { name: "node-agent", namespace: "infra", labels: { app: "node-agent" } },
        spec: {
          selector: { matchLabels: { app: "node-agent" } },
          template: {
            metadata: {
              labels: { app: "node-agent" },
              annotations: {
                "lifeline.dev/script.agent":
                  "listen 9100; echo exporting node metrics on :9100; serve 9100 /metrics 200; sleep infinity",
              },
            },
            spec: {
              // An agent per node, the node-lost story's node-4 too (it tolerates that story's taint).
              tolerations: [
                { key: "lifeline.dev/story", operator: "Exists", effect: "NoSchedule" },
              ],
              // The cluster's own nodes, not the pool `--scale` adds (it would run one per scale node).
              affinity: {
                nodeAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [
                      {
                        matchExpressions: [{ key: "lifeline.dev/pool", operator: "DoesNotExist" }],
                      },
                    ],
                  },
                },
              },
              containers: [
                {
                  name: "agent",
                  image: BUSYBOX,
                  ports: [{ name: "metrics", containerPort: 9100 }],
                  readinessProbe: { httpGet: { path: "/metrics", port: 9100 }, periodSeconds: 10 },
                },
              ],
            },
          },
        },
      },
    ],
  },
];
