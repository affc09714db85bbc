// kubectl and the batch kinds on the demo cluster: get cj,job with 1.32's columns, patch a
// CronJob's suspend, create cronjob and create job --from (protobuf bodies), and the update
// rules kubectl meets.
// Needs a kubectl binary (kubectl.test-kit.ts); skipped, saying why, without one.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl batch tests");

const CRONJOB = JSON.stringify({
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "nightly", namespace: "dev" },
  spec: {
    schedule: "* * * * *",
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: "Never",
            containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", "sleep 5"] }],
          },
        },
      },
    },
  },
});

describe.skipIf(!kubectl)("kubectl with Jobs and CronJobs", { timeout: 60_000 }, () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const args = (a: string[]) => ["--kubeconfig", cluster.kubeconfigPath, "-n", "dev", ...a];
  const k = async (...a: string[]) =>
    (await run(kubectl!, args(a), { timeout: 20_000 })).stdout.trimEnd();
  /** kubectl reading `input` on stdin. */
  const kIn = (input: string, ...a: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(kubectl!, args(a));
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) => (code === 0 ? resolve(out.trimEnd()) : reject(new Error(err))));
      child.stdin.end(input);
    });
  const refused = async (...a: string[]) => {
    try {
      await k(...a);
    } catch (e) {
      return (e as { stderr: string }).stderr.trim();
    }
    return "accepted";
  };

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("creates a CronJob and prints cj and job as kubectl 1.32 does", async () => {
    expect(await kIn(CRONJOB, "apply", "-f", "-")).toBe("cronjob.batch/nightly created");
    clock.advanceTo(T0 + 61_000);
    expect(await k("get", "cj,job")).toBe(
      [
        "NAME                    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
        "cronjob.batch/nightly   * * * * *   <none>     False     1        1s              61s",
        "",
        "NAME                         STATUS    COMPLETIONS   DURATION   AGE",
        "job.batch/nightly-29919421   Running   0/1           1s         1s",
      ].join("\n"),
    );
    clock.advanceTo(T0 + 70_000);
    expect(await k("get", "job", "nightly-29919421")).toBe(
      [
        "NAME               STATUS     COMPLETIONS   DURATION   AGE",
        "nightly-29919421   Complete   1/1           7s         10s",
      ].join("\n"),
    );
  });

  it("suspends a CronJob with a merge patch: no Job at the next minutes", async () => {
    expect(
      await k("patch", "cronjob", "nightly", "--type", "merge", "-p", '{"spec":{"suspend":true}}'),
    ).toBe("cronjob.batch/nightly patched");
    clock.advanceTo(T0 + 190_000);
    expect(await k("get", "cj", "nightly", "--no-headers")).toMatch(
      /^nightly\s+\* \* \* \* \*\s+<none>\s+True\s+0\s+2m10s\s+3m10s$/,
    );
    expect(await k("get", "job", "-o", "name")).toBe("job.batch/nightly-29919421");
  });

  it("runs a Job made from the CronJob's template (create job --from), which the controller reports as unexpected", async () => {
    // kubectl sends this body as Kubernetes protobuf.
    expect(await k("create", "job", "by-hand", "--from=cronjob/nightly")).toBe(
      "job.batch/by-hand created",
    );
    expect(JSON.parse(await k("get", "job", "by-hand", "-o", "json")).metadata).toMatchObject({
      name: "by-hand",
      annotations: { "cronjob.kubernetes.io/instantiate": "manual" },
      ownerReferences: [{ kind: "CronJob", name: "nightly", controller: true }],
    });
    clock.advanceTo(T0 + 200_000);
    expect(await k("get", "job", "by-hand", "--no-headers")).toMatch(
      /^by-hand\s+Complete\s+1\/1\s+/,
    );
    const events = await k(
      "get",
      "events",
      "--field-selector",
      "involvedObject.name=nightly",
      "-o",
      "jsonpath={.items[*].reason}",
    );
    expect(events.split(" ")).toContain("UnexpectedJob");
  });

  it("creates a CronJob with kubectl create cronjob", async () => {
    expect(
      await k(
        "create",
        "cronjob",
        "hourly",
        "--image=busybox:1.36",
        "--schedule=@hourly",
        "--",
        "true",
      ),
    ).toBe("cronjob.batch/hourly created");
    const cj = JSON.parse(await k("get", "cj", "hourly", "-o", "json"));
    expect(cj.spec).toMatchObject({
      schedule: "@hourly",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure" } } } },
    });
  });

  it("keeps a Job's template and completions immutable and lets parallelism change", async () => {
    expect(
      await k("patch", "job", "by-hand", "--type", "merge", "-p", '{"spec":{"parallelism":2}}'),
    ).toBe("job.batch/by-hand patched");
    expect(
      await refused(
        "patch",
        "job",
        "by-hand",
        "--type",
        "merge",
        "-p",
        '{"spec":{"completions":3}}',
      ),
    ).toBe('The Job "by-hand" is invalid: spec.completions: Invalid value: 3: field is immutable');
    expect(await refused("set", "image", "job/by-hand", "c=busybox:1.37")).toBe(
      'error: failed to patch image update to pod template: Job.batch "by-hand" is invalid: spec.template: Invalid value: core.PodTemplateSpec{…}: field is immutable',
    );
  });
});
