// The scan of a pod's watch line before parsing: the facts it reads, the fingerprint that must
// move with every member but resourceVersion, managedFields and annotations, the text it parses,
// and the lines it refuses to vouch for.
import { describe, expect, it } from "vitest";
import { stories } from "../fixtures";
import type { Pod } from "../k8s/types";
import { parseableText, scanWatchLine } from "./watch-line";
import { apiShape, line } from "./watch-lines.test-kit";

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every version of every story, as the API server would serve it. */
const versions: Pod[] = stories.flatMap((s) =>
  s.observations.map((o, k) => apiShape(o.object, Date.parse(o.observedAt), String(3000 + k))),
);
const fp = (pod: unknown, type = "MODIFIED") => scanWatchLine(line(type, pod))?.fingerprint;

/** Every path to a value in `v` (objects' keys, arrays' indices). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, k) => paths(x, [...at, k]))];
  if (v && typeof v === "object")
    return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}

/** `pod` with the value at `path` changed (a string, a number, a boolean, null, a list or an object). */
function changed(pod: Pod, path: (string | number)[]): Pod {
  const copy = clone(pod) as unknown as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const v = parent[key];
  parent[key] =
    typeof v === "string"
      ? `${v}x`
      : typeof v === "number"
        ? v + 1
        : typeof v === "boolean"
          ? !v
          : v === null
            ? 0
            : Array.isArray(v)
              ? [...v, null]
              : { ...(v as object), added: "1" };
  return copy as unknown as Pod;
}

const IGNORED = ["resourceVersion", "managedFields", "annotations"];
const ignored = (path: (string | number)[]) =>
  path[0] === "metadata" && IGNORED.includes(String(path[1]));

