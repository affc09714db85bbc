// A real full disk under the live pipeline: the embedded demo cluster (sped up, with churn) read
// by the pipeline over HTTP, its data folder on a small filesystem that is filled with a file
// until ENOSPC for a while, then freed. Counts what the pipeline observed while the disk was
// full and what of it reached the history file, against a store fed the same observations on a
// disk that never filled; counts the log lines; reports what /api/cluster's `store` said.
//
// Needs a small filesystem of its own (filling / would hurt everything else), e.g. as root:
//   mkdir -p /tmp/lifeline-full && mount -t tmpfs -o size=32m tmpfs /tmp/lifeline-full
//   DISK_FULL_DIR=/tmp/lifeline-full npm run bench:disk-full
//   umount /tmp/lifeline-full
// FULL_SECONDS (default 30) is how long the disk stays full; LIFELINE_PENDING_MAX is passed on (a
// small one shows the bound: the oldest dropped, counted).
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Observation } from "../lib/kube/reflector";
import { Live } from "../lib/live/live";
import { HistoryStore } from "../lib/store/history-store";

const dir = process.env.DISK_FULL_DIR;
if (!dir || !existsSync(dir)) {
  console.error(
    "DISK_FULL_DIR must name a small filesystem of its own (see the comment at the top of bench/disk-full.ts)",
  );
  process.exit(2);
}
const fullSeconds = Number(process.env.FULL_SECONDS || 30);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lines: string[] = [];
for (const level of ["log", "error", "warn"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
    original(...args);
  };
}

const dataDir = join(dir, "data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const live = await Live.start({
  LIFELINE_DEMO: "1",
  LIFELINE_DATA_DIR: dataDir,
  LIFELINE_DEMO_SPEED: "10",
  LIFELINE_DEMO_SCALE: "200",
  LIFELINE_DEMO_CHURN: "4",
  LIFELINE_PENDING_MAX: process.env.LIFELINE_PENDING_MAX,
});
// Every observation the pipeline gave the store, in the order first given (a retry gives the same objects again).
const given = new Set<Observation>();
const observeMany = live.store.observeMany.bind(live.store);
live.store.observeMany = (batch) => {
  for (const o of batch) given.add(o);
  observeMany(batch);
};
const storeState = () =>
  (live as unknown as { writes?: { state(): Record<string, unknown> } }).writes?.state() ?? null;

await sleep(10_000);
live.flush();
const beforeFull = given.size;

// Fill the filesystem: a file grown until the disk says ENOSPC.
const filler = join(dir, "filler");
const fd = openSync(filler, "w");
const chunk = Buffer.alloc(64 * 1024, 1);
let filled = 0;
for (;;) {
  try {
    filled += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
    // The last bytes a block at a time.
    try {
      for (;;) filled += writeSync(fd, chunk.subarray(0, 4096));
    } catch {
      break;
    }
  }
}
closeSync(fd);
const fullAt = Date.now();
const linesAtFull = lines.length;
console.log(
  `bench: the disk is full (${(filled / 1048576).toFixed(1)} MiB filler); ${beforeFull} observations given to the store before`,
);
let peak: Record<string, unknown> | null = null;
for (let s = 0; s < fullSeconds; s++) {
  await sleep(1_000);
  const st = storeState();
  if (st && (!peak || (st.pending as number) >= (peak.pending as number))) peak = st;
}
live.flush();
const duringFull = given.size - beforeFull;
const rss = process.memoryUsage().rss;
const linesDuringFull = lines.slice(linesAtFull);
rmSync(filler);
const freedAt = Date.now();
// Back to ok (the next retry, at most 30 s away); an older pipeline has no state: give it 35 s too.
for (let i = 0; i < 350; i++) {
  await sleep(100);
  const st = storeState();
  if (st && st.state === "ok") break;
}
const recoveredMs = Date.now() - freedAt;
const after = storeState();
await live.stop();

// The same observations on a disk that never filled.
const refDir = mkdtempSync(join(tmpdir(), "lifeline-full-ref-"));
const reference = new HistoryStore(join(refDir, "history.db"));
const all = [...given];
for (let i = 0; i < all.length; i += 500) reference.observeMany(all.slice(i, i + 500));
const clusterDir = join(dataDir, "clusters", readdirSync(join(dataDir, "clusters"))[0]);
const kept = new Database(join(clusterDir, "history.db"), { readonly: true });
const ref = (reference as unknown as { db: Database.Database }).db;
const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const tables = ["pods", "versions", "event_versions", "node_versions"];
const rows = Object.fromEntries(
  tables.map((t) => [t, { stored: count(kept, t), reference: count(ref, t) }]),
);
// Per pod: its versions as stored, in order, compared.
const versionsOf = (db: Database.Database) =>
  new Map(
    (
      db
        .prepare(
          "SELECT uid, group_concat(observed_at || ':' || type, ',') AS v FROM (SELECT * FROM versions ORDER BY id) GROUP BY uid",
        )
        .all() as { uid: string; v: string }[]
    ).map((r) => [r.uid, r.v]),
  );
const mine = versionsOf(kept);
let podsDiffering = 0;
for (const [uid, v] of versionsOf(ref)) if (mine.get(uid) !== v) podsDiffering++;

console.log(
  JSON.stringify(
    {
      fullSeconds,
      fullForMs: freedAt - fullAt,
      observationsGiven: { beforeFull, duringFull, total: all.length },
      rows,
      podsDiffering,
      logLinesWhileFull: linesDuringFull.length,
      logLinesWhileFullSample: [...new Set(linesDuringFull.map((l) => l.slice(0, 160)))].slice(
        0,
        4,
      ),
      storeAtPeak: peak,
      storeAfter: after,
      recoveredMsAfterFree: recoveredMs,
      rssMiBWhileFull: Math.round(rss / 1048576),
    },
    null,
    2,
  ),
);
reference.close();
kept.close();
rmSync(refDir, { recursive: true, force: true });
process.exit(0);
