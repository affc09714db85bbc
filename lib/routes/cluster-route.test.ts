// GET /api/cluster through the route handler: an admin is told where the cluster is (the API
// server's URL, the kubeconfig file); a viewer only which cluster (its display name) and how the
// connection stands, even when the connection fails with an error naming the address.
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/cluster/route";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import { pipelineOnDemo } from "../live/fidelity.test-kit";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const ask = async (access = withAccess()) => {
  const res = await GET(new Request("http://lifeline.test/api/cluster", access));
  expect(res.status).toBe(200);
  return res.text();
};

describe("GET /api/cluster", () => {
  it("tells a viewer the cluster's name and state, nothing of the server's files or addresses; an admin all", async () => {
    const { demo, live, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    const url = new URL(live.info().server!);
    const secrets = [demo.kubeconfigPath, url.origin, url.host, url.hostname];

    const admin = await ask();
    expect(JSON.parse(admin)).toMatchObject({
      mode: "kubeconfig",
      server: url.origin,
      context: "lifeline-demo",
      reason: `kubeconfig from KUBECONFIG (${demo.kubeconfigPath})`,
    });

    const viewer = JSON.parse(await ask(withAccess({}, viewerOf("dev"))));
    expect(viewer).toMatchObject({
      mode: "kubeconfig",
      context: "lifeline-demo",
      ready: true,
      connection: { phase: "connected" },
    });
    for (const s of secrets) expect(JSON.stringify(viewer)).not.toContain(s);

    // The cluster goes away: the watches' errors name the address they could not reach.
    await demo.stop();
    const deadline = Date.now() + 10_000;
    while (!live.info().connection.reflectors.some((r) => r.lastError?.includes(url.port))) {
      if (Date.now() > deadline)
        throw new Error(
          `no watch error names the address: ${JSON.stringify(live.info().connection.reflectors)}`,
        );
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await ask()).toContain(url.host);
    const failing = await ask(withAccess({}, viewerOf("dev")));
    expect(
      JSON.parse(failing).connection.reflectors.some(
        (r: { lastError: string | null }) => r.lastError,
      ),
    ).toBe(true);
    for (const s of secrets) expect(failing).not.toContain(s);
    // The address is the API server's, not the kubeconfig's (docs/access.md).
    const errors = JSON.parse(failing)
      .connection.reflectors.map((r: { lastError: string | null }) => r.lastError)
      .filter(Boolean)
      .join("\n");
    expect(errors).toContain("the API server");
    expect(errors).not.toContain("the kubeconfig");
  });
});
