// The live overview's views (lib/rows/row-view.ts) at 150,000 rows, in this process alone: what a
// new query costs the server (keying and sorting every row, a slice per turn: the total, and the
// longest slice, which is what other streams wait), what a change costs each view that holds it,
// what the 10 s reclock costs, and what a window's slice costs. The rows are shaped like the
// light scale pods' (a few statuses, 1 % crash-looping).
// Run: npm run bench:views [-- --rows 150000 --changes 20000]
import { RowView } from "../lib/rows/row-view";
import { sortClock, type SortKey } from "../lib/rows/order";
import type { PodRow } from "../lib/rows/pod-row";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 150_000);
const CHANGES = arg("changes", 20_000);
const T = Date.parse("2026-11-25T00:00:00Z");
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

function podRow(i: number, crash: boolean): PodRow {
  return {
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    namespace: `ns-${i % 300}`,
    name: `app-${i}-x7k2p`,
    node: `node-${i % 1500}`,
    phase: "Running",
    status: crash ? "CrashLoopBackOff" : "Running",
    ready: crash ? "0/1" : "1/1",
    restarts: crash ? "5" : "0",
    restartCount: crash ? 5 : 0,
    lastRestartAt: crash ? T - 120_000 : null,
    age: "1d",
    labels: { app: `app-${i % 50}` },
    createdAt: T - 86_400_000,
    deletedAt: null,
    podReady: !crash,
    recent: [
      { status: "Running", start: T - 86_400_000, phase: "Running", ready: true, restarts: 0 },
    ],
  };
}

const rows: PodRow[] = [];
for (let i = 0; i < ROWS; i++) rows.push(podRow(i, i % 100 === 0));
const query = (sort: SortKey) => ({
  base: () => true,
  status: "",
  node: "",
  search: "",
  sort,
  desc: false,
  keepRemovedMs: 3_600_000,
});

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs a generator to its end, timing each step: wall (what other streams wait, preemption by other processes included) and this process's CPU. */
function steps(gen: Generator<void, void, void>): {
  ms: number;
  cpu: number;
  slices: number[];
  cpus: number[];
} {
  const slices: number[] = [];
  const cpus: number[] = [];
  const t0 = performance.now();
  const c0 = cpuMs();
  for (;;) {
    const t = performance.now();
    const c = cpuMs();
    const done = gen.next().done;
    slices.push(performance.now() - t);
    cpus.push(cpuMs() - c);
    if (done) break;
  }
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, slices, cpus };
}

const describe = (r: ReturnType<typeof steps>) =>
  `${r.ms.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms CPU, in ${r.slices.length} slices; slice wall p50 ${pct(r.slices, 50).toFixed(1)} / p99 ${pct(r.slices, 99).toFixed(1)} / longest ${pct(r.slices, 100).toFixed(1)} ms, slice CPU p99 ${pct(r.cpus, 99).toFixed(1)} / longest ${pct(r.cpus, 100).toFixed(1)} ms`;

function load(sort: SortKey): { view: RowView; text: string } {
  const view = new RowView(query(sort), sortClock(T));
  return { view, text: describe(steps(view.load(rows))) };
}

console.log(`bench:views — ${ROWS.toLocaleString("en-US")} rows, one process`);
const views: RowView[] = [];
for (const sort of ["problems", "name", "age"] as SortKey[]) {
  const { view, text } = load(sort);
  views.push(view);
  console.log(`  new view sorted by ${sort}: ${text}`);
}
// Changes: a pod crashes (moves to the top of problems-first) or recovers (moves back), or only its READY changes (stays put).
const per: number[] = [];
for (let k = 0; k < CHANGES; k++) {
  const i = (k * 7919) % ROWS;
  const kind = k % 3;
  const row =
    kind === 0
      ? podRow(i, true)
      : kind === 1
        ? podRow(i, false)
        : { ...podRow(i, i % 100 === 0), ready: "0/1" };
  rows[i] = row;
  const t = performance.now();
  for (const v of views) v.upsert(row);
  per.push((performance.now() - t) / views.length);
}
console.log(
  `  a change, per view: p50 ${(pct(per, 50) * 1000).toFixed(1)} µs, p99 ${(pct(per, 99) * 1000).toFixed(1)} µs (${CHANGES.toLocaleString("en-US")} changes into ${views.length} views: a third move a row to or from the top, a third move nothing)`,
);
console.log(
  `  reclock of the problems-first view an hour on: ${describe(steps(views[0].reclock(sortClock(T + 3_600_000))))}`,
);
// The steady case: 10 s later, the health rank is read, not worked out, for rows with no moment ahead.
console.log(
  `  reclock of the problems-first view 10 s after that: ${describe(steps(views[0].reclock(sortClock(T + 3_610_000))))}`,
);
{
  const t = performance.now();
  for (let k = 0; k < 1000; k++) views[0].slice((k * 97) % ROWS, 120);
  console.log(`  a window of 120 rows: ${(((performance.now() - t) / 1000) * 1000).toFixed(1)} µs`);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const extra = load("namespace").view;
  gc();
  console.log(
    `  heap one more view holds: ${((process.memoryUsage().heapUsed - before) / 1048576).toFixed(1)} MiB (${extra.total} rows)`,
  );
}
