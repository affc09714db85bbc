// The CronJob controller on the ManualClock: Jobs named by their scheduled minute, created 100 ms
// after it, history limits, concurrency policies, suspend, missed schedules and garbage collection
// (pkg/controller/cronjob/cronjob_controllerv2.go, utils.go).
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject } from "../api-server/store";
import { Kit } from "../cluster.test-kit";

const CRONJOBS = RESOURCES.find((r) => r.plural === "cronjobs")!;

function cronJob(name: string, spec: Record<string, unknown>, script = "sleep 5"): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name, namespace: "dev" },
    spec: {
      schedule: "* * * * *",
      ...spec,
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: {
            spec: {
              restartPolicy: "Never",
              containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", script] }],
            },
          },
        },
      },
    },
  };
}

const jobs = (k: Kit) =>
  k.cluster.store
    .list("jobs", "dev")
    .map((j) => j.metadata.name)
    .sort();
const cjStatus = (k: Kit, name: string) => k.cluster.store.get("cronjobs", "dev", name)!.status;
const events = (k: Kit, name: string) =>
  (
    k.cluster.store.list("events", "dev") as unknown as {
      involvedObject: { kind: string; name: string };
      firstTimestamp: string;
      lastTimestamp: string;
      type: string;
      reason: string;
      message: string;
      count: number;
    }[]
  )
    .filter((e) => e.involvedObject.kind === "CronJob" && e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : 1))
    .map((e) => `${k.sec(e.firstTimestamp)} ${e.type} ${e.reason} ${e.message}`);
const setSuspend = (k: Kit, name: string, suspend: boolean) =>
  k.cluster.store.mutate("cronjobs", "dev", name, (o) => {
    (o.spec as { suspend: boolean }).suspend = suspend;
    o.metadata.generation = (o.metadata.generation ?? 1) + 1;
  });

