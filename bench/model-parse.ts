// bench:model's "including parse" part: pod updates from the watch's raw lines, through the path
// the server runs — the watch client's line handling (watchLines), the pod reflector (a watch-list
// whose initial events are not timed) and its delivery — then into one TimelineBuilder per pod.
// Two readers: every line parsed in full (the reflector without onUnchanged, as before the scan)
// and the scan first (lib/kube/watch-line.ts: a version that repeats the last is not parsed, the
// others are parsed without managedFields). Two workloads: every version changed (bench/pods.ts's
// status cycle), and every changed version followed by a metadata-only one (a new
// resourceVersion, an annotation and a managedFields entry). A version told unchanged is observed
// by the model again as the object it repeats: what the store's history replays to the model.
// Each is timed with and without the model (CPU time of this process, per version).
import type { Pod } from "../lib/k8s/types";
import { watchLines, type KubeClient, type LineReader, type WatchEvent } from "../lib/kube/client";
import { Reflector, tombstone, type Observation } from "../lib/kube/reflector";
import { TimelineBuilder } from "../lib/timeline";
import { makePod, stepAt } from "./pods";

interface Path {
  name: string;
  scan: boolean;
  model: boolean;
  feed: (chunk: Buffer) => void;
  cpuMs: number;
  versions: number;
  unchanged: number;
  stop: () => Promise<void>;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const asLines = (objects: unknown[]) =>
  Buffer.from(objects.map((o) => JSON.stringify(o)).join("\n") + "\n");

/** Feeds `bytes` in socket-sized chunks. */
function send(feed: (chunk: Buffer) => void, bytes: Buffer): void {
  for (let k = 0; k < bytes.length; k += 65536) feed(bytes.subarray(k, k + 65536));
}

/** A reflector on a client whose watch-list is fed by hand; its initial events are the pods at step 0. */
async function path(name: string, pods: number, scan: boolean, model: boolean): Promise<Path> {
  let now = stepAt(0);
  let feed: ((chunk: Buffer) => void) | null = null;
  const client = {
    async watch(
      p: string,
      _q: Record<string, string>,
      onEvent: (e: WatchEvent) => void,
      signal: AbortSignal,
      readLine?: LineReader,
    ) {
      feed = watchLines(p, onEvent, readLine);
      await new Promise<void>((r) => signal.addEventListener("abort", () => r()));
    },
  } as unknown as KubeClient;
  const builders = new Map<string, TimelineBuilder>();
  const last = new Map<string, Pod>();
  const out: Path = {
    name,
    scan,
    model,
    feed: (chunk) => feed!(chunk),
    cpuMs: 0,
    versions: 0,
    unchanged: 0,
    stop: () => reflector.stop(),
  };
  const observe = (uid: string, type: Observation["type"], object: Pod, observedAt: number) => {
    let b = builders.get(uid);
    if (!b) builders.set(uid, (b = new TimelineBuilder()));
    b.observe({ type, object, observedAt });
  };
  const reflector = new Reflector({
    client,
    path: "/api/v1/pods",
    kind: "Pod",
    now: () => now++,
    retain: tombstone,
    onObservation: (o) => {
      if (!model) return;
      const uid = o.object.metadata!.uid!;
      last.set(uid, o.object as Pod);
      observe(uid, o.type, o.object as Pod, o.observedAt);
    },
    onUnchanged: scan
      ? (o) => {
          out.unchanged++;
          if (!model) return;
          const uid = o.object.metadata!.uid!;
          observe(uid, "MODIFIED", last.get(uid)!, o.observedAt);
        }
      : undefined,
  });
  reflector.start();
  while (!feed) await new Promise((r) => setImmediate(r));
  const initial = Array.from({ length: pods }, (_, i) => ({
    type: "ADDED",
    object: makePod(i, 0),
  }));
  initial.push({
    type: "BOOKMARK",
    object: {
      kind: "Pod",
      metadata: { resourceVersion: "1", annotations: { "k8s.io/initial-events-end": "true" } },
    } as unknown as Pod,
  });
  send(out.feed, asLines(initial));
  return out;
}

/**
 * `pods` pods × `steps` versions each (after the untimed initial events); with `touched`, each
 * changed version is followed by a metadata-only one.
 */
async function workload(pods: number, steps: number, touched: boolean): Promise<void> {
  const paths: Path[] = [];
  for (const scan of [false, true])
    for (const model of [false, true])
      paths.push(
        await path(
          `${scan ? "scan first " : "parse in full"}${model ? ", with the model" : ", ingest only   "}`,
          pods,
          scan,
          model,
        ),
      );
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let s = 1; s <= steps; s++) {
    const versions: unknown[] = [];
    for (let i = 0; i < pods; i++) {
      versions.push({ type: "MODIFIED", object: makePod(i, s) });
      if (touched) versions.push({ type: "MODIFIED", object: makePod(i, s, 500) });
    }
    const bytes = asLines(versions);
    // Alternate the order, so that no path always meets the lines in cache first.
    const order = s % 2 ? paths : [...paths].reverse();
    for (const p of order) {
      gc?.();
      const start = cpuMs();
      send(p.feed, bytes);
      p.cpuMs += cpuMs() - start;
      p.versions += versions.length;
    }
  }
  const kb = (JSON.stringify(makePod(1, 1)).length / 1000).toFixed(1);
  console.log(
    `\nincluding parse: ${pods.toLocaleString("en-US")} pods × ${steps} ${touched ? "changed versions, each followed by a metadata-only one" : "versions, every one changed"} (${kb} KB lines), CPU time per version`,
  );
  for (const p of paths) {
    const us = (p.cpuMs * 1000) / p.versions;
    const skipped = p.scan ? `; ${p.unchanged.toLocaleString("en-US")} told unchanged` : "";
    console.log(
      `  ${p.name}: ${us.toFixed(1)} µs → ${Math.round(1e6 / us).toLocaleString("en-US")} versions/s on one core${skipped}`,
    );
    await p.stop();
  }
}

/** `npm run bench:model -- --only parse [--parse 1000,30]` (pods, versions each). */
export async function benchIncludingParse(pods: number, steps: number): Promise<void> {
  await workload(pods, steps, false);
  await workload(pods, steps, true);
}
