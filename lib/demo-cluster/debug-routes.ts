// The demo cluster's /debug/* routes (served beside the Kubernetes API, never by a real cluster):
// the ground truth, the clock, the scenarios, and faults to inject (lose or restore a node, compact
// history, drop watches, churn). Bad input is a 4xx Status with a sentence.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DemoCluster } from "./cluster";
import { SCENARIOS } from "./scenarios/catalogue";

/** Answers a /debug/* request; false for any other path (the API server handles it). */
export async function debugRoute(
  cluster: DemoCluster,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  body: () => Promise<string>,
): Promise<boolean> {
  if (!url.pathname.startsWith("/debug/")) return false;
  const json = (code: number, value: unknown) => {
    const text = JSON.stringify(value);
    res
      .writeHead(code, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
      })
      .end(text);
    return true;
  };
  const fail = (code: number, message: string) =>
    json(code, { kind: "Status", apiVersion: "v1", status: "Failure", message, code });
  const q = url.searchParams;
  if (req.method === "GET" && url.pathname === "/debug/truth") {
    const since = q.get("since");
    if (since !== null && !/^\d+$/.test(since))
      return fail(
        400,
        `since must be a whole number (the seq of the last entry you have), not "${since}"`,
      );
    const entries = cluster.truth.query({
      since: since ? Number(since) : 0,
      namespace: q.get("namespace") ?? undefined,
      name: q.get("name") ?? undefined,
      what: q.get("what") ?? undefined,
    });
    return json(200, { now: cluster.clock.now(), entries });
  }
  if (req.method === "GET" && url.pathname === "/debug/clock")
    return json(200, {
      now: cluster.clock.now(),
      iso: new Date(cluster.clock.now()).toISOString(),
    });
  if (req.method === "GET" && url.pathname === "/debug/scenarios")
    return json(
      200,
      SCENARIOS.map((s) => ({ name: s.name, description: s.description })),
    );
  if (req.method !== "POST") return fail(405, `${req.method} is not allowed on ${url.pathname}`);
  await body();
  const node = /^\/debug\/nodes\/([^/]+)\/(lose|restore)$/.exec(url.pathname);
  if (node) {
    if (!cluster.kubelets.has(node[1])) return fail(404, `node "${node[1]}" not found`);
    if (node[2] === "lose") cluster.loseNode(node[1]);
    else cluster.restoreNode(node[1]);
    return json(200, { node: node[1], alive: cluster.kubelets.get(node[1])!.isAlive });
  }
  if (url.pathname === "/debug/compact") {
    cluster.compact();
    return json(200, { compactedAt: cluster.store.version() });
  }
  if (url.pathname === "/debug/drop-watches")
    return json(200, { dropped: cluster.api.dropWatches() });
  if (url.pathname === "/debug/churn") {
    const rate = q.get("perSecond") ?? "";
    if (!/^\d+(\.\d+)?$/.test(rate))
      return fail(400, `perSecond must be a number of container kills per second, not "${rate}"`);
    cluster.churn(Number(rate));
    return json(200, { perSecond: Number(rate) });
  }
  return fail(
    404,
    `no debug action at ${url.pathname}: try /debug/truth, /debug/clock, /debug/scenarios, /debug/nodes/<name>/lose|restore, /debug/compact, /debug/drop-watches or /debug/churn?perSecond=N`,
  );
}
