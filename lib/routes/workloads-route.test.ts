// GET /api/workloads and GET /api/workloads/{namespace}/{kind}/{name} over the pipeline over the
// demo cluster: a CronJob, the Job it owns and the Job's pod (Pod → Job → CronJob); access as the
// pod routes apply it; every bad parameter a 400 sentence, an unknown workload a 404 sentence; the
// window as the pod timeline reads it.
import { afterEach, describe, expect, it } from "vitest";
import { GET as listGET } from "@/app/api/workloads/route";
import { GET as detailGET } from "@/app/api/workloads/[namespace]/[kind]/[name]/route";
import { T0 } from "../demo-cluster/cluster.test-kit";
import type { KubeObject } from "../demo-cluster/api-server/store";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import type { WorkloadDetailAnswer } from "./workload-detail";
import type { WorkloadsAnswer } from "./workloads";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function list(query: string, access?: Access) {
  const res = await listGET(
    new Request(`http://lifeline.test/api/workloads${query}`, withAccess({}, access)),
  );
  return { status: res.status, body: (await res.json()) as WorkloadsAnswer & { error?: string } };
}

async function detail(path: string, query = "", access?: Access) {
  const [namespace, kind, name] = path.split("/");
  const res = await detailGET(
    new Request(`http://lifeline.test/api/workloads/${path}${query}`, withAccess({}, access)),
    { params: Promise.resolve({ namespace, kind, name }) },
  );
  return {
    status: res.status,
    body: (await res.json()) as WorkloadDetailAnswer & { error?: string },
  };
}

const cronJob = (schedule: string): KubeObject =>
  ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "nightly", namespace: "dev" },
    spec: {
      schedule,
      suspend: true,
      concurrencyPolicy: "Forbid",
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: "Never",
              containers: [{ name: "backup", image: "busybox:1.36", command: ["sleep", "5"] }],
            },
          },
        },
      },
    },
  }) as unknown as KubeObject;

/** The Job a CronJob's controller would make: named after the schedule's minute, owned by it. */
const job = (owner: KubeObject): KubeObject =>
  ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: "nightly-29398020",
      namespace: "dev",
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: "nightly",
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      completions: 1,
      backoffLimit: 2,
      template: (
        cronJob("") as unknown as { spec: { jobTemplate: { spec: { template: unknown } } } }
      ).spec.jobTemplate.spec.template,
    },
  }) as unknown as KubeObject;

async function cluster() {
  const { clock, demo, follower, stop } = await pipelineOnDemo({ scenarios: [] });
  cleanup.push(stop);
  const cj = demo.apply(cronJob("0 3 * * *"));
  demo.apply(job(cj));
  demo.apply({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "other", namespace: "default" },
    spec: {
      replicas: 0,
      paused: true,
      selector: { matchLabels: { app: "other" } },
      template: {
        metadata: { labels: { app: "other" } },
        spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
      },
    },
  } as unknown as KubeObject);
  await runUntil(clock, follower, T0 + 60_000);
  // A new schedule at T0 + 60 s: the CronJob's second version.
  demo.store.mutate("cronjobs", "dev", "nightly", (c) => {
    (c as unknown as { spec: { schedule: string } }).spec.schedule = "0 4 * * *";
  });
  await follower.waitCaughtUp();
  await runUntil(clock, follower, T0 + 90_000);
  return { cj };
}

