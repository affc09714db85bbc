// A pod version the reflector did not parse (it repeats the one before but for resourceVersion,
// managedFields and annotations) is stored as the parsed version would have been, and only when
// the history leads to it.
import { afterEach, describe, expect, it } from "vitest";
import { stories } from "../fixtures";
import type { Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { HistoryStore } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const story = stories.find((s) => s.name === "readiness-flapping")!;
const pod = story.observations[1].object;
const uid = pod.metadata!.uid!;
const T = Date.parse(story.observations[1].observedAt);

function version(rv: string, annotations?: Record<string, string>): Pod {
  const p = JSON.parse(JSON.stringify(pod)) as Pod;
  p.metadata!.resourceVersion = rv;
  if (annotations) p.metadata!.annotations = annotations;
  return p;
}
const observed = (
  object: Pod,
  at: number,
  type: Observation["type"] = "MODIFIED",
): Observation => ({
  kind: "Pod",
  type,
  object: { ...object, kind: "Pod" } as Observation["object"],
  observedAt: at,
});
const unchanged = (rv: string, previous: string, at: number): Observation => ({
  kind: "Pod",
  type: "MODIFIED",
  object: {
    kind: "Pod",
    metadata: {
      uid,
      name: pod.metadata!.name,
      namespace: pod.metadata!.namespace,
      resourceVersion: rv,
    },
  },
  observedAt: at,
  unchanged: { previous },
});

function store(): HistoryStore {
  const s = new HistoryStore(":memory:");
  open.push(s);
  return s;
}
function dump(s: HistoryStore) {
  const db = (s as unknown as { db: import("better-sqlite3").Database }).db;
  return {
    pods: db.prepare("SELECT * FROM pods").all(),
    versions: db
      .prepare("SELECT uid, observed_at, type, meta, spec, status FROM versions ORDER BY id")
      .all(),
  };
}

describe("an unchanged pod version in the history", () => {
  it("is stored as the version parsed in full would be", () => {
    const parsed = store();
    parsed.observe(observed(version("5"), T, "ADDED"));
    parsed.observe(observed(version("6", { "example.com/audit": "now" }), T + 1000));
    const told = store();
    told.observe(observed(version("5"), T, "ADDED"));
    told.observe(unchanged("6", "5", T + 1000));
    expect(dump(told)).toEqual(dump(parsed));
    expect(told.latest(uid)?.metadata?.resourceVersion).toBe("6");
    expect(told.record(uid)?.lastSeen).toBe(T + 1000);
    expect(told.observations(uid).map((o) => o.observedAt)).toEqual([T, T + 1000]);
  });

  it("claims nothing when the history does not lead to it (versions dropped while the disk failed)", () => {
    const s = store();
    s.observe(observed(version("5"), T, "ADDED"));
    const before = dump(s);
    s.observe(unchanged("8", "7", T + 1000));
    expect(dump(s)).toEqual(before);
    // A pod the store does not have.
    s.observe({
      ...unchanged("8", "7", T + 1000),
      object: { metadata: { uid: "other", resourceVersion: "8" } },
    });
    expect(dump(s)).toEqual(before);
  });

  it("follows a chain of them", () => {
    const s = store();
    s.observe(observed(version("5"), T, "ADDED"));
    s.observe(unchanged("6", "5", T + 1000));
    s.observe(unchanged("7", "6", T + 2000));
    expect(
      s.observations(uid).map((o) => [o.observedAt, o.object.metadata?.resourceVersion]),
    ).toEqual([
      [T, "5"],
      [T + 1000, "6"],
      [T + 2000, "7"],
    ]);
  });
});
