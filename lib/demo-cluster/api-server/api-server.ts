// HTTP front of the demo cluster: routes Kubernetes REST paths to the store, with lists, watches
// (bookmarks, timeouts, 410 Gone), tables for kubectl, and Status objects for every failure.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest, tooLargeResourceVersion } from "./api-error";
import { unauthenticated, type TokenCheck } from "./authn";
import type { Clock } from "../clock";
import { openapi, openapiV2 } from "./openapi";
import { apiVersionOf, discovery, type ResourceType } from "./resources";
import {
  checkAccept,
  decodeContinue,
  fromWire,
  methodNotAllowed,
  parseDeleteOptions,
  parseBody,
  parseRoute,
  readBody,
  readBodyBytes,
  selectorsOf,
  send,
  wire,
  type DeleteOptions,
  type Route,
} from "./request";
import type { KubeObject, ObjectStore } from "./store";
import { toTable, wantsTable } from "./table";
import { serveWatch } from "./watch";
import { servePodLog, type KubeletLogs } from "./pod-log";
import type { RbacGate } from "./rbac";
import type { UpdateRequest } from "./update";
import { serveWrite } from "./write-routes";

/** What happens on writes: validation, defaults and graceful deletion live with the cluster's behaviour. */
export interface Registry {
  create(
    resource: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
    dryRun: boolean,
  ): KubeObject;
  delete(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): KubeObject;
  /** PUT and PATCH, on the object or its /status (update.ts). */
  update(req: UpdateRequest): KubeObject;
}

export interface ApiServerOptions {
  store: ObjectStore;
  clock: Clock;
  registry: Registry;
  /** Interval between watch bookmarks, in cluster-clock ms. */
  bookmarkIntervalMs?: number;
  /** False: refuse watch-lists as a server with the WatchList gate off does (watch.ts). */
  watchList?: boolean;
  /** Accepts bearer tokens (authn.ts); without it any request is served, with or without one. */
  authenticate?: TokenCheck;
  /** The authorizer (rbac.ts: a namespaced install's RBAC); without it every request is allowed. */
  rbac?: RbacGate;
  /** The kubelets' container logs (pods/log, pod-log.ts); without it every node is unreachable. */
  kubeletLogs?: KubeletLogs;
  /** Extra routes (e.g. /debug/*); return true when handled. */
  extra?: (
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    body: () => Promise<string>,
  ) => Promise<boolean> | boolean;
}

export class ApiServer {
  private readonly watches = new Set<ServerResponse>();
  private watchesStarted = 0;

  constructor(private readonly opts: ApiServerOptions) {}

  /** Number of open watch connections. */
  openWatches(): number {
    return this.watches.size;
  }

  /** Number of watch connections opened since the start. */
  watchesOpened(): number {
    return this.watchesStarted;
  }

  /** Bytes written to open watches that their sockets have not taken yet (a slow reader's backlog). */
  bufferedWatchBytes(): number {
    let n = 0;
    for (const res of this.watches) n += res.writableLength;
    return n;
  }