describe("GET /api/workloads", () => {
  it("lists the workloads now with counts, owner and pods; by kind as kubectl writes it; a viewer's namespaces only", async () => {
    await cluster();
    const all = await list("");
    expect(all.status).toBe(200);
    expect(all.body.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      "default/Deployment/other",
      "dev/CronJob/nightly",
      "dev/Job/nightly-29398020",
    ]);
    const [, cron, jobRow] = all.body.workloads;
    expect(cron).toMatchObject({ owner: null, pods: 1, paused: false });
    expect(jobRow).toMatchObject({
      owner: { kind: "CronJob", name: "nightly", uid: cron.uid },
      pods: 1,
      counts: { desired: 1 },
      // kubectl's COMPLETIONS is succeeded/completions: the list shows it, not pods ready.
      job: { completions: 1, succeeded: 1, failed: 0, active: 0 },
    });
    expect(cron.job).toBeNull();
    expect(all.body.omitted).toEqual([]);
    for (const kind of ["cronjobs", "cronjob", "cj", "CronJob"])
      expect((await list(`?kind=${kind}`)).body.workloads.map((w) => w.name)).toEqual(["nightly"]);
    expect((await list("?namespace=default")).body.workloads.map((w) => w.name)).toEqual(["other"]);

    const viewer = viewerOf("dev");
    expect((await list("", viewer)).body.workloads.map((w) => w.name)).toEqual([
      "nightly",
      "nightly-29398020",
    ]);
    const refused = await list("?namespace=default", viewer);
    expect(refused).toEqual({
      status: 403,
      body: { error: "This access covers namespace(s) dev only." },
    });
    expect(await list("?kind=pods")).toEqual({
      status: 400,
      body: {
        error:
          'kind "pods" is not a workload kind: deployments, replicasets, statefulsets, daemonsets, jobs or cronjobs.',
      },
    });
    expect((await list("?namespace=Dev")).status).toBe(400);
  }, 30_000);
});

