// Which workload kinds are not listed, from the watches' states: one entry per resource and reason,
// its namespaces together; a viewer sees only their namespaces' and the cluster-wide ones.
import { describe, expect, it } from "vitest";
import type { CollectorState } from "../kube/collector";
import type { ReflectorState } from "../kube/reflector";
import { scopedDenials, workloadAccess } from "./workload-access";

const T = Date.parse("2026-11-20T09:00:00Z");
const DENIED = (what: string, ns: string) =>
  `Lifeline may not list ${what} in namespace ${ns} (403 Forbidden): grant its user or service account "list" on ${what} in namespace ${ns} (see deploy/ for the read-only role).`;

function reflector(
  path: string,
  phase: ReflectorState["phase"],
  status: number | null,
  at = 0,
): ReflectorState {
  return {
    path,
    phase,
    since: T + at,
    lastError:
      status === 403
        ? DENIED(path.split("/").pop()!, "x")
        : status === 404
          ? "the server could not find the requested resource"
          : null,
    lastStatus: status,
    lists: 0,
    watches: 1,
    resourceVersion: "",
  };
}

const state = (reflectors: ReflectorState[]): CollectorState => ({
  phase: "connected",
  eventsApi: "events.k8s.io/v1",
  reflectors,
});

describe("workload access", () => {
  const connection = state([
    reflector("/api/v1/namespaces/dev/pods", "connected", null),
    reflector("/api/v1/nodes", "forbidden", 403),
    reflector("/apis/apps/v1/namespaces/team-b/statefulsets", "forbidden", 403, 2000),
    reflector("/apis/apps/v1/namespaces/dev/statefulsets", "forbidden", 403, 1000),
    reflector("/apis/apps/v1/namespaces/dev/deployments", "connected", null),
    reflector("/apis/batch/v1/namespaces/dev/cronjobs", "forbidden", 404),
    reflector("/apis/batch/v1/namespaces/team-b/cronjobs", "forbidden", 404),
    reflector("/apis/batch/v1/namespaces/dev/jobs", "retrying", 500),
  ]);

  it("names each resource once, with the namespaces it was refused in, and a kind not served once", () => {
    expect(workloadAccess(connection)).toEqual([
      {
        resource: "statefulsets.apps",
        kind: "StatefulSet",
        reason: "forbidden",
        namespaces: ["team-b", "dev"],
        since: T + 1000,
        error: DENIED("statefulsets", "x"),
        sentence:
          "Lifeline may not list statefulsets.apps in team-b, dev: workload pages omit StatefulSets there.",
      },
      {
        resource: "cronjobs.batch",
        kind: "CronJob",
        reason: "not-served",
        namespaces: null,
        since: T,
        error: "the server could not find the requested resource",
        sentence: "The cluster does not serve cronjobs.batch: workload pages omit CronJobs.",
      },
    ]);
    // Nothing refused: nothing said (nodes are said apart; a failing watch is a connection problem).
    expect(workloadAccess(state([reflector("/apis/batch/v1/jobs", "retrying", 500)]))).toEqual([]);
  });

  it("tells a viewer only their namespaces' refusals and the cluster-wide ones, without the API server's sentence", () => {
    const scoped = scopedDenials(workloadAccess(connection), ["dev"]);
    expect(scoped.map((d) => [d.resource, d.namespaces, d.error, d.sentence])).toEqual([
      [
        "statefulsets.apps",
        ["dev"],
        null,
        "Lifeline may not list statefulsets.apps in dev: workload pages omit StatefulSets there.",
      ],
      [
        "cronjobs.batch",
        null,
        null,
        "The cluster does not serve cronjobs.batch: workload pages omit CronJobs.",
      ],
    ]);
    expect(scopedDenials(workloadAccess(connection), ["prod"]).map((d) => d.resource)).toEqual([
      "cronjobs.batch",
    ]);
  });
});
