// kubectl changing objects on the demo cluster: apply (create, then configure), patch of each
// type, label, annotate, scale, set image, replace, and the errors it prints for refusals.
// Needs a kubectl binary (kubectl.test-kit.ts); skipped, saying why, without one.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl write tests");

const replicaSet = (image: string, containers = 2) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: x
  namespace: dev
spec:
  replicas: 1
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: x}
    spec:
      containers:
      - name: c
        image: ${image}
${
  containers > 1
    ? `      - name: side
        image: busybox:1.36
        command: ["sleep", "infinity"]
`
    : ""
}`;

describe.skipIf(!kubectl)("kubectl writes to the demo cluster", { timeout: 60_000 }, () => {
  const clock = new ManualClock(T0);
  const dir = mkdtempSync(join(tmpdir(), "lifeline-kubectl-write-"));
  let cluster: DemoCluster;
  const k = async (...args: string[]) =>
    (
      await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, "-n", "dev", ...args], {
        timeout: 20_000,
      })
    ).stdout.trim();
  /** kubectl's stderr and exit code for a command the server refuses. */
  const refused = async (...args: string[]) => {
    try {
      await k(...args);
    } catch (err) {
      const e = err as { stderr: string; code: number };
      return { code: e.code, stderr: e.stderr.trim() };
    }
    throw new Error(`kubectl ${args.join(" ")} succeeded`);
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const rs = () => cluster.store.get("replicasets", "dev", "x")!;
  const spec = () =>
    rs().spec as {
      replicas: number;
      template: { spec: { containers: { name: string; image: string }[] } };
    };
  const images = () => spec().template.spec.containers.map((c) => `${c.name}=${c.image}`);

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("apply -f creates, then configures (an image changed), then leaves unchanged", async () => {
    expect(await k("apply", "-f", file("v1.yaml", replicaSet("nginx:1.27")))).toBe(
      "replicaset.apps/x created",
    );
    expect(await k("apply", "-f", file("v2.yaml", replicaSet("nginx:1.28")))).toBe(
      "replicaset.apps/x configured",
    );
    expect(images()).toEqual(["c=nginx:1.28", "side=busybox:1.36"]);
    expect(rs().metadata.generation).toBe(2);
    const version = rs().metadata.resourceVersion;
    expect(await k("apply", "-f", file("v2.yaml", replicaSet("nginx:1.28")))).toBe(
      "replicaset.apps/x unchanged",
    );
    expect(rs().metadata.resourceVersion).toBe(version);
    // A container taken out of the file goes (the three-way patch's $patch: delete).
    expect(await k("apply", "-f", file("v3.yaml", replicaSet("nginx:1.28", 1)))).toBe(
      "replicaset.apps/x configured",
    );
    expect(images()).toEqual(["c=nginx:1.28"]);
  });

  it("scale rs/x --replicas=3: the ReplicaSet controller creates the pods", async () => {
    expect(await k("scale", "rs/x", "--replicas=3")).toBe("replicaset.apps/x scaled");
    expect(spec().replicas).toBe(3);
    clock.advance(1_000);
    expect(
      cluster.store.list("pods", "dev").filter((p) => p.metadata.labels?.app === "x"),
    ).toHaveLength(3);
    const stale = await refused("scale", "rs/x", "--replicas=2", "--current-replicas=5");
    expect(stale.stderr).toBe("error: Expected replicas to be 5, was 3");
  });

  it("set image, label, annotate", async () => {
    expect(await k("set", "image", "rs/x", "c=nginx:1.29")).toBe("replicaset.apps/x image updated");
    expect(images()).toEqual(["c=nginx:1.29"]);
    expect(await k("label", "rs", "x", "tier=front")).toBe("replicaset.apps/x labeled");
    expect(await k("annotate", "rs", "x", "note=hello")).toBe("replicaset.apps/x annotated");
    expect(rs().metadata.labels).toEqual({ tier: "front" });
    expect(rs().metadata.annotations?.note).toBe("hello");
    expect(await k("label", "rs", "x", "tier-")).toBe("replicaset.apps/x unlabeled");
    expect(rs().metadata.labels ?? {}).toEqual({});
  });

  it("patch --type merge, json and strategic", async () => {
    expect(await k("patch", "rs", "x", "--type", "merge", "-p", '{"spec":{"replicas":2}}')).toBe(
      "replicaset.apps/x patched",
    );
    expect(spec().replicas).toBe(2);
    expect(
      await k(
        "patch",
        "rs",
        "x",
        "--type",
        "json",
        "-p",
        '[{"op":"replace","path":"/spec/replicas","value":1}]',
      ),
    ).toBe("replicaset.apps/x patched");
    expect(spec().replicas).toBe(1);
    expect(
      await k(
        "patch",
        "rs",
        "x",
        "--type",
        "strategic",
        "-p",
        '{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:1.30"}]}}}}',
      ),
    ).toBe("replicaset.apps/x patched");
    expect(images()).toEqual(["c=nginx:1.30"]);
    expect(await k("patch", "rs", "x", "--type", "merge", "-p", '{"spec":{"replicas":1}}')).toBe(
      "replicaset.apps/x patched (no change)",
    );
  });

  it("prints the server's refusals", async () => {
    expect(
      await refused(
        "patch",
        "rs",
        "x",
        "--type",
        "json",
        "-p",
        '[{"op":"test","path":"/spec/replicas","value":9}]',
      ),
    ).toEqual({
      code: 1,
      stderr:
        "The request is invalid: the server rejected our request due to an error in our request: testing value /spec/replicas failed: test failed",
    });
    const selector = await refused(
      "patch",
      "rs",
      "x",
      "-p",
      '{"spec":{"selector":{"matchLabels":{"app":"y"}}}}',
    );
    expect(selector.stderr).toContain('The ReplicaSet "x" is invalid:');
    expect(selector.stderr).toContain(
      '* spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect((await refused("apply", "--server-side", "-f", join(dir, "v3.yaml"))).stderr).toContain(
      "use client-side apply (kubectl apply without --server-side)",
    );
  });

  it("replace -f puts the object back as read, with its resourceVersion as the precondition", async () => {
    const current = await k("get", "rs", "x", "-o", "json");
    const edited = JSON.parse(current);
    edited.metadata.labels = { replaced: "yes" };
    expect(await k("replace", "-f", file("replace.json", JSON.stringify(edited)))).toBe(
      "replicaset.apps/x replaced",
    );
    expect(rs().metadata.labels).toEqual({ replaced: "yes" });
    expect((await refused("replace", "-f", join(dir, "replace.json"))).stderr).toBe(
      'Error from server (Conflict): error when replacing "' +
        join(dir, "replace.json") +
        '": Operation cannot be fulfilled on replicasets.apps "x": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it("rollout pause, resume, restart and undo on a Deployment (its controller rolls back to the old ReplicaSet)", async () => {
    const deploy = () => cluster.store.get("deployments", "dev", "d")!;
    const template = () =>
      (deploy().spec as { template: { metadata: { annotations?: Record<string, string> } } })
        .template;
    const owned = () =>
      cluster.store
        .list("replicasets", "dev")
        .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === deploy().metadata.uid));
    await k(
      "create",
      "-f",
      file(
        "d.yaml",
        replicaSet("nginx:1.27", 1)
          .replace("ReplicaSet", "Deployment")
          .replace("name: x", "name: d")
          .replaceAll("app: x", "app: d"),
      ),
    );
    clock.advance(30_000);
    expect(await k("rollout", "pause", "deploy/d")).toBe("deployment.apps/d paused");
    expect((deploy().spec as { paused?: boolean }).paused).toBe(true);
    expect(await k("rollout", "resume", "deploy/d")).toBe("deployment.apps/d resumed");
    expect((deploy().spec as { paused?: boolean }).paused).toBeUndefined();
    expect(await k("set", "image", "deploy/d", "c=nginx:1.28")).toBe(
      "deployment.apps/d image updated",
    );
    clock.advance(30_000);
    expect(owned()).toHaveLength(2);
    expect(await k("rollout", "undo", "deploy/d")).toBe("deployment.apps/d rolled back");
    clock.advance(30_000);
    const images = (
      deploy().spec as { template: { spec: { containers: { image: string }[] } } }
    ).template.spec.containers.map((c) => c.image);
    expect(images).toEqual(["nginx:1.27"]);
    expect(owned()).toHaveLength(2);
    expect(await k("rollout", "restart", "deploy/d")).toBe("deployment.apps/d restarted");
    expect(Object.keys(template().metadata.annotations ?? {})).toEqual([
      "kubectl.kubernetes.io/restartedAt",
    ]);
  });
});
