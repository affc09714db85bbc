// Which lists a strategic merge patch merges, and by which key: the `patchStrategy` and
// `patchMergeKey` struct tags of k8s.io/api (core/v1, apps/v1, batch/v1 types.go), for the kinds
// the demo cluster serves. A list without a tag is atomic (the patch's list replaces it); maps
// always merge. `retainKeys` on its own changes nothing when applying a patch (the `$retainKeys`
// directive in the patch does the clearing), so it is not recorded here.

export interface FieldMeta {
  /** "merge": the list is merged (by `mergeKey` for lists of objects, as a set for scalars). */
  strategy?: "merge" | "replace";
  mergeKey?: string;
  /** The schema of the field's value, or of each element for a list. */
  type?: PatchSchema;
}

export type PatchSchema = Readonly<Record<string, FieldMeta>>;

const byKey = (mergeKey: string, type?: PatchSchema): FieldMeta => ({
  strategy: "merge",
  mergeKey,
  type,
});

/** metav1.ObjectMeta */
export const OBJECT_META: PatchSchema = {
  finalizers: { strategy: "merge" },
  ownerReferences: byKey("uid"),
};

/** core/v1 Container (and EphemeralContainerCommon) */
const CONTAINER: PatchSchema = {
  ports: byKey("containerPort"),
  env: byKey("name"),
  volumeMounts: byKey("mountPath"),
  volumeDevices: byKey("devicePath"),
};

/** core/v1 PodSpec. tolerations, readinessGates and the rest carry no tag: atomic. */
const POD_SPEC: PatchSchema = {
  volumes: byKey("name"),
  initContainers: byKey("name", CONTAINER),
  containers: byKey("name", CONTAINER),
  ephemeralContainers: byKey("name", CONTAINER),
  imagePullSecrets: byKey("name"),
  hostAliases: byKey("ip"),
  topologySpreadConstraints: byKey("topologyKey"),
  schedulingGates: byKey("name"),
  resourceClaims: byKey("name"),
};

const POD_STATUS: PatchSchema = {
  conditions: byKey("type"),
  podIPs: byKey("ip"),
  hostIPs: byKey("ip"),
  resourceClaimStatuses: byKey("name"),
};

const POD_TEMPLATE: PatchSchema = { metadata: { type: OBJECT_META }, spec: { type: POD_SPEC } };

/** Status of the apps/batch kinds: conditions merged by type. */
const CONDITIONS: PatchSchema = { conditions: byKey("type") };

const workload = (spec: PatchSchema): PatchSchema => ({
  metadata: { type: OBJECT_META },
  spec: { type: spec },
  status: { type: CONDITIONS },
});

const JOB_SPEC: PatchSchema = { template: { type: POD_TEMPLATE } };

/** The root schema of each stored kind, by store bucket. Kinds not listed merge maps only. */
export const PATCH_SCHEMAS: Readonly<Record<string, PatchSchema>> = {
  pods: {
    metadata: { type: OBJECT_META },
    spec: { type: POD_SPEC },
    status: { type: POD_STATUS },
  },
  nodes: {
    metadata: { type: OBJECT_META },
    spec: { type: { podCIDRs: { strategy: "merge" } } },
    status: { type: { conditions: byKey("type"), addresses: byKey("type") } },
  },
  namespaces: {
    metadata: { type: OBJECT_META },
    status: { type: CONDITIONS },
  },
  events: { metadata: { type: OBJECT_META } },
  deployments: workload({ template: { type: POD_TEMPLATE } }),
  replicasets: workload({ template: { type: POD_TEMPLATE } }),
  statefulsets: workload({ template: { type: POD_TEMPLATE } }),
  daemonsets: workload({ template: { type: POD_TEMPLATE } }),
  controllerrevisions: { metadata: { type: OBJECT_META } },
  jobs: workload(JOB_SPEC),
  cronjobs: workload({
    jobTemplate: { type: { metadata: { type: OBJECT_META }, spec: { type: JOB_SPEC } } },
  }),
};
