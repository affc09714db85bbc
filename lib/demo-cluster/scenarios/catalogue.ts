// The catalogue applied at start: the seed articles' examples (namespace dev, named as in the seeds)
// and the other stories the dashboard must tell. Each scenario is manifests plus timed steps.
import type { Container } from "../../k8s/types";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { NodeSpec } from "../nodes";
import { NODE_4, PREFER_NODE_4, STORY_NODE } from "./node-4";
import { CRONJOB_BACKUP } from "./cronjob-backup";
import { SET_SCENARIOS } from "./sets";
import { ROLLOUT_SCENARIOS } from "./rollouts";

export interface ScenarioStep {
  /** ms after the cluster starts. */
  after: number;
  what: string;
  run(cluster: ScenarioHost): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** Nodes the story brings, joined before its objects are applied. */
  nodes?: NodeSpec[];
  objects: KubeObject[];
  steps?: ScenarioStep[];
}

export interface ScenarioHost {
  apply(object: KubeObject): void;
  /** The cluster's objects, for steps that update them (scenarios/rollouts.ts: set image, undo). */
  readonly store: ObjectStore;
  loseNode(name: string): void;
  /** The node a pod with this label runs on, if any. */
  nodeOf(namespace: string, label: string, value: string): string | undefined;
}

const NGINX = "docker.1ms.run/library/nginx:latest";
const BUSYBOX = "docker.1ms.run/library/busybox:1.36";

function pod(
  name: string,
  spec: Record<string, unknown>,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "dev",
      labels: { app: name, ...(extra.labels ?? {}) },
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec,
  };
}

const nginx = (extra: Partial<Container> = {}): Container => ({
  name: "nginx",
  image: NGINX,
  ports: [{ name: "nginx-port", containerPort: 80 }],
  ...extra,
});