describe("GET /api/workloads/{namespace}/{kind}/{name}", () => {
  it("answers the versions, the owned objects' versions and the pods, in a window as the pod timeline does", async () => {
    const { cj } = await cluster();
    const whole = await detail("dev/cronjobs/nightly");
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({
      kind: "CronJob",
      namespace: "dev",
      name: "nightly",
      uid: cj.metadata.uid,
      window: { from: null, to: null },
      at: T0 + 90_000,
      otherUids: [],
    });
    // Created with "0 3 * * *", changed to "0 4 * * *" at 60 s; between them the CronJob
    // controller may write its status (its Job's run), each a version of its own.
    const all = whole.body.versions.map((v) => [v.observedAt - T0, v.state?.cronJob?.schedule]);
    expect(all[0]).toEqual([0, "0 3 * * *"]);
    expect(all.at(-1)).toEqual([60_000, "0 4 * * *"]);
    expect(all.slice(0, -1).every(([t, s]) => (t as number) < 60_000 && s === "0 3 * * *")).toBe(
      true,
    );
    const moments = (from: number, to: number) => {
      const at = whole.body.versions.map((v) => v.observedAt - T0);
      const standing = at.filter((t) => t <= from).at(-1);
      return [
        ...(standing === undefined ? [] : [standing]),
        ...at.filter((t) => t > from && t <= to),
      ];
    };
    expect(whole.body.owned.map((o) => [o.kind, o.name, o.deletedAt])).toEqual([
      ["Job", "nightly-29398020", null],
    ]);
    const jobVersions = whole.body.owned[0].versions;
    expect(jobVersions[0].state).toMatchObject({ kind: "Job", owner: { uid: cj.metadata.uid } });
    expect(jobVersions.at(-1)!.state!.job).toMatchObject({ succeeded: 1, active: 0 });
    expect(whole.body.pods).toHaveLength(1);
    expect(whole.body.pods[0]).toMatchObject({
      namespace: "dev",
      owner: { kind: "Job", name: "nightly-29398020", uid: whole.body.owned[0].uid },
      podTemplateHash: null,
      controllerRevisionHash: null,
      deletedAt: null,
    });
    expect(whole.body.pods[0].name).toMatch(/^nightly-29398020-[a-z0-9]{5}$/);
    // The model over it (workload-timeline.ts): the CronJob's run, its Job Complete, its pod
    // grouped under the Job; and the pod's row with its lane for the page.
    expect(whole.body.timeline).toMatchObject({
      kind: "CronJob",
      name: "nightly",
      uid: cj.metadata.uid,
    });
    expect(whole.body.timeline.cronJob!.runs.map((r) => [r.job, r.result])).toEqual([
      ["nightly-29398020", "Complete"],
    ]);
    expect(whole.body.timeline.pods.flatMap((g) => g.pods.map((p) => [g.name, p.uid]))).toEqual([
      ["nightly-29398020", whole.body.pods[0].uid],
    ]);
    expect(whole.body.rows.map((r) => [r.uid, r.status])).toEqual([
      [whole.body.pods[0].uid, "Completed"],
    ]);
    expect(whole.body.rows[0].recent.length).toBeGreaterThan(0);
    expect(whole.body.podsTruncated).toBe(false);
    // Kind as kubectl writes it, singular and short name too: the same workload.
    for (const kind of ["cronjob", "cj"])
      expect((await detail(`dev/${kind}/nightly`)).body.uid).toBe(cj.metadata.uid);

    // As it stood 30 s in: the first schedule only.
    const early = await detail("dev/cronjobs/nightly", `?to=${T0 + 30_000}`);
    expect(early.body.versions.map((v) => v.observedAt - T0)).toEqual(
      all.map(([t]) => t).filter((t) => (t as number) <= 30_000),
    );
    expect(new Set(early.body.versions.map((v) => v.state?.cronJob?.schedule))).toEqual(
      new Set(["0 3 * * *"]),
    );
    expect(early.body.at).toBe(T0 + 30_000);
    // From 40 s: the version standing then, and the one in the window.
    const late = await detail("dev/cronjobs/nightly", `?from=${T0 + 40_000}&to=${T0 + 70_000}`);
    expect(late.body.versions.map((v) => v.observedAt - T0)).toEqual(moments(40_000, 70_000));
    expect(late.body.versions.at(-1)!.observedAt - T0).toBe(60_000);
    expect(late.body.versions.length).toBe(2);
    expect(late.body.window).toEqual({ from: T0 + 40_000, to: T0 + 70_000 });
  }, 30_000);

  it("refuses bad parameters with a sentence, answers 404 for what it has not seen, and keeps a viewer to their namespaces", async () => {
    await cluster();
    expect(await detail("dev/widgets/nightly")).toEqual({
      status: 400,
      body: {
        error:
          'kind "widgets" is not a workload kind: deployments, replicasets, statefulsets, daemonsets, jobs or cronjobs.',
      },
    });
    // A ControllerRevision is a StatefulSet's or DaemonSet's revision, not a workload of its own.
    expect(await detail("dev/controllerrevisions/db-74dd8c8fbf")).toEqual({
      status: 400,
      body: {
        error:
          'kind "controllerrevisions" is not a workload kind: deployments, replicasets, statefulsets, daemonsets, jobs or cronjobs.',
      },
    });
    expect(await detail("dev/cronjobs/Nightly_1")).toEqual({
      status: 400,
      body: {
        error:
          "\"Nightly_1\" is not a valid workload name (lowercase letters, digits, '-' and '.', at most 253 characters).",
      },
    });
    expect((await detail("Dev/cronjobs/nightly")).status).toBe(400);
    expect(await detail("dev/cronjobs/nightly", `?from=${T0 + 10}&to=${T0}`)).toEqual({
      status: 400,
      body: { error: "to is earlier than from." },
    });
    expect((await detail("dev/cronjobs/nightly", "?to=yesterday")).status).toBe(400);
    expect((await detail("dev/cronjobs/nightly", "?uid=zz!")).body).toEqual({
      error: 'uid "zz!" is not an object uid.',
    });

    expect(await detail("dev/deployments/web")).toEqual({
      status: 404,
      body: { error: "Lifeline has never seen a deployment dev/web." },
    });
    expect(await detail("dev/cronjobs/nightly", "?uid=0000-1111")).toEqual({
      status: 404,
      body: { error: "Lifeline has no cronjob dev/nightly with uid 0000-1111." },
    });
    expect(await detail("dev/cronjobs/nightly", "?to=0")).toEqual({
      status: 404,
      body: {
        error:
          "Lifeline has no record of cronjob dev/nightly at or before 1970-01-01T00:00:00Z: its record of it starts at 2026-11-20T09:00:00Z.",
        firstRecord: T0,
      },
    });

    expect(await detail("default/deployments/other", "", viewerOf("dev"))).toEqual({
      status: 403,
      body: { error: "This access covers namespace(s) dev only." },
    });
    // The same answer whether it exists or not.
    expect((await detail("default/deployments/nope", "", viewerOf("dev"))).status).toBe(403);
    expect((await detail("dev/cronjobs/nightly", "", viewerOf("dev"))).status).toBe(200);
  }, 30_000);
});
