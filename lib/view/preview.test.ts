import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { DEFAULT_STATE, readState, shareQueries } from "./overview";
import { podHeader } from "./pod-summary";
import { overviewPreview, previewText } from "./preview";

describe("link previews", () => {
  it("name the pod, its status, restarts, node and the window", () => {
    const input = storyInput(story("liveness-exec")!);
    const tl = buildTimeline(input);
    const p = previewText(tl, {
      at: input.now,
      window: { from: input.now - 3600_000, to: input.now },
    });
    expect(p.title).toBe(`${tl.namespace}/${tl.name} — ${tl.status.at(-1)!.status} — Lifeline`);
    expect(p.description).toMatch(
      new RegExp(
        `^${tl.status.at(-1)!.status}, \\d+ restarts? on ${tl.node}; window \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC → `,
      ),
    );
    expect(previewText(tl, { at: input.now, snapshot: true }).title).toContain("(snapshot)");
  });
  it("the header figures are kubectl's: STATUS, READY of the non-init containers, RESTARTS summed", () => {
    const input = storyInput(story("init-waiting")!);
    const h = podHeader(buildTimeline(input));
    expect(h).toEqual({ status: "Init:0/2", podReady: false, ready: "0/1", restarts: 0 });
  });
  it("say when the pod was deleted", () => {
    const input = storyInput(story("job-completed")!);
    const tl = buildTimeline(input);
    expect(previewText(tl, { at: input.now }).description).not.toMatch(/deleted/);
    const gone = { ...tl, deletedAt: input.now - 60_000 };
    expect(previewText(gone, { at: input.now }).description).toContain(
      `deleted ${new Date(input.now - 60_000).toISOString().slice(0, 16).replace("T", " ")} UTC;`,
    );
  });
});

describe("overview snapshot previews", () => {
  it("count the pods and those in trouble", () => {
    const at = Date.parse("2026-11-21T12:00:00Z");
    const row = (name: string, status: string) => ({
      uid: name,
      namespace: "dev",
      name,
      node: null,
      phase: "Running",
      status,
      ready: "1/1",
      restarts: "0",
      restartCount: 0,
      lastRestartAt: null,
      age: "1h",
      labels: {},
      createdAt: at - 3600_000,
      deletedAt: null,
      podReady: status === "Running",
      recent: [],
    });
    const p = overviewPreview([row("a", "Running"), row("b", "CrashLoopBackOff")], {
      at,
      window: { from: at - 3600_000, to: at },
      namespaces: ["dev"],
    });
    expect(p).toEqual({
      title: "dev — 2 pods, 1 failing, 0 warning (snapshot) — Lifeline",
      description:
        "2 pods in dev: 1 failing, 0 warning; window 2026-11-21 11:00 UTC → 2026-11-21 12:00 UTC.",
    });
  });
  it("count pods stuck Terminating on a lost node as failing, and name the node", () => {
    const at = Date.parse("2026-11-21T12:00:00Z");
    const lost = { ready: "Unknown", since: at - 600_000, unreachable: true, notReady: false };
    const row = (name: string, over: Record<string, unknown>) => ({
      uid: name,
      namespace: "dev",
      name,
      node: "node-1",
      phase: "Running",
      status: "Running",
      ready: "1/1",
      restarts: "0",
      restartCount: 0,
      lastRestartAt: null,
      age: "1h",
      labels: {},
      createdAt: at - 3600_000,
      deletedAt: null,
      podReady: true,
      recent: [],
      ...over,
    });
    const rows = [
      row("a", { node: "node-2" }),
      row("b", {
        status: "Terminating",
        podReady: false,
        deletion: { at: at - 300_000, grace: 30 },
        nodeState: lost,
      }),
    ];
    const p = overviewPreview(rows, { at, window: { from: null, to: null }, namespaces: ["dev"] });
    expect(p.description).toBe(
      "2 pods in dev: 1 failing, 0 warning; node not Ready: node-1; window until 2026-11-21 12:00 UTC.",
    );
  });
});

describe("overview links", () => {
  it("live follows now; frozen pins the window on screen, filters kept in both", () => {
    const s = {
      ...DEFAULT_STATE,
      namespaces: ["dev"],
      status: "CrashLoopBackOff",
      window: "6h" as const,
    };
    const now = Date.parse("2026-11-21T12:00:00Z");
    const { live, frozen } = shareQueries(s, now);
    expect(readState(live)).toEqual({ ...s, from: null, to: null });
    expect(readState(frozen)).toMatchObject({
      namespaces: ["dev"],
      status: "CrashLoopBackOff",
      from: now - 6 * 3600_000,
      to: now,
    });
    // A frozen overview shared again stays on its window.
    expect(shareQueries(readState(frozen), now + 86_400_000).frozen.toString()).toBe(
      frozen.toString(),
    );
  });
});
