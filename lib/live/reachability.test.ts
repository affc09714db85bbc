import { describe, expect, it } from "vitest";
import type { ReflectorState } from "../kube/reflector";
import { reachability, unreachableAfterFrom } from "./reachability";

const r = (
  phase: ReflectorState["phase"],
  since: number,
  lastStatus: number | null = null,
): ReflectorState => ({
  path: "/api/v1/pods",
  phase,
  since,
  lastError: phase === "retrying" ? "x" : null,
  lastStatus,
  lists: 1,
  watches: 1,
  resourceVersion: "1",
});
const conn = (...reflectors: ReflectorState[]) => ({
  phase: reflectors[0]?.phase ?? "syncing",
  eventsApi: "v1" as const,
  reflectors,
});

describe("reachability", () => {
  it("is unreachable once every watch has had no answer for longer than the threshold, since the first went silent", () => {
    const c = conn(r("retrying", 1_000), r("retrying", 3_000, 503), r("retrying", 2_000, 0));
    expect(reachability(c, 61_000, 60_000)).toEqual({
      state: "reachable",
      unreachableSince: 1_000,
      unreachableAfterMs: 60_000,
    });
    expect(reachability(c, 61_001, 60_000)).toEqual({
      state: "unreachable",
      unreachableSince: 1_000,
      unreachableAfterMs: 60_000,
    });
  });

  it("an answer is not an outage: a 403, or any watch still connected", () => {
    expect(reachability(conn(r("retrying", 0, 403), r("retrying", 0)), 10 * 60_000).state).toBe(
      "reachable",
    );
    expect(reachability(conn(r("connected", 0), r("retrying", 0)), 10 * 60_000)).toMatchObject({
      state: "reachable",
      unreachableSince: null,
    });
    expect(reachability(conn(), 10 * 60_000).state).toBe("reachable");
    expect(reachability({} as never, 0).state).toBe("reachable");
  });

  it("a namespaced install's forbidden nodes say nothing about the cluster now: the other watches decide", () => {
    // The nodes were refused minutes ago and are asked again only every 5 minutes.
    const c = conn(r("retrying", 1_000), r("retrying", 2_000, 0), r("forbidden", 0, 403));
    expect(reachability(c, 61_001, 60_000)).toEqual({
      state: "unreachable",
      unreachableSince: 1_000,
      unreachableAfterMs: 60_000,
    });
    expect(reachability(conn(r("forbidden", 0, 403)), 10 * 60_000).state).toBe("reachable");
  });

  it("takes its threshold from LIFELINE_UNREACHABLE_AFTER (default 2 minutes) and says what is wrong with a bad one", () => {
    expect(unreachableAfterFrom({})).toBe(120_000);
    expect(unreachableAfterFrom({ LIFELINE_UNREACHABLE_AFTER: "90s" })).toBe(90_000);
    expect(() => unreachableAfterFrom({ LIFELINE_UNREACHABLE_AFTER: "soon" })).toThrow(
      /^LIFELINE_UNREACHABLE_AFTER must be a positive duration/,
    );
  });
});
