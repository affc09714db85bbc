// A sorted list kept in chunks of a few hundred entries: inserting or removing one moves the
// entries of its chunk, not of the whole list. A live overview's view (lib/rows/row-view.ts) holds
// up to 150,000 rows and takes two splices per change; on one flat array each moved up to 1.2 MB
// of pointers (with the garbage collector's write barrier for each while it marks), and three
// views at 200 kills/s put the server seconds behind (docs/performance.md). Pure.

/** Where an entry stands: its chunk and its place in it. */
export type Place = readonly [chunk: number, index: number];

export class ChunkedOrder<T> {
  private chunks: T[][] = [];
  private size = 0;

  /** `by` is a total order (no two entries compare equal); `chunk` the usual chunk length. */
  constructor(
    private readonly by: (a: T, b: T) => number,
    private readonly chunk = 512,
  ) {}

  /** From entries already in order (not copied: the chunks are slices of it). */
  static from<T>(sorted: readonly T[], by: (a: T, b: T) => number, chunk = 512): ChunkedOrder<T> {
    const out = new ChunkedOrder(by, chunk);
    for (let i = 0; i < sorted.length; i += chunk) out.chunks.push(sorted.slice(i, i + chunk));
    out.size = sorted.length;
    return out;
  }

  get length(): number {
    return this.size;
  }

  /** Puts `e` where it sorts. */
  insert(e: T): void {
    if (!this.chunks.length) {
      this.chunks.push([e]);
      this.size = 1;
      return;
    }
    const ci = this.chunkFor(e);
    const c = this.chunks[ci];
    c.splice(this.point(c, e), 0, e);
    this.size++;
    if (c.length > 2 * this.chunk) this.chunks.splice(ci + 1, 0, c.splice(this.chunk));
  }

  /** Where `e` (this very entry) stands, or null when it is not in the list. */
  locate(e: T): Place | null {
    if (!this.chunks.length) return null;
    const ci = this.chunkFor(e);
    const c = this.chunks[ci];
    const i = this.point(c, e);
    if (c[i] === e) return [ci, i];
    // Never otherwise (a total order, entries placed by it); a scan rather than a lost row if it were.
    for (let k = 0; k < this.chunks.length; k++) {
      const j = this.chunks[k].indexOf(e);
      if (j >= 0) return [k, j];
    }
    return null;
  }

  /** Takes the entry at `p` out (a place `locate` just gave). */
  removeAt([ci, i]: Place): void {
    const c = this.chunks[ci];
    c.splice(i, 1);
    this.size--;
    if (!c.length) this.chunks.splice(ci, 1);
  }

  /** Puts `e` in the place of the entry at `p` (it must sort between that entry's neighbours). */
  setAt([ci, i]: Place, e: T): void {
    this.chunks[ci][i] = e;
  }

  /** The entries just before and just after `p`. */
  neighbours([ci, i]: Place): [T | undefined, T | undefined] {
    const c = this.chunks[ci];
    const before = i > 0 ? c[i - 1] : ci > 0 ? this.chunks[ci - 1].at(-1) : undefined;
    const after = i + 1 < c.length ? c[i + 1] : this.chunks[ci + 1]?.[0];
    return [before, after];
  }

  /** The entries at [offset, offset + limit). */
  slice(offset: number, limit: number): T[] {
    const out: T[] = [];
    const start = Math.max(0, offset);
    const end = Math.min(this.size, offset + limit);
    let at = 0;
    for (const c of this.chunks) {
      if (at >= end) break;
      if (at + c.length > start)
        for (let i = Math.max(0, start - at); i < c.length && at + i < end; i++) out.push(c[i]);
      at += c.length;
    }
    return out;
  }

  /** Every entry, in order (a new array). */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    let k = 0;
    for (const c of this.chunks) for (const e of c) out[k++] = e;
    return out;
  }

  /** The chunk `e` belongs in: the first whose last entry does not sort before it (else the last). */
  private chunkFor(e: T): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid];
      if (this.by(c[c.length - 1], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first place in `c` whose entry does not sort before `e`. */
  private point(c: T[], e: T): number {
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.by(c[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
