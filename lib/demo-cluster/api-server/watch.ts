// The demo API server's watch: events after a version, bookmarks, timeouts, 410 Gone, and the
// watch-list (`sendInitialEvents=true`): the state as synthetic ADDED events streamed with the
// socket's backpressure, then a BOOKMARK annotated `k8s.io/initial-events-end`, then the changes
// made meanwhile — as kube-apiserver's watch cache serves it (storage/cacher: cacheWatcher sends the
// initial events of its snapshot, the bookmark, and only then what it buffered since).
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest, tooLargeResourceVersion } from "./api-error";
import type { Clock } from "../clock";
import { apiVersionOf } from "./resources";
import { selectorsOf, wire, type Route } from "./request";
import type { Change, KubeObject, ObjectStore } from "./store";
import { toTable, wantsTable } from "./table";

const DEFAULT_WATCH_TIMEOUT_S = 1800;
/** Initial events are written in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

export interface WatchHost {
  store: ObjectStore;
  clock: Clock;
  bookmarkIntervalMs?: number;
  /**
   * False: play an API server without watch-lists (1.27–1.31 with the WatchList gate off): a watch
   * with sendInitialEvents is 422 Invalid, as its validation of the list options answers.
   */
  watchList?: boolean;
  /** Told when the watch is open (to be counted and cut) and when it closes. */
  opened(res: ServerResponse): void;
  closed(res: ServerResponse): void;
}

