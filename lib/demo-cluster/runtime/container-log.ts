// One container instance's log, as the runtime writes it (CRI log files under /var/log/pods):
// every line stamped with the cluster-clock time it was printed and its stream. Bounded like the
// kubelet's rotation: the newest MAX_LOG_BYTES (and MAX_LOG_LINES) are kept, older lines are
// dropped. Followers hear each new line and the instance's end.
import type { Clock } from "../clock";

/** What a container instance keeps: the newest 64 KiB of text, and at most 1,000 lines. */
export const MAX_LOG_BYTES = 64 * 1024;
export const MAX_LOG_LINES = 1000;

export interface LogLine {
  at: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** Where a program writes: one call may carry several lines. */
export interface Output {
  push(text: string): unknown;
}

export interface LogFollower {
  line(l: LogLine): void;
  end(): void;
}

export class ContainerLog {
  private lines: LogLine[] = [];
  private head = 0;
  private bytes = 0;
  private ended = false;
  private readonly followers = new Set<LogFollower>();
  readonly stdout: Output = { push: (text) => this.write("stdout", text) };
  readonly stderr: Output = { push: (text) => this.write("stderr", text) };

  constructor(
    private readonly clock: Clock,
    /** The runtime's id of this instance (containerd://…), as the container status names it. */
    readonly containerID: string,
  ) {}

  /** Whether the instance has ended (a follow then stops after what is already written). */
  get closed(): boolean {
    return this.ended;
  }

  /** The kept lines, oldest first. */
  entries(): LogLine[] {
    return this.lines.slice(this.head);
  }

  /** Writes `text` (split at newlines; a trailing newline ends the last line) to `stream`. */
  write(stream: LogLine["stream"], text: string): void {
    if (this.ended) return;
    const parts = text.split("\n");
    if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    const at = this.clock.now();
    for (const part of parts) this.append({ at, stream, text: part });
  }

  /** The instance ended: followers are told, later writes are ignored. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    for (const f of [...this.followers]) f.end();
    this.followers.clear();
  }

  /** Hears every new line until the instance ends; returns the way to stop listening. */
  follow(f: LogFollower): () => void {
    if (this.ended) {
      f.end();
      return () => {};
    }
    this.followers.add(f);
    return () => void this.followers.delete(f);
  }

  /** Open follows (for tests: a closed connection must leave none). */
  followerCount(): number {
    return this.followers.size;
  }

  private append(l: LogLine): void {
    this.lines.push(l);
    this.bytes += Buffer.byteLength(l.text) + 1;
    while (
      this.lines.length - this.head > 1 &&
      (this.bytes > MAX_LOG_BYTES || this.lines.length - this.head > MAX_LOG_LINES)
    ) {
      this.bytes -= Buffer.byteLength(this.lines[this.head].text) + 1;
      this.head++;
    }
    // Compact the dropped prefix now and then, so the array does not grow without bound.
    if (this.head > 512 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
    for (const f of this.followers) f.line(l);
  }
}
