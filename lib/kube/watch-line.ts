// A pod's watch line read without parsing it. JSON.parse of a 10 KB pod costs 40–90 µs, several
// times what the model does with it, and some versions change nothing Lifeline reads: a controller
// writes an annotation, a manager's managedFields entry moves, and the API server gives the pod a
// new resourceVersion. One pass over the line's bytes finds the event's type, the pod's uid and
// resourceVersion, and fingerprints the object without the three metadata members nothing
// downstream reads: resourceVersion, managedFields and annotations (the store's projection, the
// rows and the model read none of them: lib/kube/unread-fields.test.ts). Equal fingerprints for
// one uid mean objects equal but for those members. The pass reads the members before and in the
// metadata (a few hundred bytes, and managedFields); what follows the metadata (spec, status) is
// fingerprinted as it stands, byte for byte, without being walked. A line the pass cannot vouch
// for (an escaped key or uid, one of these keys twice, no type before the object) gives null, and
// is parsed in full, as before. The API server's encoder writes no key twice, no escapes in keys,
// and `type` before `object`.
import { hash } from "node:crypto";

export interface LineFacts {
  /** The watch event's type (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR). */
  type: string;
  uid: string;
  resourceVersion: string;
  /**
   * SHA-256 (base64) of the object without metadata.resourceVersion, managedFields and annotations
   * ("" for a type other than ADDED and MODIFIED: never compared).
   */
  fingerprint: string;
  /** Where metadata.managedFields lies, with one comma beside it: what parsing leaves out. */
  managedFields: { from: number; to: number } | null;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(b: Uint8Array, i: number): number {
  while (i < b.length && isSpace(b[i])) i++;
  return i;
}

/** Past the string that opens at `i` (a quote); -1 when it does not end. */
function stringEnd(b: Uint8Array, i: number): number {
  const n = b.length;
  for (let j = i + 1; j < n; j++) {
    const c = b[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** Past the value that starts at `i`; -1 when there is none. */
function valueEnd(b: Uint8Array, i: number): number {
  const n = b.length;
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    // One pass, strings skipped inline: UTF-8 never puts a quote or a backslash inside a character.
    let depth = 0;
    for (let j = i; j < n; j++) {
      const d = b[j];
      if (d === QUOTE) {
        for (j++; j < n; j++) {
          const e = b[j];
          if (e === BACKSLASH) j++;
          else if (e === QUOTE) break;
        }
      } else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return j + 1;
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < n) {
    const d = b[j];
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/** Whether the string token b[from, to) is exactly "name" (ASCII, no escapes). */
function isKey(b: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length + 2) return false;
  for (let k = 0; k < name.length; k++) if (b[from + 1 + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** The contents of a string token with no escape in it, else null. */
function plainString(b: Buffer, from: number, to: number): string | null {
  if (b[from] !== QUOTE) return null;
  for (let k = from + 1; k < to - 1; k++) if (b[k] === BACKSLASH) return null;
  return b.toString("utf8", from + 1, to - 1);
}

/**
 * A cursor over the members of one object. `next()` reads the next member's key and where its value
 * starts, and returns false at the end of the object (`end` is then past it) or when the object is
 * malformed or a key is escaped (`end` is -1). Before the next member, the value is either skipped
 * (`skip()`) or read by a cursor of its own whose end is given back (`valueEnd = child.end`): each
 * byte is walked once.
 */
class Members {
  keyStart = -1;
  keyEnd = -1;
  valueStart = -1;
  valueEnd = -1;
  end = -1;
  private first = true;

  constructor(
    private readonly b: Uint8Array,
    open: number,
  ) {
    this.valueEnd = b[open] === OPEN_BRACE ? open + 1 : -1;
  }

  next(): boolean {
    const b = this.b;
    let j = this.valueEnd;
    if (j < 0) return this.fail();
    j = skipSpace(b, j);
    if (b[j] === CLOSE_BRACE) {
      this.end = j + 1;
      return false;
    }
    if (!this.first) {
      if (b[j] !== COMMA) return this.fail();
      j = skipSpace(b, j + 1);
    }
    this.first = false;
    if (b[j] !== QUOTE) return this.fail();
    const keyEnd = stringEnd(b, j);
    if (keyEnd < 0) return this.fail();
    // An escaped key could spell a key looked for: not vouched for.
    for (let k = j + 1; k < keyEnd - 1; k++) if (b[k] === BACKSLASH) return this.fail();
    const colon = skipSpace(b, keyEnd);
    if (b[colon] !== COLON) return this.fail();
    this.keyStart = j;
    this.keyEnd = keyEnd;
    this.valueStart = skipSpace(b, colon + 1);
    this.valueEnd = -1;
    return true;
  }

  /** Past the current value (found by walking it). */
  skip(): number {
    this.valueEnd = valueEnd(this.b, this.valueStart);
    return this.valueEnd;
  }

  private fail(): boolean {
    this.end = -1;
    this.valueEnd = -1;
    return false;
  }
}

/** The metadata members left out of the fingerprint. */
const IGNORED = ["resourceVersion", "managedFields", "annotations"];

/**
 * The facts of one watch line (its bytes, no newline), or null when the line is not a watch event
 * with a type, then an object whose metadata has a plain uid and resourceVersion, or cannot be
 * vouched for.
 */
export function scanWatchLine(line: Buffer): LineFacts | null {
  const top = new Members(line, skipSpace(line, 0));
  let type: string | null = null;
  let objectStart = -1;
  while (top.next()) {
    if (isKey(line, top.keyStart, top.keyEnd, "object")) {
      objectStart = top.valueStart;
      break;
    }
    if (top.skip() < 0) return null;
    if (isKey(line, top.keyStart, top.keyEnd, "type")) {
      if (type !== null) return null;
      type = plainString(line, top.valueStart, top.valueEnd);
      if (type === null) return null;
    }
  }
  if (type === null || objectStart < 0) return null;
  // The object's members up to the metadata; what follows it is fingerprinted unread.
  const object = new Members(line, objectStart);
  let found = false;
  while (!found && object.next()) {
    found = isKey(line, object.keyStart, object.keyEnd, "metadata");
    if (!found && object.skip() < 0) return null;
  }
  if (!found) return null;
  const meta = new Members(line, object.valueStart);
  let uid: string | null = null;
  let resourceVersion: string | null = null;
  // The runs of the line that are fingerprinted: from the object on, less the members ignored.
  const cuts: number[] = [];
  const seen = [false, false, false];
  let managedFields: LineFacts["managedFields"] = null;
  let previousEnd = -1;
  while (meta.next()) {
    if (meta.skip() < 0) return null;
    if (isKey(line, meta.keyStart, meta.keyEnd, "uid")) {
      if (uid !== null) return null;
      uid = plainString(line, meta.valueStart, meta.valueEnd);
      if (uid === null) return null;
    } else {
      const k = ignoredKey(line, meta.keyStart, meta.keyEnd);
      if (k >= 0) {
        if (seen[k]) return null;
        seen[k] = true;
        if (k === 0) {
          resourceVersion = plainString(line, meta.valueStart, meta.valueEnd);
          if (resourceVersion === null) return null;
        }
        // With the comma before it: a member absent and a member left out read the same.
        cuts.push(previousEnd >= 0 ? previousEnd : meta.keyStart, meta.valueEnd);
        if (k === 1) {
          // With the comma before it (or, first in the metadata, the one after it): valid JSON left.
          const after = skipSpace(line, meta.valueEnd);
          managedFields =
            previousEnd >= 0
              ? { from: previousEnd, to: meta.valueEnd }
              : { from: meta.keyStart, to: line[after] === COMMA ? after + 1 : meta.valueEnd };
        }
      }
    }
    previousEnd = meta.valueEnd;
  }
  if (meta.end < 0 || uid === null || resourceVersion === null) return null;
  // Only an ADDED or MODIFIED version is ever compared: the others need no fingerprint.
  if (type !== "ADDED" && type !== "MODIFIED")
    return { type, uid, resourceVersion, fingerprint: "", managedFields };
  // What is hashed reads back as the members kept, one way (a comma stays only after a member
  // left out first in the metadata). Copied into one buffer: one native call hashes it.
  const size = line.length - objectStart;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 2 * scratch.length));
  let n = 0;
  let from = objectStart;
  for (let k = 0; k < cuts.length; k += 2) {
    n += line.copy(scratch, n, from, cuts[k]);
    from = cuts[k + 1];
  }
  n += line.copy(scratch, n, from);
  const fingerprint = hash("sha256", scratch.subarray(0, n), "base64");
  return { type, uid, resourceVersion, fingerprint, managedFields };
}

/** Where the fingerprinted bytes are gathered (grown as lines need). */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Which of IGNORED the key b[from, to) is, or -1. */
function ignoredKey(b: Uint8Array, from: number, to: number): number {
  for (let k = 0; k < IGNORED.length; k++) if (isKey(b, from, to, IGNORED[k])) return k;
  return -1;
}

/** The line as text to parse: without managedFields when the scan found it. */
export function parseableText(line: Buffer, facts: LineFacts | null): string {
  const cut = facts?.managedFields;
  if (!cut) return line.toString("utf8");
  return line.toString("utf8", 0, cut.from) + line.toString("utf8", cut.to);
}
