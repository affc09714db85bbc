// Ground truth: every transition the demo cluster makes, in order, so tests can compare what the
// dashboard shows with what really happened. Kept in memory (bounded) and optionally appended to a file.
import { appendFileSync } from "node:fs";

export interface TruthEntry {
  seq: number;
  /** Epoch ms on the cluster clock. */
  at: number;
  /** e.g. pod.phase, pod.condition, container.state, container.ready, probe, node.condition, pod.deleted. */
  what: string;
  namespace?: string;
  name: string;
  uid?: string;
  container?: string;
  from?: string;
  to?: string;
  detail?: Record<string, unknown>;
}

export class TruthLog {
  private entries: TruthEntry[] = [];
  private seq = 0;

  constructor(
    private readonly limit = 200_000,
    private readonly file?: string,
  ) {}

  add(entry: Omit<TruthEntry, "seq">): void {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    // Trimmed in chunks so a long run does not copy the whole log on every entry.
    if (this.entries.length > this.limit + Math.ceil(this.limit / 4))
      this.entries.splice(0, this.entries.length - this.limit);
    if (this.file) appendFileSync(this.file, JSON.stringify(full) + "\n");
  }

  /** Entries after `sinceSeq`, optionally for one object. */
  query(
    opts: { since?: number; namespace?: string; name?: string; what?: string } = {},
  ): TruthEntry[] {
    return this.entries.filter(
      (e) =>
        e.seq > (opts.since ?? 0) &&
        (opts.namespace === undefined || e.namespace === opts.namespace) &&
        (opts.name === undefined || e.name === opts.name) &&
        (opts.what === undefined || e.what === opts.what),
    );
  }
}
