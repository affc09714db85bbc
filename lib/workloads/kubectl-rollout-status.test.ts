// The model's "complete" is kubectl's: at moments of a rolling update and of a stalled rollout on
// the demo cluster, `kubectl rollout status --watch=false` and rolloutStatus() on the stored state
// of the same Deployment say the same thing. Needs a kubectl binary; skipped, saying why, without one.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { findKubectl } from "../demo-cluster/api-server/kubectl.test-kit";
import { deployment } from "../demo-cluster/controllers/deployment.test-kit";
import { rolloutStatus } from "./rollout-status";
import { workloadState } from "./workload-state";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl rollout status agreement");

describe.skipIf(!kubectl)(
  "kubectl rollout status and the model agree",
  { timeout: 120_000 },
  () => {
    const clock = new ManualClock(T0);
    let cluster: DemoCluster;

    /** kubectl's verdict: done (exit 0 with "successfully rolled out"), its line, or its error. */
    async function kubectlSays(name: string) {
      try {
        const { stdout } = await run(
          kubectl!,
          [
            "--kubeconfig",
            cluster.kubeconfigPath,
            "-n",
            "dev",
            "rollout",
            "status",
            `deployment/${name}`,
            "--watch=false",
          ],
          { timeout: 20_000 },
        );
        // kubectl appends "(Warning: …)" from the pods it lists; the model leaves pods to `stuck`.
        const line = stdout.trim().replace(/ \(Warning: [\s\S]*\)$/, "");
        return { done: /successfully rolled out$/.test(line), line, error: null };
      } catch (err) {
        const stderr = (err as { stderr: string }).stderr.trim();
        return { done: false, line: "", error: stderr.replace(/^error: /, "") };
      }
    }
    function modelSays(name: string) {
      const s = rolloutStatus(workloadState(cluster.store.get("deployments", "dev", name)))!;
      return { done: s.done, line: s.message, error: s.error };
    }

    beforeAll(async () => {
      cluster = await DemoCluster.start({ clock, scenarios: [] });
    });
    afterAll(async () => {
      await cluster?.stop();
    });

    it("through a rolling update (maxSurge 1, maxUnavailable 0) and a stall past the deadline", async () => {
      const readiness = {
        readinessProbe: {
          httpGet: { path: "/", port: 80 },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
      };
      const d = deployment("web", {
        progressDeadlineSeconds: 60,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      });
      const containers = (d.spec as { template: { spec: { containers: object[] } } }).template.spec
        .containers;
      containers[0] = { ...containers[0], ...readiness };
      cluster.apply(d);
      const image = (img: string) =>
        cluster.store.mutate("deployments", "dev", "web", (o) => {
          const spec = o.spec as { template: { spec: { containers: { image: string }[] } } };
          spec.template.spec.containers[0].image = img;
          o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        });
      const seen: { at: number; kubectl: unknown; model: unknown }[] = [];
      const sample = async (sec: number) => {
        clock.advanceTo(T0 + sec * 1000);
        seen.push({ at: sec, kubectl: await kubectlSays("web"), model: modelSays("web") });
      };
      for (const sec of [0, 3, 8, 30]) await sample(sec);
      image("nginx:1.28");
      for (const sec of [31, 36, 42, 50, 70]) await sample(sec);
      image("ngnix:1.29");
      for (const sec of [71, 100, 140]) await sample(sec);
      for (const s of seen) expect(s.model, `at ${s.at} s`).toEqual(s.kubectl);
      // The samples cover every verdict: waiting, done and the deadline's error.
      const verdicts = new Set(
        seen
          .map((s) => s.kubectl as { done: boolean; error: string | null })
          .map((k) => (k.error ? "error" : k.done ? "done" : "waiting")),
      );
      expect([...verdicts].sort()).toEqual(["done", "error", "waiting"]);
    });
  },
);
