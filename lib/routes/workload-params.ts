// Validation of the workload routes' parameters (GET /api/workloads…). Each failure is one sentence
// for a 400 answer, as params.ts's.
import { quoteInput } from "../text/quote";
import {
  WORKLOAD_RESOURCES,
  workloadResource,
  type WorkloadResource,
} from "../kube/workload-resources";
import { BadInput, namespaceParam } from "./params";

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

// A ControllerRevision is a StatefulSet's or DaemonSet's revision (Lifeline stores them for the
// model), not a workload with a page or a row of its own.
const PAGED = WORKLOAD_RESOURCES.filter((r) => r.kind !== "ControllerRevision");
const KINDS = PAGED.map((r) => r.plural);
const KIND_LIST = `${KINDS.slice(0, -1).join(", ")} or ${KINDS.at(-1)}`;

/** A kind as kubectl writes it: the plural (`deployments`), the singular, a short name (`deploy`) or the Kind. */
export function workloadKindParam(value: string | null): WorkloadResource | undefined {
  if (value === null || value === "") return undefined;
  const r = value.length <= 64 ? workloadResource(value) : undefined;
  if (!r || !PAGED.includes(r))
    throw new BadInput(`kind ${quoteInput(value, 40)} is not a workload kind: ${KIND_LIST}.`);
  return r;
}

/** A workload's name: a DNS subdomain, as the API server validates it. */
export function workloadNameParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 253 || !SUBDOMAIN.test(value))
    throw new BadInput(
      `${quoteInput(value)} is not a valid workload name (lowercase letters, digits, '-' and '.', at most 253 characters).`,
    );
  return value;
}

export function workloadUidParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (!/^[0-9a-fA-F-]{1,64}$/.test(value))
    throw new BadInput(`uid ${quoteInput(value)} is not an object uid.`);
  return value;
}

/** POST /api/snapshots `{kind: "workload", namespace, workload, name, uid?, from, to}`: the page's window. */
export interface WorkloadSnapshotRequest {
  kind: "workload";
  namespace: string;
  resource: WorkloadResource;
  name: string;
  uid?: string;
  from: number;
  to: number;
}

export function workloadSnapshotRequest(
  str: (k: string) => string | null,
  from: number | undefined,
  to: number | undefined,
): WorkloadSnapshotRequest {
  const namespace = namespaceParam(str("namespace"));
  const resource = workloadKindParam(str("workload"));
  const name = workloadNameParam(str("name"));
  if (!namespace || !resource || !name)
    throw new BadInput(
      "a workload snapshot needs namespace, workload (its kind: deployments, cronjobs …) and name.",
    );
  if (from === undefined || to === undefined)
    throw new BadInput("a workload snapshot needs its window: from and to.");
  return {
    kind: "workload",
    namespace,
    resource,
    name,
    uid: workloadUidParam(str("uid")),
    from,
    to,
  };
}
