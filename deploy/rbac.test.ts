// The RBAC rules hold exactly what Lifeline's code asks the API server for. Every request the
// cluster reader makes (lib/kube: the collector's lists and watches, the cluster's identity) is
// recorded against the demo cluster, turned into the attributes an authorizer checks (verb, API
// group, resource, namespace, name), and compared with the rendered ClusterRole and Roles. The
// log capture's fetch (lib/logs/fetch.ts: get pods/log) is made once in each listed namespace.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "@/lib/demo-cluster/clock";
import { DemoCluster } from "@/lib/demo-cluster/cluster";
import { T0 } from "@/lib/demo-cluster/cluster.test-kit";
import { KubeClient, type WatchEvent } from "@/lib/kube/client";
import { Collector } from "@/lib/kube/collector";
import { kubeConfigFor } from "@/lib/kube/connection";
import { readClusterIdentity } from "@/lib/kube/identity";
import { kubeLogFetcher } from "@/lib/logs/fetch";
import { findKubectl, kustomize, objectsOf, type K8sObject } from "./render.test-kit";

interface Request {
  verb: string;
  group: string;
  resource: string;
  namespace: string;
  name: string;
}
interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}

/** A KubeClient that notes each request's verb and path; `noEventsV1` hides events.k8s.io from discovery. */
class RecordingClient extends KubeClient {
  readonly requests: { verb: string; path: string }[] = [];
  constructor(
    server: string,
    private readonly noEventsV1 = false,
  ) {
    super(kubeConfigFor(server));
  }
  override async get<T>(
    path: string,
    query: Record<string, string> = {},
    verb = "list",
    signal?: AbortSignal,
  ): Promise<T> {
    this.requests.push({ verb, path });
    if (path === "/apis" && this.noEventsV1) return { groups: [] } as T;
    return super.get<T>(path, query, verb, signal);
  }
  override async text(
    path: string,
    query: Record<string, string>,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<string> {
    this.requests.push({ verb: "get", path });
    return super.text(path, query, maxBytes, signal);
  }
  override async watch(
    path: string,
    query: Record<string, string>,
    onEvent: (e: WatchEvent) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    this.requests.push({ verb: "watch", path });
    return super.watch(path, query, onEvent, signal);
  }
}

/** What an authorizer sees of a request path (k8s.io/apiserver's RequestInfoFactory); null for discovery. */
function attributesOf(verb: string, path: string): Request | null {
  const parts = path.split("?")[0].split("/").filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length > 2) [group, rest] = ["", parts.slice(2)];
  else if (parts[0] === "apis" && parts.length > 3) [group, rest] = [parts[1], parts.slice(3)];
  else return null; // /api, /apis, /apis/<group>[/<version>]: discovery, allowed to everyone signed in
  let namespace = "";
  if (rest[0] === "namespaces" && rest.length > 2) [namespace, rest] = [rest[1], rest.slice(2)];
  // A subresource: pods/{name}/log is the resource "pods/log".
  const resource = rest.length > 2 ? `${rest[0]}/${rest[2]}` : rest[0];
  return { verb, group, resource, namespace, name: rest[1] ?? "" };
}

const allows = (rules: Rule[], r: Request) =>
  rules.some(
    (rule) =>
      rule.verbs.includes(r.verb) &&
      (rule.apiGroups ?? []).includes(r.group) &&
      (rule.resources ?? []).includes(r.resource) &&
      (!rule.resourceNames || rule.resourceNames.includes(r.name)),
  );

const kubectl = findKubectl();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Starts what reads the cluster, waits until every watch is open (or refused), and returns its requests. */
async function requestsOf(
  namespaces: string[] | null,
  noEventsV1 = false,
  initialState?: "list",
): Promise<Request[]> {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock });
  stops.push(() => cluster.stop());
  const client = new RecordingClient(cluster.url, noEventsV1);
  await readClusterIdentity(client, cluster.url, null);
  const collector = new Collector({
    client,
    namespaces,
    now: () => clock.now(),
    onObservation: () => {},
    initialState,
  });
  stops.push(() => collector.stop());
  await collector.start();
  // A container's log, as the capture asks for it when a run ends (the pod need not exist here).
  for (const namespace of namespaces ?? ["default"])
    await kubeLogFetcher(client)({
      namespace,
      pod: "web",
      container: "app",
      previous: true,
      tailLines: 200,
      limitBytes: 65536,
    }).catch(() => {});
  await vi.waitFor(
    () =>
      expect(client.requests.filter((r) => r.verb === "watch")).toHaveLength(
        collector.state().reflectors.length,
      ),
    { timeout: 5000, interval: 5 },
  );
  return client.requests.map((r) => attributesOf(r.verb, r.path)).filter((r): r is Request => !!r);
}

