// What the connection banner says: the pipeline's state (GET /api/cluster) in words, with a tone.
// Pure: the caller passes what the server answered and the time now.
import { translator, type Translate } from "../i18n";
import { formatDuration, formatTime } from "../text/format";

export interface ReflectorInfo {
  path: string;
  /** "forbidden": an optional watch (nodes) the credentials may not make, re-checked every few minutes. */
  phase: "syncing" | "connected" | "retrying" | "forbidden" | "stopped";
  since: number;
  lastError: string | null;
  lists: number;
  watches: number;
}

export interface ClusterInfo {
  mode: "kubeconfig" | "in-cluster" | "demo";
  /** Why this mode and the API server's URL: absent for a viewer limited to namespaces (docs/access.md). */
  reason?: string;
  server?: string;
  context: string | null;
  ready: boolean;
  connection: { phase: ReflectorInfo["phase"]; eventsApi: string; reflectors: ReflectorInfo[] };
  /** The server's clock (absent from servers older than the views). */
  clock?: { now: number; speed: number };
  /** Whether the history is being written (absent from servers older than the views). */
  store?: StoreInfo;
  /** Whether the nodes are visible or forbidden (lib/live/cluster-info.ts NodeAccess; absent from older servers). */
  nodes?: { state: "watched" | "forbidden"; since: number | null; error: string | null };
  /** Workload kinds not listed: 403 in some namespaces, or not served (lib/live/workload-access.ts; absent from older servers). */
  workloads?: {
    resource: string;
    kind: string;
    reason: "forbidden" | "not-served";
    namespaces: string[] | null;
  }[];
  /** The log capture (lib/logs): the namespaces where pods/log is forbidden (absent from older servers). */
  logs?: { mode: "off" | "failures" | "all"; forbidden: { namespace: string }[] };
  /** The namespaces the server watches (LIFELINE_NAMESPACES), null for all (absent from older servers). */
  watching?: string[] | null;
  /** Whether the cluster answers (lib/live/reachability.ts; absent from older servers). */
  reachability?: {
    state: "reachable" | "unreachable";
    unreachableSince: number | null;
    unreachableAfterMs: number;
  };
}

/** GET /api/cluster's `store` (lib/store/write-queue.ts); a viewer's has no counts. */
export interface StoreInfo {
  state: "ok" | "failing";
  since: number | null;
  reason: "full" | "read-only" | "io" | "other" | null;
  code: string | null;
  lastError: string | null;
  pending?: number;
  dropped?: number;
  lastDropAt?: number | null;
}

export type Answer =
  { ok: true; info: ClusterInfo } | { ok: false; status: number | null; error: string };

export interface ConnectionView {
  tone: "ok" | "busy" | "warn" | "error";
  /** One short line for the bar. */
  title: string;
  /** The longer sentence: why this mode, or what went wrong. */
  detail: string;
  /** The session ended: the banner links to the sign-in page. */
  signIn?: true;
  /** Nodes are not visible (a namespaced install): what that leaves out, said apart from the connection. */
  nodes?: string;
  /** Container logs may not be read in some namespaces (403 on pods/log): said apart too. */
  logs?: string;
  /** Workload kinds not listed (403 in some namespaces, or not served): one sentence each, said apart too. */
  workloads?: string;
}

function where(info: ClusterInfo, t: Translate): string {
  if (info.mode === "demo") return t("conn.where.demo");
  if (info.context) return info.server ? `${info.context} (${info.server})` : info.context;
  return info.server || t("conn.where.cluster");
}

/**
 * The server's clock at browser time `browserNow`, from its answer that arrived at browser time
 * `at`: the `clock.now` it gave, run on at its speed (a sped-up demo runs ahead of the browser).
 * The browser's clock when the server did not say.
 */
export function serverTime(answer: Answer | null, at: number, browserNow: number): number {
  if (!answer?.ok || !answer.info.clock) return browserNow;
  return answer.info.clock.now + (browserNow - at) * answer.info.clock.speed;
}

/** The inverse of serverTime: the browser time at which the server's clock read `serverMoment`. */
export function browserTime(answer: Answer | null, at: number, serverMoment: number): number {
  if (!answer?.ok || !answer.info.clock) return serverMoment;
  return at + (serverMoment - answer.info.clock.now) / (answer.info.clock.speed || 1);
}

/**
 * The banner for the last answer of GET /api/cluster, which arrived at browser time `at`, seen at
 * browser time `browserNow`. Every duration is measured on the server's clock: the times it is
 * measured from (the store's, the watches' and the outage's `since`) are the server's.
 */
export function describeAnswer(
  answer: Answer,
  at: number,
  browserNow: number,
  t: Translate = translator("en"),
): ConnectionView {
  return describeConnection(answer, serverTime(answer, at, browserNow), t);
}

/** The banner at `now` on the server's clock (see describeAnswer). */

