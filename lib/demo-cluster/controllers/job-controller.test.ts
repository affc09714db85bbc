// The Job controller on the ManualClock: exact Job status, conditions and events for success,
// the back-off limit with its 10 s / 20 s recreation delays, the deadline, the pod failure
// policy, parallelism and suspend (pkg/controller/job as 1.31+ runs it).
import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import type { KubeObject } from "../api-server/store";
import { RESOURCES } from "../api-server/resources";

const PODS = RESOURCES.find((r) => r.plural === "pods" && r.group === "")!;

const BUSYBOX = "busybox:1.36";

function kit(): Kit {
  let n = 0;
  return new Kit({ uid: () => `uid-${++n}` });
}

function job(name: string, spec: Record<string, unknown>, script = "sleep 5"): KubeObject {
  const { template, ...rest } = spec as { template?: Record<string, unknown> };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "dev" },
    spec: {
      ...rest,
      template: {
        spec: {
          restartPolicy: "Never",
          containers: [{ name: "c", image: BUSYBOX, command: ["sh", "-c", script] }],
          ...template,
        },
      },
    },
  };
}

const get = (k: Kit, name: string) => k.cluster.store.get("jobs", "dev", name)!;
const status = (k: Kit, name: string) => get(k, name).status as Record<string, unknown>;
const pods = (k: Kit, name: string) =>
  k.cluster.store
    .list("pods", "dev")
    .filter((p) => p.metadata.labels?.["job-name"] === name)
    .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
/** The Job's events as "second type reason message (count)". */
const events = (k: Kit, name: string) =>
  (
    k.cluster.store.list("events", "dev") as unknown as {
      involvedObject: { kind: string; name: string };
      firstTimestamp: string;
      type: string;
      reason: string;
      message: string;
      count: number;
      source: { component: string };
    }[]
  )
    .filter((e) => e.involvedObject.kind === "Job" && e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : 1))
    .map((e) => `${k.sec(e.firstTimestamp)} ${e.type} ${e.reason} ${e.message}`);
const cond = (type: string, reason: string, message: string, at: string) => ({
  type,
  status: "True",
  reason,
  message,
  lastProbeTime: at,
  lastTransitionTime: at,
});

