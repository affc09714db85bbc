// Validation of what the API routes accept. Each failure is one sentence for a 400 answer.
import { parseLabelSelector } from "../k8s/label-selector";
import { quoteInput } from "../text/quote";
import { MAX_WINDOW_MS, readTime } from "../text/time";
import { SORT_KEYS, type SortKey } from "../rows/order";
import { PRESETS, type Preset } from "../view/overview";
// A cycle (workload-params imports BadInput), harmless: each side uses the other only when called.
import { workloadSnapshotRequest, type WorkloadSnapshotRequest } from "./workload-params";

export class BadInput extends Error {}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function namespaceParam(value: string | null, what = "namespace"): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 63 || !LABEL.test(value))
    throw new BadInput(
      `${what} ${quoteInput(value)} is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters).`,
    );
  return value;
}

/** `a,b,c`: one namespace or several (at most 100). */
export function namespaceListParam(value: string | null): string[] | undefined {
  if (value === null || value.trim() === "") return undefined;
  const list = [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (list.length > 100) throw new BadInput("at most 100 namespaces can be asked for at once.");
  return list.map((ns) => namespaceParam(ns)!);
}

export function podNameParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 253 || !SUBDOMAIN.test(value))
    throw new BadInput(
      `${quoteInput(value)} is not a valid pod name (lowercase letters, digits, '-' and '.', at most 253 characters).`,
    );
  return value;
}

export function selectorParam(
  value: string | null,
): ((labels: Record<string, string>) => boolean) | undefined {
  if (!value) return undefined;
  try {
    return parseLabelSelector(value);
  } catch (err) {
    throw new BadInput(`selector ${quoteInput(value)} cannot be read: ${(err as Error).message}.`);
  }
}

/** RFC 3339 or epoch milliseconds. */
export function timeParam(value: string | null, name: string): number | undefined {
  if (value === null || value === "") return undefined;
  const ms = readTime(value);
  if (ms === null) {
    throw new BadInput(
      `${name} ${quoteInput(value, 40)} is not a time: use RFC 3339 (2026-11-20T09:00:00Z) or epoch milliseconds.`,
    );
  }
  return ms;
}

export function windowParams(q: URLSearchParams): { from?: number; to?: number } {
  const from = timeParam(q.get("from"), "from");
  const to = timeParam(q.get("to"), "to");
  if (from !== undefined && to !== undefined) {
    if (to < from) throw new BadInput("to is earlier than from.");
    if (to - from > MAX_WINDOW_MS)
      throw new BadInput("the time window is longer than 31 days; ask for a shorter one.");
  }
  return { from, to };
}

export function uidParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (!/^[0-9a-fA-F-]{1,64}$/.test(value))
    throw new BadInput(`uid ${quoteInput(value)} is not a pod uid.`);
  return value;
}

/** A kubectl STATUS as the list shows it: Running, CrashLoopBackOff, Init:0/2, Signal:9 … */
export function statusParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 64 || !/^[A-Za-z0-9:/.-]+$/.test(value))
    throw new BadInput(
      `status ${quoteInput(value)} is not a kubectl STATUS (letters, digits, ':', '/', '.' and '-', such as CrashLoopBackOff or Init:0/2).`,
    );
  return value;
}

export function nodeParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 253 || !SUBDOMAIN.test(value))
    throw new BadInput(
      `node ${quoteInput(value)} is not a valid node name (lowercase letters, digits, '-' and '.', at most 253 characters).`,
    );
  return value;
}

export function searchParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 253 || !/^[A-Za-z0-9.-]+$/.test(value))
    throw new BadInput(
      `search ${quoteInput(value)} can only hold the characters of a pod name (letters, digits, '-' and '.').`,
    );
  return value;
}

export function limitParam(value: string | null, fallback: number, max: number): number {
  if (value === null || value === "") return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new BadInput(`limit ${quoteInput(value, 20)} must be a whole number from 1 to ${max}.`);
  return Number(value);
}

export type SnapshotRequest =
  | {
      kind: "pod";
      namespace: string;
      name: string;
      uid?: string;
      from?: number;
      to?: number;
      /** Include the runs' captured logs (the person sharing ticked it); anyone with the link reads them. */
      logs?: boolean;
    }
  | {
      kind: "overview";
      namespaces?: string[];
      labels?: (labels: Record<string, string>) => boolean;
      from: number;
      to: number;
    }
  | WorkloadSnapshotRequest
  | { kind: "node"; name: string; from: number; to: number };