export function describeConnection(
  answer: Answer,
  now: number,
  t: Translate = translator("en"),
): ConnectionView {
  if (!answer.ok) {
    // The session ended (a restart without LIFELINE_SECRET, an expired link): say it, offer sign-in.
    if (answer.status === 401)
      return {
        tone: "error",
        title: t("conn.signedOut"),
        detail: t("conn.signedOut.detail"),
        signIn: true,
      };
    if (answer.status === null)
      return {
        tone: "error",
        title: t("conn.gone"),
        detail: t("conn.gone.detail", { error: answer.error.replace(/\.+$/, "") }),
      };
    return {
      tone: "error",
      title:
        answer.status === 503
          ? t("conn.notConnected")
          : t("conn.answered", { status: answer.status }),
      detail: answer.error,
    };
  }
  const view = describeInfo(answer.info, now, t);
  // A namespaced install may not list nodes: no error, but what the views leave out is said.
  const nodes =
    answer.info.nodes?.state === "forbidden" ? { nodes: t("conn.nodes.forbidden") } : {};
  // Nor, maybe, read container logs: each run then says "log not captured: forbidden".
  const denied = answer.info.logs?.forbidden ?? [];
  const logs = denied.length
    ? { logs: t("conn.logs.forbidden", { namespaces: denied.map((f) => f.namespace).join(", ") }) }
    : {};
  const kinds = (answer.info.workloads ?? []).map((d) =>
    d.reason === "not-served"
      ? t("conn.workloads.absent", { resource: d.resource, kinds: `${d.kind}s` })
      : t("conn.workloads.forbidden", {
          resource: d.resource,
          kinds: `${d.kind}s`,
          where: d.namespaces?.length ? d.namespaces.join(", ") : t("conn.workloads.everywhere"),
        }),
  );
  const workloads = kinds.length ? { workloads: kinds.join(" ") } : {};
  return { ...view, ...nodes, ...logs, ...workloads };
}

function describeInfo(info: ClusterInfo, now: number, t: Translate): ConnectionView {
  const c = info.connection;
  const speed =
    info.clock && info.clock.speed !== 1 ? t("conn.speed", { n: info.clock.speed }) : "";
  const demo = info.mode === "demo" ? t("conn.demoNote") + speed : "";
  // The history not being written comes first: what is observed now is at risk.
  const store = info.store;
  if (store?.state === "failing") {
    const since = store.since ?? now;
    const why =
      store.reason === "full"
        ? t("store.reason.full")
        : store.reason === "read-only"
          ? t("store.reason.readonly")
          : store.reason === "io"
            ? t("store.reason.io")
            : (store.lastError ?? t("store.reason.unknown")).replace(/\.+$/, "");
    const kept =
      store.pending === undefined ? t("store.keptSome") : t("store.kept", { n: store.pending });
    const dropped = store.dropped ? t("store.dropped", { n: store.dropped }) : "";
    return {
      tone: store.dropped ? "error" : "warn",
      title: t("store.failing", {
        d: formatDuration(now - since, "elapsed"),
        t: formatTime(since, "utc", { part: "time" }),
      }),
      detail: `${why}${t("conn.stop")}${kept}${dropped}`,
    };
  }
  // Once written again, the gap it left is still said.
  const lost = store?.dropped
    ? t("store.lost", {
        n: store.dropped,
        t: formatTime(store.lastDropAt ?? store.since ?? now, "utc", { part: "time" }),
      })
    : "";
  if (c.phase === "retrying" || c.phase === "stopped") {
    const failing = c.reflectors.filter((r) => r.phase === "retrying" || r.phase === "stopped");
    const since = Math.min(...failing.map((r) => r.since));
    const error = failing.find((r) => r.lastError)?.lastError ?? t("conn.failed");
    // Past LIFELINE_UNREACHABLE_AFTER with no answer at all: an outage, said in red.
    const gone =
      info.reachability?.state === "unreachable" ? info.reachability.unreachableSince : null;
    if (gone !== null) {
      return {
        tone: "error",
        title: t("conn.unreachable", {
          where: where(info, t),
          d: formatDuration(now - gone, "elapsed"),
          t: formatTime(gone, "utc", { part: "time" }),
        }),
        detail: t("conn.retrying.detail", { error: error.replace(/\.+$/, "") }) + demo + lost,
      };
    }
    return {
      tone: "warn",
      title: t("conn.retrying", {
        where: where(info, t),
        d: formatDuration(now - since, "elapsed"),
        t: formatTime(since, "utc", { part: "time" }),
      }),
      detail: t("conn.retrying.detail", { error: error.replace(/\.+$/, "") }) + demo + lost,
    };
  }
  if (c.phase === "syncing" || !info.ready) {
    return {
      tone: "busy",
      title: t("conn.syncing", { where: where(info, t) }),
      detail: info.reason
        ? `${capital(reasonText(info.reason, t))}${t("conn.stop")}${demo}`
        : demo.trim(),
    };
  }
  return {
    tone: "ok",
    title: info.mode === "demo" ? t("conn.demo") : t("conn.connected", { where: where(info, t) }),
    detail:
      (info.reason
        ? t("conn.connected.detail", {
            reason: capital(reasonText(info.reason, t)),
            api: c.eventsApi,
          })
        : t("conn.connected.api", { api: c.eventsApi })) +
      demo +
      lost,
  };
}

/** The server's reason for its mode (lib/kube/connection planConnection), in the page's language; an unknown one as written. */
function reasonText(reason: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (reason === "LIFELINE_DEMO is set: using the embedded demo cluster")
    return t("conn.reason.demoEnv");
  if (reason === "no kubeconfig and no in-cluster credentials: using the embedded demo cluster")
    return t("conn.reason.demoFallback");
  if (reason === "running in a pod: using its service account") return t("conn.reason.inCluster");
  if ((m = /^kubeconfig from KUBECONFIG \((.*)\)$/.exec(reason)))
    return t("conn.reason.kubeconfigEnv", { files: m[1] });
  if ((m = /^kubeconfig from (.+)$/.exec(reason)))
    return t("conn.reason.kubeconfigFile", { file: m[1] });
  return reason;
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
