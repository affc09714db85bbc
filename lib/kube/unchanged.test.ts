// The scan before parsing, end to end: every fixture story's versions as watch lines (with touched
// versions between them that change only resourceVersion, managedFields and annotations) through a
// reflector that skips what repeats and one that parses every line; the history store, the timelines
// built from it, the rows and their lanes must come out the same.
import { afterEach, describe, expect, it } from "vitest";
import { stories } from "../fixtures";
import type { Pod } from "../k8s/types";
import { laneState, noteStatus, podRow, rowAt, windowLane, type PodRow } from "../rows/pod-row";
import { HistoryStore } from "../store/history-store";
import { Reflector, tombstone, type Observation } from "./reflector";
import type { KubeClient, LineReader, WatchEvent } from "./client";
import { watchLines } from "./client";
import { apiShape, line, scriptedClient, storyLines, type TimedLine } from "./watch-lines.test-kit";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** What one run leaves: the store, the rows as Live keeps them, what was told unchanged. */
async function run(lines: TimedLine[], skipping: boolean, chunk?: number) {
  const store = new HistoryStore(":memory:");
  open.push(store);
  let now = 0;
  const { client, done } = scriptedClient(lines, (t) => (now = t), chunk);
  const rows = new Map<string, PodRow>();
  const observed: Observation[] = [];
  const unchanged: Observation[] = [];
  const reflector = new Reflector({
    client,
    path: "/api/v1/pods",
    kind: "Pod",
    now: () => now,
    retain: tombstone,
    sleep: async () => {},
    onObservation: (o) => {
      observed.push(o);
      store.observe(o);
      // As lib/live/live.ts keeps its rows: the row of each version, the lane noting each change.
      if (o.type === "DELETED") return void rows.delete(o.object.metadata!.uid!);
      const before = rows.get(o.object.metadata!.uid!);
      const row = podRow(o.object as Pod, o.observedAt, null, before?.recent);
      row.recent = noteStatus(row.recent, laneState(row), o.observedAt);
      rows.set(row.uid, row);
    },
    onUnchanged: skipping
      ? (o) => {
          unchanged.push(o);
          store.observe(o);
        }
      : undefined,
  });
  reflector.start();
  await done;
  await reflector.stop();
  return {
    store,
    rows,
    observed,
    unchanged,
    resourceVersion: reflector.state.resourceVersion,
    items: reflector.items(),
  };
}

/** Everything the store holds of the pods, as rows of its tables. */
function dump(store: HistoryStore, uid: string) {
  const db = (store as unknown as { db: import("better-sqlite3").Database }).db;
  return {
    pod: db.prepare("SELECT * FROM pods WHERE uid = ?").get(uid),
    versions: db
      .prepare(
        "SELECT observed_at, type, meta, spec, status FROM versions WHERE uid = ? ORDER BY id",
      )
      .all(uid),
  };
}