describe("the CronJob controller", () => {
  it("creates a Job each minute, named by the scheduled minute, and keeps the history limit", () => {
    const k = new Kit();
    k.at(30);
    const created: Record<string, string> = {};
    k.cluster.store.watch("jobs", 0, (c) => {
      if (c.type === "ADDED") created[c.object.metadata.name] = c.object.metadata.resourceVersion!;
    });
    const cj = k.apply(cronJob("tick", { successfulJobsHistoryLimit: 2 }));
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
    });
    k.at(60);
    expect(jobs(k)).toEqual([]);
    k.at(60.1);
    const first = k.cluster.store.get("jobs", "dev", "tick-29919421")!;
    // 2026-11-20T09:01:00Z is minute 29919421 since the epoch.
    expect(first.metadata).toMatchObject({
      creationTimestamp: "2026-11-20T09:01:00Z",
      annotations: { "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-11-20T09:01:00Z" },
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: "tick",
          uid: cj.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(cjStatus(k, "tick")).toEqual({
      active: [
        {
          kind: "Job",
          namespace: "dev",
          name: "tick-29919421",
          uid: first.metadata.uid,
          apiVersion: "batch/v1",
          // getRef: the version the create answered with.
          resourceVersion: created["tick-29919421"],
        },
      ],
      lastScheduleTime: "2026-11-20T09:01:00Z",
    });
    k.at(250);
    expect(jobs(k)).toEqual(["tick-29919423", "tick-29919424"]);
    expect(cjStatus(k, "tick")).toEqual({
      lastScheduleTime: "2026-11-20T09:04:00Z",
      lastSuccessfulTime: "2026-11-20T09:04:07Z",
    });
    // The deleted Jobs' pods went with them.
    expect(k.cluster.store.list("pods", "dev").map((p) => p.metadata.labels?.["job-name"])).toEqual(
      ["tick-29919423", "tick-29919424"],
    );
    expect(events(k, "tick")).toEqual([
      "60 Normal SuccessfulCreate Created job tick-29919421",
      "67 Normal SawCompletedJob Saw completed job: tick-29919421, condition: Complete",
      "120 Normal SuccessfulCreate Created job tick-29919422",
      "127 Normal SawCompletedJob Saw completed job: tick-29919422, condition: Complete",
      "180 Normal SuccessfulCreate Created job tick-29919423",
      "187 Normal SuccessfulDelete Deleted job tick-29919421",
      "187 Normal SawCompletedJob Saw completed job: tick-29919423, condition: Complete",
      "240 Normal SuccessfulCreate Created job tick-29919424",
      "247 Normal SuccessfulDelete Deleted job tick-29919422",
      "247 Normal SawCompletedJob Saw completed job: tick-29919424, condition: Complete",
    ]);
  });

  it("Forbid skips an activation while a Job runs, Replace deletes it, Allow runs both", () => {
    const k = new Kit();
    k.apply(cronJob("forbid", { concurrencyPolicy: "Forbid" }, "sleep 90"));
    k.apply(cronJob("replace", { concurrencyPolicy: "Replace" }, "sleep 90"));
    k.apply(cronJob("allow", {}, "sleep 90"));
    k.at(130);
    expect(jobs(k)).toEqual([
      "allow-29919421",
      "allow-29919422",
      "forbid-29919421",
      "replace-29919422",
    ]);
    expect(events(k, "forbid")).toEqual([
      "60 Normal SuccessfulCreate Created job forbid-29919421",
      "120 Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid",
    ]);
    expect(events(k, "replace")).toEqual([
      "60 Normal SuccessfulCreate Created job replace-29919421",
      "120 Normal SuccessfulDelete Deleted job replace-29919421",
      "120 Normal SuccessfulCreate Created job replace-29919422",
    ]);
    expect((cjStatus(k, "allow") as { active: unknown[] }).active).toHaveLength(2);
    k.at(190);
    // Without startingDeadlineSeconds the skipped 09:02 activation is still unmet: it starts as
    // soon as the first Job ends (its pod ran 1:01.9 to 2:31.9, the Job completed a second later),
    // and that Job is still running at 09:03, which is skipped in turn.
    const late = k.cluster.store.get("jobs", "dev", "forbid-29919422")!;
    expect(late.metadata.creationTimestamp).toBe("2026-11-20T09:02:32Z");
    expect(jobs(k).filter((j) => j.startsWith("forbid"))).toEqual([
      "forbid-29919421",
      "forbid-29919422",
    ]);
    expect(events(k, "forbid").slice(2)).toEqual([
      "152 Normal SawCompletedJob Saw completed job: forbid-29919421, condition: Complete",
      "152 Normal SuccessfulCreate Created job forbid-29919422",
    ]);
    // The 09:03 skip is the same event again: counted on the 09:02 one.
    const skipped = k.cluster.store
      .list("events", "dev")
      .find((e) => e.reason === "JobAlreadyActive")!;
    expect([skipped.count, k.sec(skipped.lastTimestamp as string)]).toEqual([2, 180]);
  });

  it("creates nothing while suspended and, resumed, starts the most recent missed activation", () => {
    const k = new Kit();
    k.apply(cronJob("paused", { suspend: true }));
    k.apply(cronJob("strict", { suspend: true, startingDeadlineSeconds: 10 }));
    k.at(200);
    expect(jobs(k)).toEqual([]);
    setSuspend(k, "paused", false);
    setSuspend(k, "strict", false);
    k.at(201);
    // 09:03:00 was missed by 20 s: started late without a deadline; with 10 s the controller
    // looks back only 10 s (mostRecentScheduleTime), so it does not even see it, and waits.
    expect(jobs(k)).toEqual(["paused-29919423"]);
    expect(events(k, "strict")).toEqual([]);
    k.at(240.1);
    expect(jobs(k)).toEqual(["paused-29919423", "paused-29919424", "strict-29919424"]);
  });

  it("warns about more than 100 missed activations and still starts the latest", () => {
    const k = new Kit();
    k.apply(cronJob("asleep", { suspend: true }));
    k.at(102 * 60 + 30);
    setSuspend(k, "asleep", false);
    k.at(102 * 60 + 31);
    expect(jobs(k)).toEqual(["asleep-29919522"]);
    expect(events(k, "asleep")).toEqual([
      "6150 Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      "6150 Normal SuccessfulCreate Created job asleep-29919522",
    ]);
  });

  it("writes the scheduled time in the CronJob's time zone", () => {
    const k = new Kit();
    k.apply(cronJob("paris", { timeZone: "Europe/Paris" }));
    k.at(61);
    expect(k.cluster.store.get("jobs", "dev", "paris-29919421")!.metadata.annotations).toEqual({
      "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-11-20T10:01:00+01:00",
    });
  });

  it("takes its Jobs and their pods with it when deleted", () => {
    const k = new Kit();
    k.apply(cronJob("gone", {}, "sleep 600"));
    k.at(70);
    expect(jobs(k)).toEqual(["gone-29919421"]);
    k.cluster.registry.delete(CRONJOBS, "dev", "gone", { dryRun: false });
    expect(jobs(k)).toEqual([]);
    const pod = k.cluster.store.list("pods", "dev")[0];
    expect(pod.metadata.deletionTimestamp).toBe("2026-11-20T09:01:40Z");
  });
});