/** The body of POST /api/snapshots: which pod, overview, workload or node, and when. At most 4 KiB of JSON. */
export function snapshotRequest(text: string): SnapshotRequest {
  if (text.length > 4096)
    throw new BadInput(
      "the request body is larger than 4 KiB; send only what to take (namespace, name, uid, from, to).",
    );
  let body: unknown;
  try {
    body = JSON.parse(text || "null");
  } catch {
    throw new BadInput("the request body is not JSON; send {namespace, name, uid, from, to}.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new BadInput("send a JSON object {namespace, name, uid, from, to}.");
  const b = body as Record<string, unknown>;
  const str = (k: string) => (b[k] === undefined || b[k] === null ? null : String(b[k]));
  const q = new URLSearchParams();
  for (const k of ["from", "to"]) if (str(k)) q.set(k, str(k)!);
  const { from, to } = windowParams(q);
  const kind = str("kind") ?? "pod";
  if (b.logs !== undefined && typeof b.logs !== "boolean")
    throw new BadInput("logs must be true (include the runs' captured logs) or false.");
  if (kind === "overview") {
    if (b.logs) throw new BadInput("an overview snapshot holds no logs; logs go with a pod's.");
    if (from === undefined || to === undefined)
      throw new BadInput("an overview snapshot needs its window: from and to.");
    return {
      kind,
      namespaces: namespaceListParam(str("namespace")),
      labels: selectorParam(str("selector")),
      from,
      to,
    };
  }
  if (kind === "workload") {
    if (b.logs) throw new BadInput("a workload snapshot holds no logs; logs go with a pod's.");
    return workloadSnapshotRequest(str, from, to);
  }
  if (kind === "node") {
    if (b.logs) throw new BadInput("a node snapshot holds no logs; logs go with a pod's.");
    const name = nodeParam(str("name"));
    if (!name) throw new BadInput("a node snapshot needs the node's name.");
    if (from === undefined || to === undefined)
      throw new BadInput("a node snapshot needs its window: from and to.");
    return { kind, name, from, to };
  }
  if (kind !== "pod")
    throw new BadInput(
      `kind ${quoteInput(kind, 20)} is not one Lifeline knows: pod, overview, workload or node.`,
    );
  const namespace = namespaceParam(str("namespace"));
  const name = podNameParam(str("name"));
  if (!namespace || !name) throw new BadInput("namespace and name are required.");
  return { kind, namespace, name, uid: uidParam(str("uid")), from, to, logs: b.logs === true };
}

/** The live overview's windowed stream (GET /api/stream?limit=…): where its rows start, how many, and its own filters and order. */
export interface OverviewWindowParams {
  offset: number;
  limit: number;
  sort: SortKey;
  desc: boolean;
  status: string;
  node: string;
  search: string;
  /** How long a removed pod's last row stays: the overview's window, or 0 with `removed=0` (the kiosk). */
  windowMs: number;
}

/** The most rows one windowed stream may ask for. */
export const MAX_WINDOW_ROWS = 500;

function intParam(
  q: URLSearchParams,
  name: string,
  min: number,
  max: number,
  dflt: number,
): number {
  const v = q.get(name);
  if (v === null || v === "") return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new BadInput(`${name} ${quoteInput(v, 20)} is not a whole number from ${min} to ${max}.`);
  return Number(v);
}

function textParam(q: URLSearchParams, name: string, max: number): string {
  const v = q.get(name) ?? "";
  if (v.length > max) throw new BadInput(`${name} is longer than ${max} characters.`);
  return v;
}

/** The windowed stream's parameters; null when `limit` is absent (the stream of every row). */
export function overviewWindowParams(q: URLSearchParams): OverviewWindowParams | null {
  if (!q.has("limit")) return null;
  const sort = q.get("sort") || "problems";
  if (!(SORT_KEYS as readonly string[]).includes(sort))
    throw new BadInput(`sort ${quoteInput(sort, 20)} is not one of ${SORT_KEYS.join(", ")}.`);
  const desc = q.get("desc") ?? "";
  if (desc !== "" && desc !== "0" && desc !== "1")
    throw new BadInput(`desc ${quoteInput(desc, 20)} is neither 1 nor 0.`);
  const window = q.get("window") || "1h";
  if (!Object.hasOwn(PRESETS, window))
    throw new BadInput(
      `window ${quoteInput(window, 20)} is not one of ${Object.keys(PRESETS).join(", ")}.`,
    );
  const removed = q.get("removed") ?? "";
  if (removed !== "" && removed !== "0" && removed !== "1")
    throw new BadInput(
      `removed ${quoteInput(removed, 20)} is neither 0 (no removed pods) nor 1 (those the window holds).`,
    );
  return {
    offset: intParam(q, "offset", 0, 10_000_000, 0),
    limit: intParam(q, "limit", 1, MAX_WINDOW_ROWS, 100),
    sort: sort as SortKey,
    desc: desc === "1",
    status: textParam(q, "status", 100),
    node: textParam(q, "node", 253),
    search: textParam(q, "search", 253),
    windowMs: removed === "0" ? 0 : PRESETS[window as Preset],
  };
}