describe("pod versions that repeat the one before, skipped before parsing", () => {
  for (const [story, late] of stories.flatMap((s) => [[s, false] as const, [s, true] as const])) {
    it(`leave the history, timelines and rows as parsing every line does: ${story.name}${late ? ", touched late" : ""}`, async () => {
      const lines = storyLines(story, late);
      const uid = story.observations[0].object.metadata!.uid!;
      const now = Date.parse(story.now);
      const full = await run(lines, false);
      const skipped = await run(lines, true, 777);
      // Every touched version (and only those) was told unchanged instead of parsed.
      expect(skipped.unchanged.map((o) => o.observedAt)).toEqual(
        lines.filter((l) => l.touched).map((l) => l.at),
      );
      expect(skipped.observed.length).toBe(lines.length - skipped.unchanged.length);
      expect(full.observed.length).toBe(lines.length);
      expect(skipped.resourceVersion).toBe(full.resourceVersion);
      expect(dump(skipped.store, uid)).toEqual(dump(full.store, uid));
      expect(skipped.store.timeline(uid, now)).toEqual(full.store.timeline(uid, now));
      const lane = (s: HistoryStore) => windowLane(s.versionsIn(uid, 0, now));
      expect(lane(skipped.store)).toEqual(lane(full.store));
      const at = (m: Map<string, PodRow>) => [...m.values()].map((r) => rowAt(r, now));
      expect(at(skipped.rows)).toEqual(at(full.rows));
    });
  }

  it("the timelines tell the touched versions' moments: without them a story reads otherwise", async () => {
    // The check above has teeth: dropping the unchanged versions from the history changes some
    // story's timeline (the model clamps object times older than the last observation).
    let differs = 0;
    for (const story of stories) {
      const lines = storyLines(story, true);
      const uid = story.observations[0].object.metadata!.uid!;
      const now = Date.parse(story.now);
      const full = await run(lines, false);
      const without = await run(
        lines.filter((l) => !l.touched),
        false,
      );
      if (
        JSON.stringify(without.store.timeline(uid, now)) !==
        JSON.stringify(full.store.timeline(uid, now))
      )
        differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });
});

describe("a version that changes anything read is parsed", () => {
  const story = stories.find((s) => s.name === "readiness-flapping")!;
  const first = story.observations.find((o) => o.object.status?.containerStatuses?.length)!;
  const at = Date.parse(first.observedAt);
  const clone = (p: Pod) => JSON.parse(JSON.stringify(p)) as Pod;
  const edits: [string, (p: Pod) => void][] = [
    ["a label", (p) => (p.metadata!.labels = { ...p.metadata!.labels, tier: "web" })],
    [
      "ownerReferences",
      (p) =>
        (p.metadata!.ownerReferences = [{ kind: "Job", name: "j", uid: "u", controller: true }]),
    ],
    ["deletionTimestamp", (p) => (p.metadata!.deletionTimestamp = "2026-11-20T10:00:00Z")],
    ["deletionGracePeriodSeconds", (p) => (p.metadata!.deletionGracePeriodSeconds = 1)],
    ["generation", (p) => (p.metadata!.generation = 3)],
    ["spec.nodeName", (p) => (p.spec!.nodeName = "node-9")],
    ["an image", (p) => (p.spec!.containers![0].image = "busybox:2")],
    ["status.phase", (p) => (p.status!.phase = "Failed")],
    [
      "a condition's time",
      (p) => (p.status!.conditions![0].lastTransitionTime = "2026-11-20T09:30:00Z"),
    ],
    [
      "a container's readiness",
      (p) => (p.status!.containerStatuses![0].ready = !p.status!.containerStatuses![0].ready),
    ],
  ];
  for (const [what, edit] of edits)
    it(what, async () => {
      const edited = clone(first.object);
      edit(edited);
      const lines: TimedLine[] = [
        {
          at,
          type: "ADDED",
          line: line("ADDED", apiShape(first.object, at, "10")),
          touched: false,
        },
        {
          at: at + 1,
          type: "MODIFIED",
          line: line("MODIFIED", apiShape(first.object, at + 1, "11", 5)),
          touched: true,
        },
        {
          at: at + 2,
          type: "MODIFIED",
          line: line("MODIFIED", apiShape(edited, at + 2, "12", 5)),
          touched: false,
        },
      ];
      const { observed, unchanged } = await run(lines, true);
      expect(unchanged.map((o) => o.object.metadata?.resourceVersion)).toEqual(["11"]);
      expect(observed.map((o) => o.object.metadata?.resourceVersion)).toEqual(["10", "12"]);
      const { managedFields: _m, ...metadata } = apiShape(edited, at + 2, "12", 5)
        .metadata as Record<string, unknown>;
      void _m;
      expect(observed[1].object).toEqual({
        ...apiShape(edited, at + 2, "12", 5),
        metadata,
        kind: "Pod",
      });
    });

  it("a version skipped moves the version reached: a watch resumed, or a relist, starts after it", async () => {
    const lines: TimedLine[] = [
      { at, type: "ADDED", line: line("ADDED", apiShape(first.object, at, "10")), touched: false },
      {
        at: at + 1,
        type: "MODIFIED",
        line: line("MODIFIED", apiShape(first.object, at + 1, "11", 5)),
        touched: true,
      },
    ];
    const { unchanged, resourceVersion, items } = await run(lines, true);
    expect(unchanged).toHaveLength(1);
    expect(resourceVersion).toBe("11");
    expect(items.map((i) => i.metadata?.resourceVersion)).toEqual(["11"]);
  });

  it("after a relist, a version is parsed again: the list's items are not vouched for", async () => {
    // The watch delivers A, ends with 410 Gone; the relist lists B; the next watch brings A again
    // (a flap back), with a new resourceVersion: it differs from B, and must not be skipped as A.
    const a = apiShape(first.object, at, "20");
    const b = clone(a);
    b.status!.phase = "Failed";
    b.metadata!.resourceVersion = "21";
    const again = apiShape(first.object, at + 5, "22", 5);
    let now = at;
    let watches = 0;
    const client = {
      async get() {
        return { metadata: { resourceVersion: "21" }, items: [b] };
      },
      async watch(
        path: string,
        q: Record<string, string>,
        onEvent: (e: WatchEvent) => void,
        signal: AbortSignal,
        readLine?: LineReader,
      ) {
        const feed = watchLines(path, onEvent, readLine);
        const send = (type: string, o: unknown) =>
          feed(Buffer.concat([line(type, o), Buffer.from("\n")]));
        watches++;
        if (watches === 1) {
          send("MODIFIED", a);
          send("ERROR", { kind: "Status", code: 410, reason: "Expired", message: "too old" });
          return;
        }
        if (watches === 2) send("MODIFIED", again);
        await new Promise<void>((r) =>
          signal.aborted ? r() : signal.addEventListener("abort", () => r()),
        );
      },
    } as unknown as KubeClient;
    const observed: Observation[] = [];
    const unchanged: Observation[] = [];
    const reflector = new Reflector({
      client,
      path: "/api/v1/pods",
      kind: "Pod",
      now: () => now++,
      retain: tombstone,
      initialState: "list",
      sleep: async () => {},
      onObservation: (o) => observed.push(o),
      onUnchanged: (o) => unchanged.push(o),
    });
    reflector.start();
    await new Promise<void>((r) => {
      const poll = () => (reflector.state.resourceVersion === "22" ? r() : setImmediate(poll));
      poll();
    });
    await reflector.stop();
    expect(unchanged).toEqual([]);
    expect(observed.map((o) => o.object.metadata?.resourceVersion)).toEqual([
      "21",
      "20",
      "21",
      "22",
    ]);
  });
});