export async function serveWatch(
  host: WatchHost,
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  q: URLSearchParams,
): Promise<void> {
  const { resource } = route;
  const { store, clock } = host;
  const match = selectorsOf(q, resource);
  const inNamespace = (o: KubeObject) =>
    route.namespace === undefined || o.metadata.namespace === route.namespace;
  const visible = (o: KubeObject | undefined) => !!o && inNamespace(o) && match(o);
  const table = wantsTable(req.headers.accept);
  const bookmarks = q.get("allowWatchBookmarks") === "true" || q.get("allowWatchBookmarks") === "1";
  const rvParam = q.get("resourceVersion") ?? "";
  const sendInitial = q.get("sendInitialEvents") === "true";
  const timeoutS = q.has("timeoutSeconds")
    ? Number(q.get("timeoutSeconds"))
    : DEFAULT_WATCH_TIMEOUT_S;
  if (!Number.isFinite(timeoutS) || timeoutS < 0)
    throw badRequest(
      `invalid timeoutSeconds "${q.get("timeoutSeconds")}": must be a non-negative number of seconds`,
    );
  if (rvParam !== "" && !/^\d+$/.test(rvParam))
    throw badRequest(
      `invalid resourceVersion "${rvParam}": resource versions are the opaque strings the server returned`,
    );
  if (q.has("sendInitialEvents") && host.watchList === false)
    throw new ApiError(
      422,
      "Invalid",
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
      {
        group: "meta.k8s.io",
        kind: "ListOptions",
        causes: [
          {
            reason: "FieldValueForbidden",
            message:
              "Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled",
            field: "sendInitialEvents",
          },
        ],
      },
    );

  res.writeHead(200, {
    "Content-Type": "application/json",
    "Transfer-Encoding": "chunked",
    "Cache-Control": "no-cache, private",
  });
  res.flushHeaders();
  let columnsSent = false;
  let lastRv = Number(store.version());
  const gone = () => res.writableEnded || res.destroyed;
  const line = (type: string, object: KubeObject | Record<string, unknown>) =>
    JSON.stringify({ type, object }) + "\n";
  const encode = (type: string, object: KubeObject) => {
    if (!table) return line(type, wire(resource, object));
    const row = toTable(
      resource,
      [object],
      clock.now(),
      object.metadata.resourceVersion ?? "",
      !columnsSent,
    );
    columnsSent = true;
    return line(type, row);
  };
  const write = (text: string) => {
    if (!gone()) res.write(text);
  };
  const bookmarkObject = (rv: number, annotations?: Record<string, string>) => ({
    kind: resource.kind,
    apiVersion: apiVersionOf(resource),
    metadata: { resourceVersion: String(rv), ...(annotations ? { annotations } : {}) },
  });
  // While the initial events are on their way, changes wait here (the cacher's watcher buffers them
  // the same way, and sends them after the initial-events-end bookmark).
  let backlog: Change[] | null = null;
  const bookmark = () => {
    // Never a bookmark below the version asked for (the watch cache drops them: cache_watcher.go),
    // nor in the middle of the initial events.
    if (backlog || lastRv < since) return;
    write(line("BOOKMARK", bookmarkObject(lastRv)));
  };

  const onChange = (change: Change) => {
    if (backlog) {
      backlog.push(change);
      return;
    }
    lastRv = change.rv;
    // Only what comes after the version asked for (a watch from a version not reached yet waits for it, as the watch cache's does).
    if (change.rv <= since) return;
    const now = visible(change.object);
    const before = change.type === "MODIFIED" ? visible(change.previous) : now;
    if (change.type === "MODIFIED" && now !== before)
      write(encode(now ? "ADDED" : "DELETED", change.object));
    else if (now) write(encode(change.type, change.object));
  };

  let since: number;
  let initial: KubeObject[] | null = null;
  const current = Number(store.version());
  if (sendInitial && /^[1-9]\d*$/.test(rvParam) && Number(rvParam) > current) {
    // A watch-list from a version not reached: kube-apiserver's cacher waits 3 s for it
    // (waitUntilFreshAndBlock), then answers with an ERROR event carrying the Status (newErrWatcher).
    write(line("ERROR", tooLargeResourceVersion(Number(rvParam), current, 1).status()));
    res.end();
    return;
  }
  if (q.get("sendInitialEvents") === "false") {
    // No synthetic events: from the version given, or from now for "" and "0" (KEP-3157's "start
    // at most recent" / "start at any" without the state).
    since = rvParam === "" || rvParam === "0" ? current : Number(rvParam);
  } else if (rvParam === "" || rvParam === "0" || sendInitial) {
    since = current;
    initial = store.list(resource.storage, route.namespace).filter(match).sort(byKey);
  } else since = Number(rvParam);

  let subscription: { cancel(): void };
  try {
    subscription = store.watch(resource.storage, since, onChange);
  } catch (err) {
    if (err instanceof ApiError) {
      write(line("ERROR", err.status()));
      res.end();
      return;
    }
    throw err;
  }
  host.opened(res);
  const timers: { cancel(): void }[] = [];
  const finish = () => {
    subscription.cancel();
    for (const t of timers) t.cancel();
    host.closed(res);
    if (!res.writableEnded) res.end();
  };
  timers.push(clock.at(clock.now() + timeoutS * 1000, finish));
  if (bookmarks) {
    const interval = host.bookmarkIntervalMs ?? 60_000;
    const tick = () => {
      bookmark();
      timers.push(clock.at(clock.now() + interval, tick));
    };
    timers.push(clock.at(clock.now() + interval, tick));
  }
  req.on("close", finish);
  res.on("close", finish);

  if (!initial) return;
  backlog = [];
  await streamInitial(res, initial, (o) => encode("ADDED", o));
  initial = null;
  if (gone()) return;
  if (sendInitial && bookmarks)
    write(line("BOOKMARK", bookmarkObject(since, { "k8s.io/initial-events-end": "true" })));
  const waiting = backlog;
  backlog = null;
  for (const change of waiting) onChange(change);
}

/**
 * Writes `items` as events, a chunk at a time, waiting for the socket to drain whenever Node says
 * its buffer is full, and letting the cluster run between chunks: a 150,000-pod watch-list never
 * sits in memory as one burst of text, and a client that reads slowly slows only itself.
 */
async function streamInitial(
  res: ServerResponse,
  items: KubeObject[],
  encode: (o: KubeObject) => string,
): Promise<void> {
  let chunk = "";
  for (let i = 0; i < items.length; i++) {
    chunk += encode(items[i]);
    if (chunk.length < CHUNK_CHARS && i < items.length - 1) continue;
    if (res.writableEnded || res.destroyed) return;
    const more = res.write(chunk);
    chunk = "";
    await (more ? nextTurn() : drained(res));
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function objectKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

function byKey(a: KubeObject, b: KubeObject): number {
  const x = objectKey(a);
  const y = objectKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
