// The reflector's memory of what it last delivered of each pod, as the fingerprint of the watch line
// it came in (lib/kube/watch-line.ts), so that a MODIFIED line that repeats it — the same object but
// for resourceVersion, managedFields and annotations — is told as unchanged instead of parsed.
// A version delivered any other way (a page of a list) is not vouched for: its pod's fingerprint is
// forgotten, and its next line is parsed. About 100 bytes a pod.
import { parseLine, type LineReader, type WatchEvent } from "./client";
import { parseableText, scanWatchLine, type LineFacts } from "./watch-line";

export class UnchangedVersions {
  private readonly last = new Map<string, string>();
  /** The facts of the line just parsed, until the reflector handles its event. */
  private pending: LineFacts | null = null;

  /**
   * A reader for a watch's lines. A MODIFIED line whose fingerprint is its pod's last is offered to
   * `skip`, which tells it as unchanged and returns true, or returns false to have it parsed. Any
   * other line is parsed without its managedFields (nothing reads them), its facts kept for `take`.
   */
  reader(skip: (facts: LineFacts) => boolean): LineReader {
    return (line) => {
      this.pending = null;
      const facts = scanWatchLine(line);
      if (
        facts?.type === "MODIFIED" &&
        this.last.get(facts.uid) === facts.fingerprint &&
        skip(facts)
      )
        return null;
      let event: WatchEvent;
      try {
        event = JSON.parse(parseableText(line, facts)) as WatchEvent;
      } catch {
        // Whatever the scan made of it, the line is read as it stands.
        return parseLine(line);
      }
      this.pending = facts;
      return event;
    };
  }

  /** The facts of the line `e` was parsed from, when they describe it (the same type and uid). */
  take(e: WatchEvent): LineFacts | null {
    const facts = this.pending;
    this.pending = null;
    const uid = (e?.object?.metadata as { uid?: unknown } | undefined)?.uid;
    return facts && facts.type === e.type && facts.uid === uid ? facts : null;
  }

  /** An object was delivered under `key`: from a watch line (`facts`), or not (null). */
  delivered(key: string, type: string, facts: LineFacts | null): void {
    if (type !== "DELETED" && facts && facts.uid === key) this.last.set(key, facts.fingerprint);
    else this.last.delete(key);
  }
}
