// The workload channel of the live stream (GET /api/stream?channel=workloads): a snapshot of the
// workload rows GET /api/workloads answers, then each row that changed and each workload removed.
// Its streams are the pod hub's (StreamHub.attach, as the windowed overview's): they share its
// heartbeats, its bound on what a slow reader may have pending, the goodbye at shutdown and the
// count of open streams.
//
// Coalesced: an observation only marks the workloads whose row it may change (the workload, its
// owner, whose pod count moves with its ReplicaSets' and Jobs', and a pod's owner chain when the
// pod arrives, leaves or changes owner). The marks are turned into frames on a later turn, at most
// once per `gapMs`, one frame per workload whose row differs from the last one sent: a rollout of
// 20,000 pods sends a few frames per workload, not one per pod change, and a pod's readiness,
// which no row holds, sends none. Nothing is marked while no workload stream is open.
import type { Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import type { WorkloadObject } from "../kube/workload-resources";
import { workloadRow, type WorkloadsAnswer } from "../routes/workloads";
import { frame, type Attached, type Sink, type StreamHub } from "../stream/hub";
import type { WorkloadKind } from "../workloads/workload-state";
import type { LiveWorkloads } from "./live-workloads";

/** What a workload stream asks for: GET /api/workloads' `namespace` and `kind`. */
export interface WorkloadQuery {
  /** null: every namespace (an admin asking for none). */
  namespaces: readonly string[] | null;
  kind?: WorkloadKind;
}

export interface WorkloadStreamOptions {
  hub: Pick<StreamHub, "attach">;
  workloads: LiveWorkloads;
  /** GET /api/workloads' answer for a query (the snapshot: rows in the list's order, `omitted`). */
  answer(q: WorkloadQuery): WorkloadsAnswer;
  /** Its `omitted` alone (without building the rows). */
  omitted(q: WorkloadQuery): WorkloadsAnswer["omitted"];
  /** Least time between two rounds of frames (default 25 ms, as the windowed overview's). */
  gapMs?: number;
  /** Runs `fn` after `ms` (0: on a later turn); default setTimeout / setImmediate. */
  defer?: (fn: () => void, ms: number) => void;
  /** Monotonic ms (default performance.now). */
  now?: () => number;
  /** How often the kinds not listed are checked again while streams are open (default 10 s). */
  omittedEveryMs?: number;
  setInterval?: (fn: () => void, ms: number) => { clear(): void };
  /** Rows of a snapshot serialised per turn of the event loop (default 500). */
  snapshotSlice?: number;
  /** Runs the next slice on a later turn (default setImmediate). */
  schedule?: (fn: () => void) => void;
}

interface Stream {
  q: WorkloadQuery;
  out: Attached;
  /** The `omitted` this stream was last told (JSON). */
  omitted: string;
}

interface Where {
  namespace: string;
  kind: WorkloadKind;
}

const DEFAULT_GAP_MS = 25;

function wants(q: WorkloadQuery, w: Where): boolean {
  return (!q.namespaces || q.namespaces.includes(w.namespace)) && (!q.kind || q.kind === w.kind);
}

export class WorkloadStreams {
  private readonly streams = new Set<Stream>();
  /** The workloads marked since the last round, with where they are (a removed one's last place). */
  private readonly dirty = new Map<string, Where>();
  /** Each workload's row as last sent (JSON): a mark whose row did not change sends nothing. */
  private readonly sent = new Map<string, string>();
  private scheduled = false;
  private lastRound = -Infinity;
  private omittedTimer: { clear(): void } | null = null;
  /** Rounds run and frames made (each sent to every stream that wants it), for the bench and tests. */
  readonly stats = { rounds: 0, frames: 0 };

  constructor(private readonly o: WorkloadStreamOptions) {}

  get size(): number {
    return this.streams.size;
  }

  /** A workload observation: kept by LiveWorkloads, and its row and its owners' marked. */
  observe(o: Observation): void {
    const uid = (o.object as WorkloadObject)?.metadata?.uid;
    const w = this.o.workloads;
    const before = uid ? w.get(uid) : undefined;
    w.observe(o);
    if (!uid || !this.streams.size) return;
    const after = w.get(uid);
    const where = after ?? before;
    if (where) this.mark(uid, where);
    // A ReplicaSet or Job that comes, goes or changes owner moves its owner's pod count.
    if (before?.owner?.uid !== after?.owner?.uid || !before || !after) {
      this.markUid(before?.owner?.uid);
      this.markUid(after?.owner?.uid);
    }
  }

  /** A pod observation: kept by LiveWorkloads; its owners' rows marked when it came, went or changed owner. */
  observePod(type: Observation["type"], pod: Pod): void {
    const uid = pod?.metadata?.uid;
    const w = this.o.workloads;
    const before = uid ? w.podOwner(uid) : null;
    w.observePod(type, pod);
    if (!uid || !this.streams.size) return;
    const after = w.podOwner(uid);
    if (before === after) return;
    for (const owner of [before, after]) {
      if (!owner) continue;
      this.markUid(owner);
      this.markUid(w.get(owner)?.owner?.uid);
    }
  }

  /** Opens a workload stream on `sink`: the snapshot now, then the rows that change. */
  subscribe(q: WorkloadQuery, sink: Sink): { cancel(): void } {
    const out = this.o.hub.attach(sink);
    if (!out) return { cancel: () => {} };
    const answer = this.o.answer(q);
    const s: Stream = { q, out, omitted: JSON.stringify(answer.omitted) };
    this.streams.add(s);
    this.snapshot(s, answer);
    this.omittedTimer ??= (
      this.o.setInterval ??
      ((fn, ms) => {
        const t = setInterval(fn, ms);
        t.unref?.();
        return { clear: () => clearInterval(t) };
      })
    )(() => this.checkOmitted(), this.o.omittedEveryMs ?? 10_000);
    return {
      cancel: () => {
        out.cancel();
        this.forget(s);
      },
    };
  }

  /**
   * The snapshot as one frame, written a slice of rows per turn when it is large: 4,000 rows are
   * 2.3 MB of JSON, which held the event loop (every other stream) for 160 to 430 ms in one piece
   * (docs/performance.md). Frames for this stream meanwhile wait in the hub (Attached.part).
   */
  private snapshot(s: Stream, answer: WorkloadsAnswer): void {
    const rows = answer.workloads;
    const slice = Math.max(1, this.o.snapshotSlice ?? 500);
    if (rows.length <= slice) return s.out.send(frame("snapshot", answer));
    const schedule = this.o.schedule ?? ((fn: () => void) => void setImmediate(fn));
    let i = 0;
    const step = () => {
      if (s.out.gone) return;
      const end = Math.min(i + slice, rows.length);
      let text = i === 0 ? `event: snapshot\ndata: {"workloads":[` : ",";
      for (let first = i; i < end; i++) text += (i > first ? "," : "") + JSON.stringify(rows[i]);
      if (i < rows.length) {
        s.out.part(text);
        schedule(step);
        return;
      }
      s.out.part(`${text}],"omitted":${JSON.stringify(answer.omitted)}}\n\n`);
      s.out.whole();
    };
    step();
  }

  close(): void {
    for (const s of this.streams) s.out.cancel();
    this.streams.clear();
    this.idle();
  }

  private forget(s: Stream): void {
    this.streams.delete(s);
    if (!this.streams.size) this.idle();
  }

  /** No stream left: nothing to keep (a stream opened later starts from its own snapshot). */
  private idle(): void {
    this.dirty.clear();
    this.sent.clear();
    this.omittedTimer?.clear();
    this.omittedTimer = null;
  }

  private markUid(uid: string | null | undefined): void {
    const s = uid ? this.o.workloads.get(uid) : undefined;
    if (s) this.mark(uid!, s);
  }

  private mark(uid: string, where: Where): void {
    this.dirty.set(uid, { namespace: where.namespace, kind: where.kind });
    this.later();
  }

  /** The next round: on a later turn (what comes together makes one frame), at most one per gapMs. */
  private later(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const now = this.o.now ?? (() => performance.now());
    const wait = Math.max(0, this.lastRound + (this.o.gapMs ?? DEFAULT_GAP_MS) - now());
    const defer =
      this.o.defer ??
      ((fn: () => void, ms: number) =>
        ms > 0 ? void setTimeout(fn, ms).unref?.() : void setImmediate(fn));
    defer(() => {
      this.scheduled = false;
      this.lastRound = now();
      this.round();
    }, wait);
  }

  private round(): void {
    for (const s of [...this.streams]) if (s.out.gone) this.forget(s);
    if (!this.streams.size) return;
    this.stats.rounds++;
    const w = this.o.workloads;
    const marked = [...this.dirty];
    this.dirty.clear();
    for (const [uid, where] of marked) {
      const state = w.get(uid);
      let text: string;
      if (!state) {
        this.sent.delete(uid);
        text = frame("removed", { uid, row: null });
      } else {
        const row = JSON.stringify(workloadRow(w, state));
        if (this.sent.get(uid) === row) continue;
        this.sent.set(uid, row);
        text = `event: workload\ndata: {"uid":${JSON.stringify(uid)},"row":${row}}\n\n`;
      }
      this.stats.frames++;
      for (const s of this.streams) if (wants(s.q, where)) s.out.send(text);
    }
  }

  /** The kinds not listed change with the watches' state, not with a workload: checked on a timer. */
  private checkOmitted(): void {
    const known = new Map<string, string>();
    for (const s of [...this.streams]) {
      if (s.out.gone) {
        this.forget(s);
        continue;
      }
      const key = JSON.stringify([s.q.namespaces, s.q.kind ?? null]);
      let now = known.get(key);
      if (now === undefined) known.set(key, (now = JSON.stringify(this.o.omitted(s.q))));
      if (now === s.omitted) continue;
      s.omitted = now;
      s.out.send(`event: omitted\ndata: {"omitted":${now}}\n\n`);
    }
  }
}
