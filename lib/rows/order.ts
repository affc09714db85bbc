// The overview's order and filters over rows, one rule for the browser (a frozen window's rows) and
// the server (the live overview's windowed stream, lib/rows/row-view.ts). Pure: `now` comes in.
import { healthRank, podHealth } from "../health";
import type { PodRow } from "./pod-row";

export const SORT_KEYS = [
  "problems",
  "name",
  "namespace",
  "status",
  "ready",
  "restarts",
  "age",
  "node",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** How often the order's clock moves: problem scores move with time (Pending too long, restarted lately). */
export const SORT_CLOCK_MS = 10_000;

/** The moment a live order is judged at: `now` to the SORT_CLOCK_MS below it. */
export function sortClock(now: number): number {
  return Math.floor(now / SORT_CLOCK_MS) * SORT_CLOCK_MS;
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const readyRatio = (r: PodRow) => {
  const [a, b] = r.ready.split("/").map(Number);
  return b ? a / b : 1;
};

/** A row's key for `key` at `now` (numbers and texts compare as they are). */
export function sortValue(r: PodRow, key: SortKey, now: number): string | number {
  switch (key) {
    case "problems":
      return healthRank(podHealth(r, now));
    case "name":
      return r.name;
    case "namespace":
      return r.namespace;
    case "status":
      return r.status;
    case "ready":
      return readyRatio(r);
    case "restarts":
      return r.restartCount;
    case "age":
      return r.createdAt ?? 0;
    case "node":
      return r.node ?? "";
  }
}

/** Keys that sort the highest value first when ascending (worst problems, youngest pods). */
const HIGH_FIRST: ReadonlySet<SortKey> = new Set(["problems", "age"]);

/**
 * Compares two rows by their keys (`sortValue`), then namespace and name (whatever `desc`), then
 * uid: a total order, so a row's place in a sorted list can be found by bisection.
 */
export function compareKeyed(
  key: SortKey,
  desc: boolean,
): (
  a: { row: PodRow; value: string | number },
  b: { row: PodRow; value: string | number },
) => number {
  const sign = (desc ? -1 : 1) * (HIGH_FIRST.has(key) ? -1 : 1);
  return (a, b) =>
    sign * cmp(a.value, b.value) ||
    cmp(a.row.namespace, b.row.namespace) ||
    cmp(a.row.name, b.row.name) ||
    cmp(a.row.uid, b.row.uid);
}

/** Sorts rows (a new array): problems first (worst first), then namespace and name; or by a column. */
export function sortRows(rows: PodRow[], key: SortKey, desc: boolean, now: number): PodRow[] {
  const by = compareKeyed(key, desc);
  return rows
    .map((row) => ({ row, value: sortValue(row, key, now) }))
    .sort(by)
    .map((e) => e.row);
}

export interface RowFilters {
  namespaces: string[];
  status: string;
  node: string;
  search: string;
  labels?: ((labels: Record<string, string>) => boolean) | null;
}

export function filterRows(rows: PodRow[], f: RowFilters): PodRow[] {
  const search = f.search.trim().toLowerCase();
  const ns = f.namespaces.length ? new Set(f.namespaces) : null;
  return rows.filter(
    (r) =>
      (!ns || ns.has(r.namespace)) &&
      (!f.status || r.status === f.status) &&
      (!f.node || r.node === f.node) &&
      (!search || r.name.toLowerCase().includes(search)) &&
      (!f.labels || f.labels(r.labels)),
  );
}
