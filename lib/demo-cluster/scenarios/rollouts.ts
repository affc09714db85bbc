// Deployment stories, in their own namespace ("rollouts") so the dev stories and their tests keep
// their pods: a rollout to a typo'd image that stalls past its progress deadline and is undone,
// and a good rolling update that takes visible time (one surge pod at a time, readiness gating).
import type { Container } from "../../k8s/types";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";
import { updateObject } from "../api-server/update";
import { HASH_LABEL, revisionOf } from "../controllers/deployment-util";
import type { Scenario, ScenarioHost } from "./catalogue";

export const ROLLOUTS_NS = "rollouts";
const DEPLOYMENTS = RESOURCES.find((r) => r.plural === "deployments")!;
const NGINX = "docker.1ms.run/library/nginx";

type Spec = { template: { spec: { containers: Container[] } } };

function deployment(name: string, spec: Record<string, unknown>, container: Container): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ROLLOUTS_NS, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container] } },
      ...spec,
    },
  };
}

/** What `kubectl set image deploy/<name> <container>=<image>` sends, through the update path. */
export function setImage(store: ObjectStore, name: string, image: string): void {
  updateObject(store, {
    resource: DEPLOYMENTS,
    namespace: ROLLOUTS_NS,
    name,
    dryRun: false,
    next: (d) => {
      (d.spec as Spec).template.spec.containers[0].image = image;
      return d;
    },
  });
}

/** What `kubectl rollout undo deploy/<name>` does: the previous revision's template, without its hash label. */
export function rolloutUndo(store: ObjectStore, name: string): void {
  const d = store.get("deployments", ROLLOUTS_NS, name);
  if (!d) return;
  const owned = store
    .list("replicasets", ROLLOUTS_NS)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const previous = owned.find((rs) => revisionOf(rs) < revisionOf(d));
  if (!previous) return;
  const template = structuredClone((previous.spec as { template: Spec["template"] }).template) as {
    metadata?: { labels?: Record<string, string> };
  };
  delete template.metadata?.labels?.[HASH_LABEL];
  updateObject(store, {
    resource: DEPLOYMENTS,
    namespace: ROLLOUTS_NS,
    name,
    dryRun: false,
    next: (o) => {
      (o.spec as { template: unknown }).template = template;
      return o;
    },
  });
}

const web = (image: string, readiness: Container["readinessProbe"]): Container => ({
  name: "web",
  image,
  ports: [{ containerPort: 80 }],
  readinessProbe: readiness,
});

/** Each story creates the namespace if the other has not, so either plays alone. */
function create(host: ScenarioHost, d: KubeObject): void {
  if (!host.store.get("namespaces", undefined, ROLLOUTS_NS))
    host.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ROLLOUTS_NS } });
  host.apply(d);
}

export const ROLLOUT_SCENARIOS: Scenario[] = [
  {
    name: "rollout-stalled",
    description:
      "rollouts/checkout (3 replicas) is rolled to a typo'd image (ngnix) at 1 min: the surge pod stays in ImagePullBackOff, the rollout stalls and passes its 120 s progress deadline (Progressing=False ProgressDeadlineExceeded), then is undone at 5 min.",
    objects: [],
    steps: [
      {
        after: 0,
        what: "create rollouts/checkout",
        run: (c) =>
          create(
            c,
            deployment(
              "checkout",
              { replicas: 3, progressDeadlineSeconds: 120 },
              web(`${NGINX}:1.27`, { httpGet: { path: "/", port: 80 }, periodSeconds: 5 }),
            ),
          ),
      },
      {
        after: 60_000,
        what: "kubectl set image deploy/checkout web=ngnix:1.28 (a typo)",
        run: (c) => setImage(c.store, "checkout", "docker.1ms.run/library/ngnix:1.28"),
      },
      {
        after: 300_000,
        what: "kubectl rollout undo deploy/checkout",
        run: (c) => rolloutUndo(c.store, "checkout"),
      },
    ],
  },
  {
    name: "rollout-good",
    description:
      "rollouts/catalog (4 replicas, maxSurge 1, maxUnavailable 0) is rolled to a new image at 90 s: one new pod at a time, each ready after its 10 s readiness delay, each old pod leaving once a new one is available.",
    objects: [],
    steps: [
      {
        after: 0,
        what: "create rollouts/catalog",
        run: (c) =>
          create(
            c,
            deployment(
              "catalog",
              {
                replicas: 4,
                minReadySeconds: 5,
                strategy: {
                  type: "RollingUpdate",
                  rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
                },
              },
              web(`${NGINX}:1.27`, {
                httpGet: { path: "/", port: 80 },
                initialDelaySeconds: 10,
                periodSeconds: 5,
              }),
            ),
          ),
      },
      {
        after: 90_000,
        what: "kubectl set image deploy/catalog web=nginx:1.28",
        run: (c) => setImage(c.store, "catalog", `${NGINX}:1.28`),
      },
    ],
  },
];
