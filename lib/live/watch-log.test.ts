// What the log says about the watches (lib/live/watch-log.ts): a failing path once, then at most
// every 5 minutes or when its error changes; its recovery; the cluster becoming unreachable and
// coming back. Under a real RBAC 403 against the demo cluster: namespaced.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import type { CollectorState } from "../kube/collector";
import type { ReflectorState } from "../kube/reflector";
import { captureLog, type Captured } from "../log/capture.test-kit";
import { WatchLog } from "./watch-log";

const POD_PATH = "/api/v1/namespaces/team-b/pods";
const DENIED =
  'Lifeline may not list pods in namespace "team-b" (403 Forbidden): grant … The API server said: pods is forbidden.';
const REFUSED =
  "Lifeline cannot reach the API server at https://10.0.0.1:6443: connection refused.";

const r = (
  path: string,
  phase: ReflectorState["phase"],
  since = 0,
  lastError: string | null = null,
  lastStatus: number | null = null,
): ReflectorState => ({
  path,
  phase,
  since,
  lastError,
  lastStatus,
  lists: 1,
  watches: 1,
  resourceVersion: "1",
});
const conn = (...reflectors: ReflectorState[]): CollectorState => ({
  phase: "connected",
  eventsApi: "v1",
  reflectors,
});

let logged: Captured;
afterEach(() => logged?.restore());

function watchLog() {
  logged = captureLog();
  let now = 0;
  const w = new WatchLog(() => now, 2 * 60_000);
  return {
    w,
    at(ms: number, s: CollectorState) {
      now = ms;
      w.onState(s);
    },
  };
}

describe("the watches in the log", () => {
  it("warns when a path starts failing, not on every retry, again after 5 minutes or when the error changes, and says when it recovers", () => {
    const { at } = watchLog();
    const dev = r("/api/v1/namespaces/dev/pods", "connected");
    at(0, conn(dev, r(POD_PATH, "syncing")));
    for (let t = 1_000; t <= 4 * 60_000; t += 30_000)
      at(t, conn(dev, r(POD_PATH, "retrying", 1_000, DENIED, 403)));
    expect(logged.lines).toHaveLength(1);
    expect(logged.lines[0]).toMatch(/WARN: lifeline: .*pods in team-b/);
    expect(logged.lines[0]).toContain(`err=${JSON.stringify(DENIED)}`);
    expect(logged.lines[0]).toContain("attempts=1");

    at(6 * 60_000 + 1_000, conn(dev, r(POD_PATH, "retrying", 1_000, DENIED, 403)));
    expect(logged.lines).toHaveLength(2);
    expect(logged.lines[1]).toMatch(/WARN: .*pods in team-b.*6m/);
    expect(logged.lines[1]).toContain("attempts=9");

    at(6 * 60_000 + 2_000, conn(dev, r(POD_PATH, "retrying", 1_000, REFUSED, null)));
    expect(logged.lines).toHaveLength(3);
    expect(logged.lines[2]).toContain(REFUSED);

    at(6 * 60_000 + 3_000, conn(dev, r(POD_PATH, "connected", 6 * 60_000 + 3_000)));
    expect(logged.lines).toHaveLength(4);
    expect(logged.lines[3]).toMatch(/INFO: lifeline: watching pods in team-b again after 6m 02s/);

    // Connected again and again: nothing more.
    at(7 * 60_000, conn(dev, r(POD_PATH, "connected", 6 * 60_000 + 3_000)));
    expect(logged.lines).toHaveLength(4);
  });

  it("names the scope: all namespaces, a namespace, or none for nodes", () => {
    const { at } = watchLog();
    at(
      0,
      conn(
        r("/api/v1/pods", "retrying", 0, REFUSED),
        r("/apis/events.k8s.io/v1/namespaces/dev/events", "retrying", 0, REFUSED),
        r("/api/v1/nodes", "retrying", 0, REFUSED),
      ),
    );
    expect(logged.lines.map((l) => /lifeline: (.*?) (cannot|fail)/.exec(l)?.[1])).toEqual([
      "pods in all namespaces",
      "events in dev",
      "nodes",
    ]);
  });

  it("says forbidden nodes apart (once), and nothing of a stopped path", () => {
    const { at } = watchLog();
    at(0, conn(r("/api/v1/nodes", "forbidden", 0, "nodes is forbidden", 403)));
    expect(logged.lines).toHaveLength(1);
    expect(logged.lines[0]).toContain("nodes are not visible");
    const nodes = r("/api/v1/nodes", "forbidden", 0, "nodes is forbidden", 403);
    at(1_000, conn(r(POD_PATH, "retrying", 0, DENIED, 403), nodes));
    expect(logged.lines).toHaveLength(2);
    at(
      2_000,
      conn(r(POD_PATH, "stopped", 2_000, DENIED, 403), r("/api/v1/nodes", "stopped", 2_000)),
    );
    expect(logged.lines).toHaveLength(2);
  });

  it("warns once when the cluster becomes unreachable and says when it answers again", () => {
    const { at } = watchLog();
    const down = () =>
      conn(
        r("/api/v1/pods", "retrying", 10_000, REFUSED),
        r("/api/v1/events", "retrying", 10_000, REFUSED),
      );
    for (let t = 10_000; t <= 10 * 60_000; t += 30_000) at(t, down());
    const unreachable = logged.lines.filter((l) => l.includes("unreachable"));
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).toMatch(/WARN: .*API server is unreachable.*2m/);
    at(
      11 * 60_000,
      conn(
        r("/api/v1/pods", "connected", 11 * 60_000),
        r("/api/v1/events", "connected", 11 * 60_000),
      ),
    );
    const back = logged.lines.filter((l) => l.includes("answers again"));
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/INFO: .*answers again after 10m 50s/);
  });
});
