// The resources the demo cluster serves, with what discovery says about them. Event objects are
// stored once (core/v1 shape) and served in both core/v1 and events.k8s.io/v1, as in a real cluster.
import { eventFromV1, eventToV1 } from "./event-convert";
import type { KubeObject } from "./store";

export interface ResourceType {
  group: string;
  version: string;
  /** URL segment, e.g. "pods". */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  /** Store bucket; two API versions of one kind share it. */
  storage: string;
  /** Field-selector table to use (selectors.ts). */
  selectorKey: string;
  shortNames: string[];
  verbs: string[];
  subresources: string[];
  toWire?: (stored: KubeObject) => KubeObject;
  fromWire?: (incoming: KubeObject) => KubeObject;
}

const READ_WRITE = ["create", "delete", "get", "list", "patch", "update", "watch"];

function res(
  group: string,
  version: string,
  plural: string,
  singular: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    plural,
    singular,
    kind,
    namespaced,
    storage: plural,
    selectorKey: plural,
    shortNames: [],
    verbs: READ_WRITE,
    subresources: [],
    ...extra,
  };
}

export const RESOURCES: ResourceType[] = [
  res("", "v1", "namespaces", "namespace", "Namespace", false, { shortNames: ["ns"] }),
  res("", "v1", "nodes", "node", "Node", false, { shortNames: ["no"], subresources: ["status"] }),
  res("", "v1", "pods", "pod", "Pod", true, {
    shortNames: ["po"],
    subresources: ["log", "status"],
  }),
  res("", "v1", "events", "event", "Event", true, { shortNames: ["ev"] }),
  res("events.k8s.io", "v1", "events", "event", "Event", true, {
    shortNames: ["ev"],
    selectorKey: "events.k8s.io/events",
    toWire: eventToV1,
    fromWire: eventFromV1,
  }),
  res("apps", "v1", "deployments", "deployment", "Deployment", true, {
    shortNames: ["deploy"],
    subresources: ["scale", "status"],
  }),
  res("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, {
    shortNames: ["rs"],
    subresources: ["scale", "status"],
  }),
  res("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, {
    shortNames: ["sts"],
    subresources: ["scale", "status"],
  }),
  res("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, {
    shortNames: ["ds"],
    subresources: ["status"],
  }),
  res("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true),
  res("batch", "v1", "jobs", "job", "Job", true, { subresources: ["status"] }),
  res("batch", "v1", "cronjobs", "cronjob", "CronJob", true, {
    shortNames: ["cj"],
    subresources: ["status"],
  }),
];

export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export const SERVER_VERSION = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.0-lifeline-demo",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-11-01T00:00:00Z",
  goVersion: "go1.24.0",
  compiler: "gc",
  platform: "linux/amd64",
};

/** `/api`, `/apis`, `/api/v1`, `/apis/<group>`, `/apis/<group>/<version>`; undefined for any other path. */
export function discovery(path: string): Record<string, unknown> | undefined {
  if (path === "/version") return SERVER_VERSION;
  if (path === "/api") {
    return {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }],
    };
  }
  const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))].map((name) => {
    const versions = [...new Set(RESOURCES.filter((r) => r.group === name).map((r) => r.version))];
    const list = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions: list, preferredVersion: list[0] };
  });
  if (path === "/apis") return { kind: "APIGroupList", apiVersion: "v1", groups };
  if (path === "/api/v1") return resourceList("", "v1");
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const group = groups.find((g) => g.name === m[1]);
  if (!group) return undefined;
  if (!m[2]) return { kind: "APIGroup", apiVersion: "v1", ...group };
  return group.versions.some((v) => v.version === m[2]) ? resourceList(m[1], m[2]) : undefined;
}

function resourceList(group: string, version: string): Record<string, unknown> {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version).flatMap(
    (r) => [
      {
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs,
        ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      },
      ...r.subresources.map((s) => ({
        name: `${r.plural}/${s}`,
        singularName: "",
        namespaced: r.namespaced,
        // A scale is an autoscaling/v1 Scale whatever its parent (kubectl scale reads this).
        ...(s === "scale"
          ? { group: "autoscaling", version: "v1", kind: "Scale" }
          : { kind: r.kind }),
        verbs: s === "log" ? ["get"] : ["get", "patch", "update"],
      })),
    ],
  );
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
