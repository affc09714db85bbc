// A controller's round must go on past one object it cannot handle: a Deployment whose stored
// template is not what validation lets through (written straight into the store here, as an older
// server or a bug could leave it) made the Deployment controller throw out of the clock's timer,
// which ended the demo cluster and, embedded, the Lifeline server. Now it is logged and the other
// Deployments still roll out.
import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import { deployment, get } from "./deployment.test-kit";

describe("a controller's round", () => {
  it("goes on past an object it cannot sync", () => {
    const kit = new Kit();
    kit.apply(deployment("good", { replicas: 2 }));
    kit.apply(deployment("bad", { replicas: 1 }));
    kit.cluster.store.mutate("deployments", "dev", "bad", (o) => {
      (o.spec as { template: { spec: unknown } }).template.spec = { containers: "x" };
    });
    expect(() => kit.at(60)).not.toThrow();
    const status = get(kit, "good").status as { readyReplicas?: number };
    expect(status.readyReplicas).toBe(2);
  });
});