describe("scanWatchLine", () => {
  it("reads the type, uid and resourceVersion of every story version", () => {
    for (const pod of versions)
      for (const type of ["ADDED", "MODIFIED", "DELETED"]) {
        const facts = scanWatchLine(line(type, pod))!;
        expect(facts).not.toBeNull();
        expect([facts.type, facts.uid, facts.resourceVersion]).toEqual([
          type,
          pod.metadata!.uid,
          pod.metadata!.resourceVersion,
        ]);
      }
  });

  it("parses to the event without managedFields, whatever its place in the metadata", () => {
    for (const pod of versions) {
      const m = pod.metadata as Record<string, unknown>;
      const { managedFields, ...rest } = m;
      const orders = [
        { ...rest, managedFields },
        { managedFields, ...rest },
        { name: m.name, managedFields, ...rest },
      ];
      for (const metadata of [...orders, { managedFields, uid: m.uid, resourceVersion: "1" }]) {
        const object = { ...pod, metadata };
        const bytes = line("MODIFIED", object);
        const facts = scanWatchLine(bytes)!;
        expect(facts.managedFields).not.toBeNull();
        const { managedFields: _dropped, ...kept } = metadata;
        void _dropped;
        expect(JSON.parse(parseableText(bytes, facts))).toEqual({
          type: "MODIFIED",
          object: { ...object, metadata: kept },
        });
      }
    }
  });

  it("gives the same fingerprint to versions that differ only in resourceVersion, managedFields and annotations", () => {
    for (const s of stories)
      for (const o of s.observations) {
        const at = Date.parse(o.observedAt);
        const a = apiShape(o.object, at, "1");
        const b = apiShape(o.object, at + 60_000, "2", 500);
        const c = clone(a) as Pod;
        delete c.metadata!.annotations;
        delete (c.metadata as { managedFields?: unknown }).managedFields;
        expect(fp(b)).toBe(fp(a));
        expect(fp(c)).toBe(fp(a));
        // The type is not the object's: an ADDED and a MODIFIED of one object match.
        expect(fp(a, "ADDED")).toBe(fp(a));
      }
  });

  it("moves the fingerprint with every other value of every story version", () => {
    let checked = 0;
    for (const pod of versions) {
      const base = fp(pod);
      for (const path of paths(pod)) {
        if (path.length === 0 || ignored(path)) continue;
        // The uid names the pod: a line with another has its own fingerprint to match.
        if (path[0] === "metadata" && path[1] === "uid") continue;
        expect(fp(changed(pod, path)), path.join(".")).not.toBe(base);
        checked++;
      }
      for (const path of paths(pod).filter((p) => ignored(p) && p.length >= 2))
        expect(fp(changed(pod, path)), path.join(".")).toBe(base);
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("moves the fingerprint with each field the rows, the store and the model read", () => {
    const pod = versions.find((p) => p.status?.containerStatuses?.length)!;
    const edits: [string, (p: Pod) => void][] = [
      ["a label", (p) => (p.metadata!.labels = { ...p.metadata!.labels, tier: "web" })],
      ["a label removed", (p) => (p.metadata!.labels = {})],
      ["the name", (p) => (p.metadata!.name = "other")],
      ["the namespace", (p) => (p.metadata!.namespace = "other")],
      ["deletionTimestamp", (p) => (p.metadata!.deletionTimestamp = "2026-11-20T10:00:00Z")],
      ["deletionGracePeriodSeconds", (p) => (p.metadata!.deletionGracePeriodSeconds = 5)],
      ["generation", (p) => (p.metadata!.generation = 7)],
      [
        "finalizers",
        (p) => ((p.metadata as Record<string, unknown>).finalizers = ["example.com/keep"]),
      ],
      [
        "ownerReferences",
        (p) =>
          (p.metadata!.ownerReferences = [
            { apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u", controller: true },
          ]),
      ],
      ["spec.nodeName", (p) => (p.spec!.nodeName = "node-9")],
      ["an image", (p) => (p.spec!.containers![0].image = "busybox:2")],
      [
        "resources",
        (p) => (p.spec!.containers![0].resources = { requests: { cpu: "2" }, limits: {} }),
      ],
      ["ephemeralContainers", (p) => (p.spec!.ephemeralContainers = [{ name: "debug" }])],
      ["status.phase", (p) => (p.status!.phase = "Failed")],
      ["status.reason", (p) => (p.status!.reason = "Evicted")],
      ["a condition", (p) => (p.status!.conditions![0].status = "Unknown")],
      ["a restart", (p) => p.status!.containerStatuses![0].restartCount!++],
      [
        "readiness",
        (p) => (p.status!.containerStatuses![0].ready = !p.status!.containerStatuses![0].ready),
      ],
      ["observedGeneration", (p) => (p.status!.observedGeneration = 9)],
      ["the status gone", (p) => delete p.status],
      ["the kind", (p) => (p.kind = "Other")],
    ];
    const base = fp(pod);
    for (const [what, edit] of edits) {
      const copy = clone(pod);
      edit(copy);
      expect(fp(copy), what).not.toBe(base);
    }
  });

  it("reads bytes: UTF-8 text, spaces between tokens and escapes in values", () => {
    const pod = clone(versions[0]);
    pod.metadata!.labels = { team: "数据-платформа 🚀" };
    pod.metadata!.annotations = { note: 'a "quoted" \\ value\n', 日本: "語" };
    const compact = line("MODIFIED", pod);
    const spaced = Buffer.from(
      JSON.stringify({ type: "MODIFIED", object: pod }, null, 1).replace(/\n/g, " "),
    );
    for (const bytes of [compact, spaced]) {
      const facts = scanWatchLine(bytes)!;
      expect(facts.uid).toBe(pod.metadata!.uid);
      const { managedFields: _m, ...metadata } = pod.metadata as Record<string, unknown>;
      void _m;
      expect(JSON.parse(parseableText(bytes, facts))).toEqual({
        type: "MODIFIED",
        object: { ...pod, metadata },
      });
    }
    const other = clone(pod);
    other.metadata!.labels = { team: "数据-платформа 🚁" };
    expect(fp(other)).not.toBe(fp(pod));
  });

  it("refuses lines it cannot vouch for: they are parsed in full", () => {
    const pod = versions[0];
    const text = JSON.stringify({ type: "MODIFIED", object: pod });
    const uid = pod.metadata!.uid!;
    const refused = [
      // A key spelled with an escape could be the uid, or any other member looked for.
      text.replace('"uid":', '"\\u0075id":'),
      text.replace('"resourceVersion":', '"resource\\u0056ersion":'),
      text.replace('"metadata":', '"meta\\u0064ata":'),
      // A member twice: JSON.parse keeps the last one, the scan would read the first.
      text.replace(`"uid":"${uid}"`, `"uid":"${uid}","uid":"other"`),
      text.replace('"resourceVersion":"3000"', '"resourceVersion":"3000","resourceVersion":"4"'),
      text.replace('{"type":"MODIFIED",', '{"type":"MODIFIED","type":"DELETED",'),
      // An escape in the uid, no uid, a resourceVersion that is not a string.
      text.replace(`"uid":"${uid}"`, `"uid":"${uid}\\u0041"`),
      text.replace(`"uid":"${uid}",`, ""),
      text.replace('"resourceVersion":"3000"', '"resourceVersion":3000'),
      // The type after the object (the API server writes it first), no object, not JSON.
      JSON.stringify({ object: pod, type: "MODIFIED" }),
      JSON.stringify({ type: "MODIFIED" }),
      JSON.stringify({ type: "MODIFIED", object: [] }),
      text.slice(0, 200),
      "null",
      "",
      "[1,2]",
    ];
    for (const bad of refused) expect(scanWatchLine(Buffer.from(bad)), bad.slice(0, 80)).toBeNull();
    expect(scanWatchLine(Buffer.from(text))).not.toBeNull();
  });

  it("reads an event without managedFields and parses it as it stands", () => {
    const pod = clone(versions[0]);
    delete (pod.metadata as { managedFields?: unknown }).managedFields;
    const bytes = line("MODIFIED", pod);
    const facts = scanWatchLine(bytes)!;
    expect(facts.managedFields).toBeNull();
    expect(parseableText(bytes, facts)).toBe(bytes.toString());
  });
});
