import { describe, expect, it } from "vitest";
import { answer } from "../routes/respond";
import { Live } from "./live";
import { live } from "./start";

describe("live pipeline start-up failures", () => {
  it("turns a bad KUBECONFIG into a 503 with the reason, and tries again on the next request", async () => {
    const saved = { KUBECONFIG: process.env.KUBECONFIG, LIFELINE_DEMO: process.env.LIFELINE_DEMO };
    process.env.KUBECONFIG = "/nowhere/kubeconfig";
    delete process.env.LIFELINE_DEMO;
    try {
      const res = await answer(async () => {
        await live();
        return new Response("unreachable");
      });
      expect(res.status).toBe(503);
      expect((await res.json()).error).toBe(
        "Lifeline could not start: KUBECONFIG names /nowhere/kubeconfig, but no such file exists: fix the path, or unset KUBECONFIG to use ~/.kube/config or the demo cluster",
      );
      await expect(live()).rejects.toThrow(/could not start/);
    } finally {
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    }
  });

  it("refuses a retention it cannot read, with a sentence naming the variable", async () => {
    await expect(Live.start({ LIFELINE_DEMO: "1", LIFELINE_RETENTION: "a week" })).rejects.toThrow(
      'LIFELINE_RETENTION must be a positive duration such as 12h, 7d or 2w, not "a week"',
    );
    await expect(
      Live.start({ LIFELINE_DEMO: "1", LIFELINE_RETENTION_SIZE: "-1GB" }),
    ).rejects.toThrow(
      'LIFELINE_RETENTION_SIZE must be a positive size such as 500MB or 2GiB, not "-1GB"',
    );
  });
});
