// Watch lines as kube-apiserver writes them, for the tests of the scan before parsing
// (watch-line.ts, unchanged.ts): each fixture story's pod versions re-dressed in the API server's
// shape (ObjectMeta's members in Go's order, managedFields of kube-controller-manager and the
// kubelet, a dozen annotations), and, between versions, "touched" versions that change only what
// nothing reads: a new resourceVersion, an annotation, a managedFields entry.
import type { Pod } from "../k8s/types";
import { formatTime } from "../k8s/time";
import type { Story } from "../fixtures/story";
import type { KubeClient, LineReader, WatchEvent } from "./client";
import { watchLines } from "./client";

/** ObjectMeta's fields in the order Go's encoder writes them. */
const META_ORDER = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
];

const ANNOTATIONS: Record<string, string> = {
  "kubectl.kubernetes.io/default-container": "app",
  "prometheus.io/scrape": "true",
  "prometheus.io/port": "9090",
  "checksum/config": "4b1f0e7c2d9a8b6c5e3f1a2d4c6b8e0f1a3c5e7d9b2f4a6c8e0d2f4b6a8c0e2d",
  "cluster-autoscaler.kubernetes.io/safe-to-evict": "true",
  "linkerd.io/inject": "disabled",
};

/**
 * `pod` as the API server serves it at `at` (epoch ms): managedFields and annotations added, the
 * metadata in Go's order, the object's members kind, apiVersion, metadata, spec, status. `touch`
 * adds an annotation and the managedFields entry of the controller that wrote it.
 */
export function apiShape(pod: Pod, at: number, resourceVersion: string, touch = 0): Pod {
  const m = { ...(pod.metadata ?? {}) } as Record<string, unknown>;
  m.resourceVersion = resourceVersion;
  m.annotations = {
    ...ANNOTATIONS,
    ...(touch ? { "example.com/last-audit": formatTime(at + touch) } : {}),
  };
  m.managedFields = [
    {
      manager: "kube-controller-manager",
      operation: "Update",
      apiVersion: "v1",
      time: formatTime(Date.parse(String(m.creationTimestamp ?? "")) || at),
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": { "f:labels": { ".": {}, "f:app": {} }, "f:generateName": {} },
        "f:spec": { "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {} } } },
      },
    },
    {
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      time: formatTime(at),
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:status": {
          "f:conditions": { 'k:{"type":"Ready"}': { ".": {}, "f:status": {} } },
          "f:phase": {},
        },
      },
      subresource: "status",
    },
    ...(touch
      ? [
          {
            manager: "audit-controller",
            operation: "Update",
            apiVersion: "v1",
            time: formatTime(at + touch),
            fieldsType: "FieldsV1",
            fieldsV1: { "f:metadata": { "f:annotations": { "f:example.com/last-audit": {} } } },
          },
        ]
      : []),
  ];
  const metadata: Record<string, unknown> = {};
  for (const k of META_ORDER) if (m[k] !== undefined) metadata[k] = m[k];
  for (const k of Object.keys(m)) if (!(k in metadata)) metadata[k] = m[k];
  const { spec, status } = pod;
  return { kind: "Pod", apiVersion: "v1", metadata, spec, status } as Pod;
}

/** One watch line's bytes (no newline). */
export const line = (type: string, object: unknown): Buffer =>
  Buffer.from(JSON.stringify({ type, object }));

export interface TimedLine {
  at: number;
  type: string;
  line: Buffer;
  /** A version that changes only what nothing reads. */
  touched: boolean;
}

/**
 * A story's pod versions as watch lines, each followed (but the last, and deletions) by a touched
 * copy observed halfway to the next version, or (`late`) 20 ms before it: later than the next
 * version's own times, which the model then clamps. resourceVersions count up from 2000.
 */
export function storyLines(story: Story, late = false): TimedLine[] {
  const out: TimedLine[] = [];
  let rv = 2000;
  const obs = story.observations;
  obs.forEach((o, k) => {
    const at = Date.parse(o.observedAt);
    out.push({
      at,
      type: o.type,
      line: line(o.type, apiShape(o.object, at, String(rv++))),
      touched: false,
    });
    const next = obs[k + 1];
    if (!next || o.type === "DELETED") return;
    const gap = Date.parse(next.observedAt) - at;
    const mid = at + (late ? Math.max(1, gap - 20) : Math.floor(gap / 2));
    out.push({
      at: mid,
      type: "MODIFIED",
      line: line("MODIFIED", apiShape(o.object, mid, String(rv++), 250)),
      touched: true,
    });
  });
  return out;
}

/**
 * A client whose watch-list streams `lines` (the first ADDED ones as the initial events, the end
 * marker, then the rest) through the client's own line handling, setting the clock to each
 * line's time first, in chunks of `chunk` bytes (a line may be cut anywhere). `done` resolves once
 * every line is read; later watches wait until they are cut.
 */
export function scriptedClient(
  lines: TimedLine[],
  setNow: (t: number) => void,
  chunk = 4096,
): { client: KubeClient; done: Promise<void> } {
  let finished!: () => void;
  const done = new Promise<void>((r) => (finished = r));
  let served = false;
  const client = {
    async watch(
      path: string,
      query: Record<string, string>,
      onEvent: (e: WatchEvent) => void,
      signal: AbortSignal,
      readLine?: LineReader,
    ) {
      if (!served && query.sendInitialEvents === "true") {
        served = true;
        const feed = watchLines(path, onEvent, readLine);
        const send = (bytes: Buffer) => {
          for (let k = 0; k < bytes.length; k += chunk) feed(bytes.subarray(k, k + chunk));
        };
        let k = 0;
        for (; k < lines.length && lines[k].type === "ADDED"; k++) {
          setNow(lines[k].at);
          send(Buffer.concat([lines[k].line, Buffer.from("\n")]));
        }
        const end = {
          type: "BOOKMARK",
          object: {
            kind: "Pod",
            apiVersion: "v1",
            metadata: {
              resourceVersion: "1999",
              annotations: { "k8s.io/initial-events-end": "true" },
            },
          },
        };
        send(Buffer.from(JSON.stringify(end) + "\n"));
        for (; k < lines.length; k++) {
          setNow(lines[k].at);
          send(Buffer.concat([lines[k].line, Buffer.from("\n")]));
        }
        finished();
      }
      await new Promise<void>((r) =>
        signal.aborted ? r() : signal.addEventListener("abort", () => r()),
      );
    },
    async get() {
      return { metadata: { resourceVersion: "1" }, items: [] };
    },
  };
  return { client: client as unknown as KubeClient, done };
}
