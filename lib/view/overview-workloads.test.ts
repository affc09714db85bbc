import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, readState } from "./overview";
import { groupHref, readGroup, readyText } from "./overview-workloads";

const q = (s: string) => new URLSearchParams(s);
const counts = (desired: number | null, ready: number | null) => ({
  desired,
  current: desired,
  updated: desired,
  ready,
  available: ready,
});

describe("readGroup", () => {
  it("pods unless group=workload", () => {
    expect(readGroup(q(""))).toEqual({ group: "pod", problems: [] });
    expect(readGroup(q("group=pod"))).toEqual({ group: "pod", problems: [] });
    expect(readGroup(q("group=workload&namespace=shop"))).toEqual({
      group: "workload",
      problems: [],
    });
  });

  it("a bad group is named in a sentence, as the kiosk says it, and pods are shown", () => {
    expect(readGroup(q("group=deployments"))).toEqual({
      group: "pod",
      problems: ['group "deployments" is not one of pod, workload; pod is used.'],
    });
    expect(readGroup(q(`group=${"x".repeat(60)}`)).problems[0]).toBe(
      `group "${"x".repeat(20)}" is not one of pod, workload; pod is used.`,
    );
  });

  it("pod filters with workloads are named as unused", () => {
    expect(readGroup(q("group=workload&selector=app%3Dweb")).problems).toEqual([
      "selector picks pods; not used with group=workload.",
    ]);
    expect(readGroup(q("group=workload&status=Running&search=web")).problems).toEqual([
      "status, search pick pods; not used with group=workload.",
    ]);
  });
});

describe("groupHref", () => {
  it("keeps the namespaces, the window and the zone; the pod filters stay behind", () => {
    const s = readState(q("namespace=shop,batch&window=6h&tz=utc&status=Running&selector=a%3Db"));
    expect(groupHref(s, "workload")).toBe(
      "/?namespace=shop%2Cbatch&window=6h&tz=utc&group=workload",
    );
    expect(groupHref(s, "pod")).toBe("/?namespace=shop%2Cbatch&window=6h&tz=utc");
  });

  it("keeps a frozen window, and leaves out the window the page would choose anyway", () => {
    const s = readState(q("from=2026-11-25T09:00:00Z&to=2026-11-25T10:00:00Z"));
    expect(groupHref(s, "workload")).toBe(
      "/?from=2026-11-25T09%3A00%3A00.000Z&to=2026-11-25T10%3A00%3A00.000Z&group=workload",
    );
    expect(groupHref({ ...DEFAULT_STATE, window: "15m" }, "workload", "15m")).toBe(
      "/?group=workload",
    );
    expect(groupHref(DEFAULT_STATE, "pod")).toBe("/");
  });
});

describe("readyText", () => {
  it("as kubectl prints READY and a Job's COMPLETIONS", () => {
    expect(readyText({ kind: "Deployment", counts: counts(3, 2), job: null })).toBe("2/3");
    expect(readyText({ kind: "StatefulSet", counts: counts(3, null), job: null })).toBe("0/3");
    expect(readyText({ kind: "DaemonSet", counts: counts(4, 3), job: null })).toBe("3/4");
    expect(
      readyText({
        kind: "Job",
        counts: counts(null, null),
        job: { completions: null, succeeded: 0 },
      }),
    ).toBe("0/1");
    expect(
      readyText({ kind: "Job", counts: counts(null, null), job: { completions: 5, succeeded: 2 } }),
    ).toBe("2/5");
    expect(readyText({ kind: "CronJob", counts: counts(null, null), job: null })).toBe("—");
  });
});
