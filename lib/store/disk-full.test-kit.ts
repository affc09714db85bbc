// Test support: a history file that is genuinely full. SQLite's `max_page_count` caps the pages a
// connection may grow the file to; at the cap every write that needs a new page fails with
// SQLITE_FULL ("database or disk is full"), exactly as on a full disk. Not part of the server.
import type Database from "better-sqlite3";
import type { Observation } from "../kube/reflector";
import type { Kit } from "../demo-cluster/cluster.test-kit";
import type { HistoryStore } from "./history-store";

function dbOf(store: HistoryStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}

/** The file cannot grow past the pages it has now (plus `spare`): the disk is full. */
export function fillUp(store: HistoryStore, spare = 0): void {
  const db = dbOf(store);
  const pages = db.pragma("page_count", { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + spare}`);
}

/** Space returns: the file may grow again. */
export function freeUp(store: HistoryStore): void {
  dbOf(store).pragma("max_page_count = 1073741823");
}

/** Every write fails with SQLITE_READONLY (on) or works again (off). */
export function readOnly(store: HistoryStore, on: boolean): void {
  dbOf(store).pragma(`query_only = ${on ? 1 : 0}`);
}

/** Rows of a table in the store's file (what was written). */
export function rows(
  store: HistoryStore,
  table: "versions" | "event_versions" | "node_versions" | "pods",
): number {
  return (dbOf(store).prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every change the demo cluster makes, as the collector would deliver it, collected in order (not written). */
export function collect(kit: Kit): Observation[] {
  const seen: Observation[] = [];
  for (const [resource, kind] of [
    ["pods", "Pod"],
    ["events", "Event"],
    ["nodes", "Node"],
  ] as const) {
    kit.cluster.store.watch(resource, 0, (c) => {
      seen.push({
        kind,
        type: c.type,
        object: structuredClone(c.object) as Observation["object"],
        observedAt: kit.clock.now(),
      });
    });
  }
  return seen;
}