  /** Cuts every open watch connection, as a network blip or an API server restart would. */
  dropWatches(): number {
    const n = this.watches.size;
    for (const res of [...this.watches]) res.destroy();
    this.watches.clear();
    return n;
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (this.opts.extra && (await this.opts.extra(req, url, res, () => readBody(req)))) return;
      const refused = unauthenticated(req, url, this.opts.authenticate);
      if (refused) throw refused;
      await this.route(req, url, res);
    } catch (err) {
      const error =
        err instanceof ApiError
          ? err
          : new ApiError(
              500,
              "InternalError",
              `Internal error occurred: ${(err as Error)?.message ?? String(err)}`,
            );
      if (!res.headersSent) send(res, error.code, error.status());
      else res.end();
    }
  };

  private async route(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (path === "/healthz" || path === "/livez" || path === "/readyz") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (path === "/openapi/v2" && req.method === "GET") {
      const { contentType, body } = openapiV2(req.headers.accept);
      res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length }).end(body);
      return;
    }
    const doc = discovery(path) ?? openapi(path);
    if (doc) {
      if (req.method !== "GET") throw methodNotAllowed();
      send(res, 200, doc);
      return;
    }
    const route = parseRoute(path);
    if (!route)
      throw new ApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${req.method} ${path})`,
      );
    const q = url.searchParams;
    this.opts.rbac?.check(req.method, route, q, this.opts.clock.now(), path);
    const { resource } = route;
    if (
      route.namespace === undefined &&
      route.name === undefined &&
      resource.namespaced &&
      req.method === "POST"
    ) {
      throw badRequest(
        `${resource.plural} must be created in a namespace: POST to /api/.../namespaces/<namespace>/${resource.plural}`,
      );
    }
    if (route.subresource && !resource.subresources.includes(route.subresource)) {
      throw new ApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${resource.plural}/${route.subresource})`,
      );
    }
    if (route.subresource === "log" && route.name && route.namespace !== undefined) {
      if (req.method !== "GET") throw methodNotAllowed();
      const { store, clock, kubeletLogs: kubelets } = this.opts;
      const target = { namespace: route.namespace, name: route.name };
      return servePodLog(res, req, target, q, { store, clock, kubelets });
    }
    checkAccept(req.headers.accept);
    if (route.name && (route.subresource || req.method === "PUT" || req.method === "PATCH")) {
      const { registry, store } = this.opts;
      return serveWrite(req, res, route, q, { registry, store });
    }
    switch (req.method) {
      case "GET":
        if (route.name) return this.get(req, res, route);
        if (q.get("watch") === "1" || q.get("watch") === "true")
          return serveWatch(
            {
              store: this.opts.store,
              clock: this.opts.clock,
              bookmarkIntervalMs: this.opts.bookmarkIntervalMs,
              watchList: this.opts.watchList,
              opened: (r) => {
                this.watches.add(r);
                this.watchesStarted++;
              },
              closed: (r) => void this.watches.delete(r),
            },
            req,
            res,
            route,
            q,
          );
        return this.list(req, res, route, q);
      case "POST": {
        if (route.name) throw methodNotAllowed();
        const body = await parseBody(
          await readBodyBytes(req),
          req.headers["content-type"],
          resource,
        );
        const created = this.opts.registry.create(
          resource,
          route.namespace,
          fromWire(resource, body),
          q.get("dryRun") === "All",
        );
        send(res, 201, wire(resource, created));
        return;
      }
      case "DELETE": {
        if (!route.name)
          throw methodNotAllowed(
            "deleting a collection is not supported by the demo cluster; delete objects by name",
          );
        const options = parseDeleteOptions(q, await readBody(req));
        send(
          res,
          200,
          wire(resource, this.opts.registry.delete(resource, route.namespace, route.name, options)),
        );
        return;
      }
      default:
        throw methodNotAllowed();
    }
  }

  private get(req: IncomingMessage, res: ServerResponse, route: Route): void {
    const object = this.opts.store.get(route.resource.storage, route.namespace, route.name!);
    if (!object || (route.resource.namespaced && route.namespace === undefined)) {
      throw new ApiError(
        404,
        "NotFound",
        `${route.resource.plural}${route.resource.group ? "." + route.resource.group : ""} "${route.name}" not found`,
        { name: route.name, kind: route.resource.plural, group: route.resource.group },
      );
    }
    if (wantsTable(req.headers.accept))
      send(
        res,
        200,
        toTable(
          route.resource,
          [object],
          this.opts.clock.now(),
          object.metadata.resourceVersion ?? "",
        ),
      );
    else send(res, 200, wire(route.resource, object));
  }

  /** Sorted results of paged lists, so each page is a slice (and every page shows the first page's state, as etcd snapshots do). */
  private readonly snapshots = new Map<
    string,
    { items: KubeObject[]; keys: string[]; version: string }
  >();
  private snapshotSeq = 0;

  private list(req: IncomingMessage, res: ServerResponse, route: Route, q: URLSearchParams): void {
    const { resource } = route;
    const limit = Number(q.get("limit") ?? 0);
    const token = q.get("continue");
    const cont = token ? decodeContinue(token) : null;
    let snap = cont?.snap ? this.snapshots.get(cont.snap) : undefined;
    let snapId = cont?.snap;
    // "Not older than" a version this server has not reached: kube-apiserver answers 504 Timeout
    // "Too large resource version" (etcd3 store validateMinimumResourceVersion for a paged list,
    // the watch cache after waiting 3 s for one without a limit). A cluster started afresh behind
    // the same address answers so to a client that remembers the old one's versions.
    const rvParam = q.get("resourceVersion") ?? "";
    if (!cont && /^\d+$/.test(rvParam) && Number(rvParam) > Number(this.opts.store.version())) {
      throw tooLargeResourceVersion(
        Number(rvParam),
        Number(this.opts.store.version()),
        limit > 0 ? 0 : 1,
      );
    }
    if (!snap) {
      const match = selectorsOf(q, resource);
      const keyed = this.opts.store
        .list(resource.storage, route.namespace)
        .filter(match)
        .map((o) => ({ o, k: objectKey(o) }));
      keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
      snap = {
        items: keyed.map((x) => x.o),
        keys: keyed.map((x) => x.k),
        version: this.opts.store.version(),
      };
      snapId = undefined;
    }
    const version = snap.version;
    // First index after the continue key (binary search over the sorted keys).
    let from = 0;
    if (cont) {
      let lo = 0;
      let hi = snap.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (snap.keys[mid] <= cont.after) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
    }
    let items = snap.items.slice(from);
    let next: string | undefined;
    let remaining: number | undefined;
    if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
      remaining = items.length - limit;
      items = items.slice(0, limit);
      if (!snapId) {
        snapId = String(++this.snapshotSeq);
        this.snapshots.set(snapId, snap);
        // A few paged lists at a time are plenty for a demo; the oldest is forgotten (its token then relists).
        if (this.snapshots.size > 8) this.snapshots.delete(this.snapshots.keys().next().value!);
      }
      next = Buffer.from(
        JSON.stringify({
          v: "lifeline/1",
          after: objectKey(items[items.length - 1]),
          snap: snapId,
        }),
      ).toString("base64url");
    } else if (snapId) this.snapshots.delete(snapId);
    if (wantsTable(req.headers.accept)) {
      const table = toTable(resource, items, this.opts.clock.now(), version);
      send(res, 200, {
        ...table,
        metadata: {
          resourceVersion: version,
          ...(next ? { continue: next, remainingItemCount: remaining } : {}),
        },
      });
      return;
    }
    send(res, 200, {
      kind: `${resource.kind}List`,
      apiVersion: apiVersionOf(resource),
      metadata: {
        resourceVersion: version,
        ...(next ? { continue: next, remainingItemCount: remaining } : {}),
      },
      items: items.map((o) => {
        const w = wire(resource, o);
        return { ...w, apiVersion: undefined, kind: undefined };
      }),
    });
  }
}

function objectKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}