/** The workload kinds (lib/kube/workload-resources.ts) as group and resource, in sorted order. */
const WORKLOADS = [
  "apps controllerrevisions",
  "apps daemonsets",
  "apps deployments",
  "apps replicasets",
  "apps statefulsets",
  "batch cronjobs",
  "batch jobs",
];

const unique = (rs: Request[]) =>
  [
    ...new Set(
      rs.map((r) => `${r.verb} ${r.group || "core"} ${r.resource}${r.name ? `/${r.name}` : ""}`),
    ),
  ].sort();

describe.skipIf(!kubectl)("RBAC against the requests Lifeline makes", () => {
  const base = objectsOf(kustomize(kubectl!, "base"));
  const namespaced = objectsOf(kustomize(kubectl!, "overlays/namespaced"));
  const clusterRole = base.find((o) => o.kind === "ClusterRole")!.rules as Rule[];

  it("the path parser reads what an authorizer reads", () => {
    expect(attributesOf("list", "/api/v1/pods")).toEqual({
      verb: "list",
      group: "",
      resource: "pods",
      namespace: "",
      name: "",
    });
    expect(attributesOf("get", "/api/v1/namespaces/kube-system")).toEqual({
      verb: "get",
      group: "",
      resource: "namespaces",
      namespace: "",
      name: "kube-system",
    });
    expect(attributesOf("watch", "/apis/events.k8s.io/v1/namespaces/dev/events")).toEqual({
      verb: "watch",
      group: "events.k8s.io",
      resource: "events",
      namespace: "dev",
      name: "",
    });
    expect(attributesOf("discover", "/apis")).toBeNull();
  });

  it("cluster-wide, the ClusterRole allows every request, and each of its rules is used", async () => {
    // Watch-lists, and the paged lists a server without them is read with.
    const requests = [
      ...(await requestsOf(null)),
      ...(await requestsOf(null, true)),
      ...(await requestsOf(null, false, "list")),
      ...(await requestsOf(null, true, "list")),
    ];
    expect(requests.filter((r) => !allows(clusterRole, r))).toEqual([]);
    expect(unique(requests)).toEqual([
      "get core namespaces/kube-system",
      "get core pods/log/web",
      ...WORKLOADS.map((w) => `list ${w}`),
      "list core events",
      "list core nodes",
      "list core pods",
      "list events.k8s.io events",
      ...WORKLOADS.map((w) => `watch ${w}`),
      "watch core events",
      "watch core nodes",
      "watch core pods",
      "watch events.k8s.io events",
    ]);
    // No rule the code does not need (get on the listed kinds is the usual read set; docs/deploy.md).
    for (const rule of clusterRole)
      for (const group of rule.apiGroups ?? [])
        for (const resource of rule.resources ?? [])
          expect(
            requests.some((r) => r.group === group && r.resource === resource),
            `${group || "core"} ${resource}`,
          ).toBe(true);
  });

  it("namespaced, the Roles allow every request in the listed namespaces; only the cluster-scoped nodes and kube-system are refused", async () => {
    const sts = namespaced.find((o) => o.kind === "StatefulSet")!;
    const env = (
      sts.spec as {
        template: { spec: { containers: { env: { name: string; value?: string }[] }[] } };
      }
    ).template.spec.containers[0].env;
    const listed = env.find((e) => e.name === "LIFELINE_NAMESPACES")!.value!.split(",");
    const roles = (ns: string) =>
      namespaced
        .filter((o: K8sObject) => o.kind === "Role" && o.metadata.namespace === ns)
        .flatMap((o) => o.rules as Rule[]);
    const requests = [
      ...(await requestsOf(listed)),
      ...(await requestsOf(listed, true)),
      ...(await requestsOf(listed, false, "list")),
      ...(await requestsOf(listed, true, "list")),
    ];
    const refused = requests.filter((r) => !(r.namespace && allows(roles(r.namespace), r)));
    expect(unique(refused)).toEqual([
      "get core namespaces/kube-system",
      "list core nodes",
      "watch core nodes",
    ]);
    expect(
      [...new Set(requests.filter((r) => r.namespace).map((r) => r.namespace))].sort(),
    ).toEqual([...listed].sort());
  });
});
