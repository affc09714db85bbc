// What GET /api/pods/{ns}/{name}/logs/follow sends (lib/logs/follow.ts writes it, the pod page's
// LiveTail reads it): newline-delimited JSON, one frame a line; `<`, `>` and `&` inside strings
// are \u escapes, so no byte of a log line reads as markup. docs/live-pipeline.md#following-a-log.

export interface FollowLine {
  /** The line as the container printed it, redacted; never HTML. */
  text: string;
  /** The kubelet's time of the line (epoch ms), when asked with timestamps=1. */
  at?: number;
  /** Longer than the server's limit (16 KiB): this is its beginning. */
  cut?: true;
}

/** Why a follow ended (the `end` frame). */
export type FollowEndWhy =
  /** The container instance exited (exitCode, reason, signal from its status). */
  | "exited"
  /** The instance ended and the kubelet started the next one (its exit from lastState). */
  | "restarted"
  /** The pod is being deleted, or is gone. */
  | "deleted"
  /** The connection to the cluster was cut. */
  | "lost"
  /** The viewer's access ran out. */
  | "expired"
  /** The Lifeline server is shutting down. */
  | "stopped"
  /** The API server ended the log and the pod says nothing more. */
  | "ended";

export type FollowFrame =
  | { t: "open"; container: string; timestamps: boolean }
  | { t: "lines"; lines: FollowLine[] }
  | {
      t: "end";
      why: FollowEndWhy;
      exitCode?: number;
      signal?: number;
      reason?: string;
    }
  /** Nothing to say for a while: keeps proxies from closing an idle connection. */
  | { t: "beat" };

/** One frame as a line of the stream: JSON with `<`, `>`, `&` escaped, then a newline. */
export function frameLine(frame: FollowFrame): string {
  return (
    JSON.stringify(frame).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) + "\n"
  );
}

/**
 * The reader's side: text chunks in (a frame may be split between chunks), frames out; a line
 * that is not a frame is passed over.
 */
export function frameReader(onFrame: (f: FollowFrame) => void): (chunk: string) => void {
  let rest = "";
  return (chunk) => {
    rest += chunk;
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (!line.trim()) continue;
      let frame: unknown;
      try {
        frame = JSON.parse(line);
      } catch {
        continue;
      }
      if (frame && typeof frame === "object" && typeof (frame as { t?: unknown }).t === "string")
        onFrame(frame as FollowFrame);
    }
  };
}

/** A follow's refusal (the JSON body of a 4xx/5xx): which kind, for words in the reader's language. */
export type FollowRefusal =
  /** The viewer link does not grant logs (--logs). */
  | "no-grant"
  /** LIFELINE_LOGS=off on this server. */
  | "logs-off"
  /** The namespace is outside the access, or outside the namespaces this server watches. */
  | "namespace"
  /** The API server refused Lifeline's credentials (403 on pods/log). */
  | "cluster-forbidden"
  /** Too many follows open on the server, or from this client. */
  | "busy";