export const SCENARIOS: Scenario[] = [
  {
    name: "pod-initcontainer",
    description:
      "Init:0/2 until the mysql and redis hosts appear (a minute and a minute and a half in), then Running.",
    objects: [
      pod("pod-initcontainer", {
        containers: [nginx({ name: "main-container" })],
        initContainers: [
          {
            name: "test-mysql",
            image: BUSYBOX,
            command: [
              "sh",
              "-c",
              "until ping mysql -c 1 ; do echo waiting for mysql...; sleep 2; done;",
            ],
          },
          {
            name: "test-redis",
            image: BUSYBOX,
            command: [
              "sh",
              "-c",
              "until ping redis -c 1 ; do echo waiting for redis...; sleep 2; done;",
            ],
          },
        ],
      }),
    ],
    steps: [
      {
        after: 60_000,
        what: "create the mysql pod",
        run: (c) =>
          c.apply(
            pod("mysql", {
              containers: [{ name: "mysql", image: "mysql:8.4", ports: [{ containerPort: 3306 }] }],
            }),
          ),
      },
      {
        after: 90_000,
        what: "create the redis pod",
        run: (c) =>
          c.apply(
            pod("redis", {
              containers: [{ name: "redis", image: "redis:7.4", ports: [{ containerPort: 6379 }] }],
            }),
          ),
      },
    ],
  },
  {
    name: "pod-hook-exec",
    description: "postStart rewrites nginx's index page; preStop quits nginx gracefully.",
    objects: [
      pod("pod-hook-exec", {
        containers: [
          nginx({
            name: "main-container",
            lifecycle: {
              postStart: {
                exec: {
                  command: [
                    "/bin/sh",
                    "-c",
                    "echo postStart... > /usr/share/nginx/html/index.html",
                  ],
                },
              },
              preStop: { exec: { command: ["/usr/sbin/nginx", "-s", "quit"] } },
            },
          }),
        ],
      }),
    ],
  },
  {
    name: "pod-liveness-exec",
    description:
      "The liveness probe cats a file that does not exist: killed every 30 s, back-off 10s → 5m0s.",
    objects: [
      pod("pod-liveness-exec", {
        containers: [
          nginx({ livenessProbe: { exec: { command: ["/bin/cat", "/tmp/hello.txt"] } } }),
        ],
      }),
    ],
  },
  {
    name: "pod-liveness-tcpsocket",
    description:
      "The liveness probe dials 8080, where nothing listens: connection refused, restarts.",
    objects: [
      pod("pod-liveness-tcpsocket", {
        containers: [nginx({ livenessProbe: { tcpSocket: { port: 8080 } } })],
      }),
    ],
  },
  {
    name: "pod-liveness-httpget",
    description: "The liveness probe GETs /hello, which nginx answers 404: restarts.",
    objects: [
      pod("pod-liveness-httpget", {
        containers: [
          nginx({ livenessProbe: { httpGet: { scheme: "HTTP", port: 80, path: "/hello" } } }),
        ],
      }),
    ],
  },
  {
    name: "pod-restartpolicy",
    description:
      "Same failing probe with restartPolicy Never: killed once, never restarted (RESTARTS 0, Completed).",
    objects: [
      pod("pod-restartpolicy", {
        restartPolicy: "Never",
        containers: [
          nginx({ livenessProbe: { httpGet: { scheme: "HTTP", port: 80, path: "/hello" } } }),
        ],
      }),
    ],
  },
  {
    name: "image-typo",
    description:
      "ngnix instead of nginx: ErrImagePull, then ImagePullBackOff with growing back-off.",
    objects: [
      pod("web-typo", {
        containers: [{ name: "web", image: "ngnix:1.27", ports: [{ containerPort: 80 }] }],
      }),
    ],
  },
  {
    name: "unschedulable",
    description: "Requests 64 cpu; no node has that many: Pending, FailedScheduling.",
    objects: [
      pod("big-batch", {
        containers: [
          {
            name: "app",
            image: BUSYBOX,
            command: ["sleep", "3600"],
            resources: { requests: { cpu: "64" } },
          },
        ],
      }),
    ],
  },
  {
    name: "readiness-flapping",
    description:
      "/healthz answers 200 for 40 s, then 503 for 20 s, over and over: Ready flips, no restarts.",
    objects: [
      pod(
        "api-flappy",
        {
          containers: [
            {
              name: "api",
              image: BUSYBOX,
              ports: [{ containerPort: 8080 }],
              readinessProbe: {
                httpGet: { path: "/healthz", port: 8080 },
                periodSeconds: 5,
                failureThreshold: 2,
              },
            },
          ],
        },
        {
          annotations: {
            "lifeline.dev/script.api":
              "listen 8080; echo listening on :8080; while true; do serve 8080 /healthz 200; echo health: ok; sleep 40; serve 8080 /healthz 503; echo health: degraded, upstream timed out; sleep 20; done",
          },
        },
      ),
    ],
  },
  {
    name: "oom-killed",
    description:
      "Allocates past its 64Mi limit a few seconds after each start: OOMKilled, CrashLoopBackOff.",
    objects: [
      pod(
        "memory-hog",
        {
          containers: [
            {
              name: "stress",
              image: BUSYBOX,
              resources: { requests: { memory: "32Mi" }, limits: { memory: "64Mi" } },
            },
          ],
        },
        {
          annotations: {
            "lifeline.dev/script.stress":
              "echo loading the dataset; alloc 40Mi; sleep 4; echo building the index; alloc 40Mi; sleep 3600",
          },
        },
      ),
    ],
  },
  {
    name: "job",
    description: "A Job whose pod computes for 25 s and exits 0: Completed, Job Complete.",
    objects: [
      {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "pi", namespace: "dev" },
        spec: {
          backoffLimit: 4,
          template: {
            spec: {
              restartPolicy: "Never",
              containers: [
                {
                  name: "pi",
                  image: BUSYBOX,
                  command: ["sh", "-c", "echo computing; sleep 25; echo 3.14159"],
                },
              ],
            },
          },
        },
      },
    ],
  },
  {
    name: "replicaset",
    description: "A Deployment-style ReplicaSet of three nginx pods with a readiness probe.",
    objects: [
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "web-7d9c5b8f4", namespace: "dev", labels: { app: "web" } },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "web", "pod-template-hash": "7d9c5b8f4" } },
          template: {
            metadata: { labels: { app: "web", "pod-template-hash": "7d9c5b8f4" } },
            spec: {
              containers: [
                nginx({
                  name: "web",
                  readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 },
                }),
              ],
            },
          },
        },
      },
    ],
  },
  {
    name: "node-lost",
    description:
      "Three minutes in, node-4, the node running my-nginx (tolerationSeconds 2, as in the seed), drops off: Ready=Unknown after 50 s, my-nginx's pods there are evicted 2 s later and replaced; db-0 (default 300 s) follows five minutes later and stays Terminating. node-4 is the story's own, tainted so that only its pods go there: losing it ends no other story.",
    nodes: [NODE_4],
    objects: [
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "my-nginx-5c7588df", namespace: "dev", labels: { app: "my-nginx" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "my-nginx" } },
          template: {
            metadata: { labels: { app: "my-nginx" } },
            spec: {
              affinity: PREFER_NODE_4,
              tolerations: [
                STORY_NODE,
                {
                  key: "node.kubernetes.io/unreachable",
                  operator: "Exists",
                  effect: "NoExecute",
                  tolerationSeconds: 2,
                },
                {
                  key: "node.kubernetes.io/not-ready",
                  operator: "Exists",
                  effect: "NoExecute",
                  tolerationSeconds: 2,
                },
              ],
              containers: [nginx({ name: "my-nginx", ports: [{ containerPort: 443 }] })],
            },
          },
        },
      },
    ],
    steps: [
      {
        after: 20_000,
        what: "start db-0 on the node that runs my-nginx",
        run: (c) => {
          const node = c.nodeOf("dev", "app", "my-nginx");
          if (node)
            c.apply(
              pod("db-0", {
                nodeName: node,
                tolerations: [STORY_NODE],
                containers: [
                  { name: "redis", image: "redis:7.4", ports: [{ containerPort: 6379 }] },
                ],
              }),
            );
        },
      },
      {
        after: 180_000,
        what: "lose the node that runs my-nginx",
        run: (c) => {
          const node = c.nodeOf("dev", "app", "my-nginx");
          if (node) c.loseNode(node);
        },
      },
    ],
  },
  CRONJOB_BACKUP,
  ...SET_SCENARIOS,
  ...ROLLOUT_SCENARIOS,
];

export function scenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
