// /api/cluster's `logs` (the log capture): all of it for an admin; for a viewer limited to
// namespaces, the mode and its own forbidden namespaces only, their errors without addresses.
import { describe, expect, it } from "vitest";
import { clusterInfo, type PipelineFacts } from "./cluster-info";

const SERVER = "https://10.0.0.1:6443";
const DENIED = `Get "${SERVER}/api/v1/namespaces/dev/pods/web/log": pods "web" is forbidden: cannot get resource "pods/log"`;

function facts(): PipelineFacts {
  return {
    plan: { mode: "kubeconfig", reason: "kubeconfig from /home/ops/.kube/config", files: [] },
    server: SERVER,
    context: "prod",
    ready: true,
    now: 0,
    speed: 1,
    unreachableAfterMs: 120_000,
    connection: { phase: "connected", eventsApi: "events.k8s.io/v1", reflectors: [] },
    writes: { state: "ok", since: null, reason: null, code: null, lastError: null },
    rows: [],
    pods: 0,
    streams: 0,
    history: null,
    namespaces: null,
    logs: {
      mode: "failures",
      queued: 3,
      fetching: 1,
      captured: 40,
      skipped: { rotated: 2 },
      forbidden: [
        { namespace: "dev", since: 5, error: DENIED },
        { namespace: "prod", since: 6, error: "forbidden" },
      ],
    },
  } as unknown as PipelineFacts;
}

describe("clusterInfo's logs", () => {
  it("tells an admin the queue, the counts and every forbidden namespace", () => {
    expect(clusterInfo(facts()).logs).toEqual(facts().logs);
  });

  it("tells a viewer the mode and its own forbidden namespaces, without the server's address", () => {
    const logs = clusterInfo(facts(), ["dev"]).logs;
    expect(Object.keys(logs).sort()).toEqual(["forbidden", "mode"]);
    expect(logs.forbidden.map((f) => f.namespace)).toEqual(["dev"]);
    expect(logs.forbidden[0].error).not.toContain("10.0.0.1");
    expect(logs.forbidden[0].error).toContain('cannot get resource "pods/log"');
  });

  it("says off when LIFELINE_LOGS=off", () => {
    expect(clusterInfo({ ...facts(), logs: null }).logs).toEqual({ mode: "off", forbidden: [] });
  });
});
