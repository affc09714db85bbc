// The audit trail of failed authentication: a refused credential (a bearer token, a viewer link, a
// forged session cookie, a wrong sign-in) and a client refused unread over the attempt limit (429)
// each leave a warn line with the client's address and what failed, never the credential itself.
// The lines are limited too: one per client and kind of failure a minute, the next one saying how
// many there were since, so a brute force cannot flood the log.
import { log } from "../log/logger";

export type Credential =
  "bearer token" | "viewer link" | "session cookie" | "sign-in token" | "Authorization header";

export interface AuditOptions {
  /** One line per client and kind in this long. */
  windowMs: number;
  /** Clients remembered at most (the oldest are forgotten first). */
  maxClients: number;
}

interface Entry {
  loggedAt: number;
  /** Failures since the last line, this one's included once it is logged. */
  held: number;
}

export class AuthAudit {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: AuditOptions = { windowMs: 60_000, maxClients: 10_000 },
    private readonly logger: Pick<typeof log, "warn"> = log,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A credential `client` presented on `path` was refused; `why` is the server's sentence, never the credential. */
  failed(
    f: { client: string; credential: Credential; path: string; why: string },
    now: number,
  ): void {
    const count = this.count(`failed ${f.client}`, now);
    if (count === null) return;
    this.logger.warn(
      { client: f.client, credential: f.credential, path: f.path, count, err: f.why },
      `authentication failed from ${f.client}: a ${f.credential} was refused on ${f.path}${since(count)}`,
    );
  }

  /** `client` was over the attempt limit: what it sent was refused unread (a 429). */
  limited(f: { client: string; path: string; retryAfterS: number }, now: number): void {
    const count = this.count(`limited ${f.client}`, now);
    if (count === null) return;
    this.logger.warn(
      { client: f.client, path: f.path, count, retryAfterS: f.retryAfterS },
      `too many failed attempts from ${f.client}: refused unread on ${f.path}${since(count)}`,
    );
  }

  clear(): void {
    this.entries.clear();
  }

  /** How many to report now, or null while this key's minute is not over. */
  private count(key: string, now: number): number | null {
    const e = this.entries.get(key);
    if (e && now - e.loggedAt < this.options.windowMs) {
      e.held++;
      return null;
    }
    const count = (e?.held ?? 0) + 1;
    this.entries.delete(key); // re-inserted last: the Map's order is the order of last lines
    this.entries.set(key, { loggedAt: now, held: 0 });
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.options.maxClients) break;
      this.entries.delete(k);
    }
    return count;
  }
}

function since(count: number): string {
  return count > 1 ? ` (${count} times since the last line)` : "";
}

const KEY = Symbol.for("lifeline.authAudit");

/** The process's audit trail, shared by proxy.ts and the login route. */
export function authAudit(): AuthAudit {
  const g = globalThis as Record<symbol, AuthAudit | undefined>;
  return (g[KEY] ??= new AuthAudit());
}