describe("the Job controller", () => {
  it("defaults the Job, generates its selector and labels, and completes it in two steps", () => {
    const k = kit();
    const created = k.apply(job("pi", {}));
    const uid = created.metadata.uid!;
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "job-name": "pi",
    };
    expect(created.metadata.labels).toEqual(labels);
    expect(created.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      template: { metadata: { labels } },
    });
    const versions: unknown[] = [];
    k.cluster.store.watch("jobs", 0, (c) => versions.push(structuredClone(c.object.status)));
    k.at(1);
    const [pod] = pods(k, "pi");
    expect(pod.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect(pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: "batch/v1",
        kind: "Job",
        name: "pi",
        uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(status(k, "pi")).toEqual({
      startTime: "2026-11-20T09:00:00Z",
      active: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    k.at(60);
    // busybox pulled in 0.8 s after the 1 s sandbox, `sleep 5` ends at 6.8 s; the sync is batched 1 s.
    const done = "2026-11-20T09:00:07Z";
    const met = cond(
      "SuccessCriteriaMet",
      "CompletionsReached",
      "Reached expected number of succeeded pods",
      done,
    );
    expect(versions.slice(-2)).toEqual([
      {
        conditions: [met],
        startTime: "2026-11-20T09:00:00Z",
        terminating: 0,
        uncountedTerminatedPods: { succeeded: [pod.metadata.uid] },
        ready: 0,
      },
      {
        conditions: [
          met,
          cond("Complete", "CompletionsReached", "Reached expected number of succeeded pods", done),
        ],
        startTime: "2026-11-20T09:00:00Z",
        completionTime: done,
        succeeded: 1,
        terminating: 0,
        uncountedTerminatedPods: {},
        ready: 0,
      },
    ]);
    expect(pods(k, "pi")[0].metadata.finalizers).toBeUndefined();
    expect(events(k, "pi")).toEqual([
      `0 Normal SuccessfulCreate Created pod: ${pod.metadata.name}`,
      "7 Normal Completed Job completed",
    ]);
  });

  it("recreates failed pods after 10 s, then 20 s, and fails the Job past backoffLimit", () => {
    const k = kit();
    k.apply(job("flaky", { backoffLimit: 2 }, "sleep 5; exit 1"));
    k.at(120);
    const list = pods(k, "flaky");
    expect(list.map((p) => k.sec(p.metadata.creationTimestamp))).toEqual([0, 16, 42]);
    // Each pod's container finished at 6 s, 22 s, 48 s (whole seconds, as the API writes them):
    // the next one comes 10 s and 20 s after, as the back-off counts from the finish.
    expect(
      list.map((p) =>
        k.sec(
          (p.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] })
            .containerStatuses[0].state.terminated.finishedAt,
        ),
      ),
    ).toEqual([6, 22, 48]);
    const at = "2026-11-20T09:00:49Z";
    expect(status(k, "flaky")).toEqual({
      conditions: [
        cond(
          "FailureTarget",
          "BackoffLimitExceeded",
          "Job has reached the specified backoff limit",
          at,
        ),
        cond("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", at),
      ],
      startTime: "2026-11-20T09:00:00Z",
      failed: 3,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(events(k, "flaky")).toEqual([
      `0 Normal SuccessfulCreate Created pod: ${list[0].metadata.name}`,
      `16 Normal SuccessfulCreate Created pod: ${list[1].metadata.name}`,
      `42 Normal SuccessfulCreate Created pod: ${list[2].metadata.name}`,
      "49 Warning BackoffLimitExceeded Job has reached the specified backoff limit",
    ]);
  });

  it("counts restarts under OnFailure, deletes the pod and fails once it is gone", () => {
    const k = kit();
    k.apply(
      job(
        "retry",
        { backoffLimit: 1, template: { restartPolicy: "OnFailure" } },
        "sleep 2; exit 1",
      ),
    );
    k.at(120);
    expect(pods(k, "retry")).toEqual([]);
    const s = status(k, "retry") as {
      conditions: { type: string; reason: string }[];
      failed: number;
    };
    expect(s.conditions.map((c) => `${c.type}/${c.reason}`)).toEqual([
      "FailureTarget/BackoffLimitExceeded",
      "Failed/BackoffLimitExceeded",
    ]);
    expect(s.failed).toBe(1);
    const e = events(k, "retry");
    expect(
      e
        .filter((x) => /SuccessfulDelete|BackoffLimitExceeded/.test(x))
        .map((x) => x.replace(/^\d+ /, "")),
    ).toEqual([
      expect.stringMatching(/^Normal SuccessfulDelete Deleted pod: retry-\w{5}$/),
      "Warning BackoffLimitExceeded Job has reached the specified backoff limit",
    ]);
  });

  it("fails a Job active longer than activeDeadlineSeconds: FailureTarget at once, Failed when its pod is gone", () => {
    const k = kit();
    k.apply(job("slow", { activeDeadlineSeconds: 10 }, "sleep 600"));
    k.at(10);
    const [pod] = pods(k, "slow");
    const at = "2026-11-20T09:00:10Z";
    const target = cond(
      "FailureTarget",
      "DeadlineExceeded",
      "Job was active longer than specified deadline",
      at,
    );
    expect(status(k, "slow")).toEqual({
      conditions: [target],
      startTime: "2026-11-20T09:00:00Z",
      failed: 1,
      terminating: 1,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(pod.metadata.deletionTimestamp).toBe("2026-11-20T09:00:40Z");
    // `sleep` as PID 1 ignores SIGTERM: the pod goes at the end of its 30 s grace period.
    k.at(45);
    expect(pods(k, "slow")).toEqual([]);
    expect((status(k, "slow") as { conditions: unknown[] }).conditions).toEqual([
      target,
      cond(
        "Failed",
        "DeadlineExceeded",
        "Job was active longer than specified deadline",
        "2026-11-20T09:00:41Z",
      ),
    ]);
    expect(events(k, "slow")).toEqual([
      `0 Normal SuccessfulCreate Created pod: ${pod.metadata.name}`,
      `10 Normal SuccessfulDelete Deleted pod: ${pod.metadata.name}`,
      "41 Warning DeadlineExceeded Job was active longer than specified deadline",
    ]);
  });

  it("applies the pod failure policy: Ignore does not count, FailJob fails the Job with the rule's message", () => {
    const k = kit();
    const policy = {
      rules: [
        { action: "Ignore", onExitCodes: { operator: "In", values: [3] } },
        { action: "FailJob", onExitCodes: { containerName: "c", operator: "In", values: [42] } },
      ],
    };
    k.apply(job("ignored", { backoffLimit: 0, podFailurePolicy: policy }, "sleep 2; exit 3"));
    k.apply(job("fatal", { backoffLimit: 6, podFailurePolicy: policy }, "sleep 2; exit 42"));
    k.at(60);
    expect(get(k, "ignored").spec).toMatchObject({ podReplacementPolicy: "Failed" });
    // Ignored failures are not counted, though they still set the recreation back-off going.
    expect(status(k, "ignored").failed).toBeUndefined();
    expect(status(k, "ignored").conditions).toBeUndefined();
    // Exits at 3 s, then 16 s (another node pulls busybox first): replaced 10 s and 20 s later.
    expect(pods(k, "ignored").map((p) => k.sec(p.metadata.creationTimestamp))).toEqual([0, 13, 36]);
    const [pod] = pods(k, "fatal");
    const message = `Container c for pod dev/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 1`;
    expect(status(k, "fatal")).toEqual({
      conditions: [
        cond("FailureTarget", "PodFailurePolicy", message, "2026-11-20T09:00:04Z"),
        cond("Failed", "PodFailurePolicy", message, "2026-11-20T09:00:04Z"),
      ],
      startTime: "2026-11-20T09:00:00Z",
      failed: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(events(k, "fatal").at(-1)).toBe(`4 Warning PodFailurePolicy ${message}`);
  });

  it("counts a pod deleted at once (grace 0) as failed and replaces it after the back-off", () => {
    const k = kit();
    k.apply(job("forced", {}, "sleep 600"));
    k.at(5);
    const [first] = pods(k, "forced");
    k.cluster.registry.delete(PODS, "dev", first.metadata.name, {
      dryRun: false,
      gracePeriodSeconds: 0,
    });
    k.at(6);
    expect(status(k, "forced")).toEqual({
      startTime: "2026-11-20T09:00:00Z",
      failed: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    k.at(30);
    // Deleted at 5 s: the replacement comes 10 s later.
    expect(pods(k, "forced").map((p) => k.sec(p.metadata.creationTimestamp))).toEqual([15]);
  });

  it("runs parallelism pods at a time until completions succeed", () => {
    const k = kit();
    k.apply(job("batch", { completions: 5, parallelism: 2 }, "sleep 10"));
    k.at(1);
    expect(status(k, "batch")).toMatchObject({ active: 2 });
    k.at(200);
    const created = pods(k, "batch").map((p) => k.sec(p.metadata.creationTimestamp));
    // Each pair runs 1 s sandbox + 10 s (busybox pulled once per node first); the sync is 1 s later.
    expect(created).toEqual([0, 0, 12, 12, 24]);
    expect(status(k, "batch")).toMatchObject({
      succeeded: 5,
      completionTime: "2026-11-20T09:00:36Z",
    });
    expect(events(k, "batch").filter((e) => e.includes("SuccessfulCreate"))).toHaveLength(5);
  });

  it("runs an Indexed Job: one pod per index, lowest first, completedIndexes as intervals", () => {
    const k = kit();
    k.apply(job("idx", { completions: 3, parallelism: 2, completionMode: "Indexed" }, "sleep 10"));
    k.at(1);
    const first = pods(k, "idx");
    expect(first.map((p) => p.metadata.generateName)).toEqual(["idx-0-", "idx-1-"]);
    expect(first[0].metadata.annotations).toEqual({
      "batch.kubernetes.io/job-completion-index": "0",
    });
    expect(first[0].metadata.labels).toMatchObject({
      "batch.kubernetes.io/job-completion-index": "0",
    });
    expect(first[1].spec).toMatchObject({
      hostname: "idx-1",
      containers: [
        {
          env: [
            {
              name: "JOB_COMPLETION_INDEX",
              valueFrom: {
                fieldRef: {
                  fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
                },
              },
            },
          ],
        },
      ],
    });
    k.at(13);
    expect(status(k, "idx")).toMatchObject({ succeeded: 2, completedIndexes: "0-1", active: 1 });
    expect(pods(k, "idx").at(-1)!.metadata.generateName).toBe("idx-2-");
    k.at(60);
    expect(status(k, "idx")).toMatchObject({
      succeeded: 3,
      completedIndexes: "0-2",
      uncountedTerminatedPods: {},
      conditions: [{ type: "SuccessCriteriaMet" }, { type: "Complete" }],
    });
    expect(() =>
      k.apply(job("noidx", { completionMode: "Indexed", completions: null, parallelism: 2 })),
    ).toThrow(
      'Job "noidx" is invalid: spec.completions: Required value: when completion mode is Indexed',
    );
  });

  it("creates no pods for a suspended Job and starts it when resumed", () => {
    const k = kit();
    k.apply(job("later", { suspend: true }));
    k.at(30);
    expect(pods(k, "later")).toEqual([]);
    expect(status(k, "later")).toEqual({
      conditions: [cond("Suspended", "JobSuspended", "Job suspended", "2026-11-20T09:00:00Z")],
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    // An update of spec.suspend, as a PATCH writes it (a new generation).
    k.cluster.store.mutate("jobs", "dev", "later", (o) => {
      (o.spec as { suspend: boolean }).suspend = false;
      o.metadata.generation = 2;
    });
    k.at(31);
    expect(pods(k, "later")).toHaveLength(1);
    expect(status(k, "later")).toMatchObject({
      conditions: [
        {
          type: "Suspended",
          status: "False",
          reason: "JobResumed",
          message: "Job resumed",
          lastTransitionTime: "2026-11-20T09:00:30Z",
        },
      ],
      startTime: "2026-11-20T09:00:30Z",
      active: 1,
    });
    expect(events(k, "later")).toEqual([
      "0 Normal Suspended Job suspended",
      expect.stringMatching(/^30 Normal SuccessfulCreate Created pod: later-\w{5}$/),
      "30 Normal Resumed Job resumed",
    ]);
  });
});
