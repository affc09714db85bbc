// Failed credential attempts (a wrong admin token at sign-in, a bearer token or viewer link that
// is refused), limited per client with a token bucket: `burst` failures at once, then one more
// each `refillMs`. While a client's bucket is empty every attempt it makes is refused unread,
// right or wrong, so the limit cannot be used to test guesses; what already signed in (a session
// cookie) is not affected, and a successful sign-in costs nothing. Memory is bounded: at most
// `maxClients` buckets, refilled ones are forgotten, the longest-quiet go first.
import { ipBytes } from "./ip";

export interface LimitOptions {
  /** Failures allowed at once. */
  burst: number;
  /** One failure more is allowed after each of these. */
  refillMs: number;
  /** Clients remembered at most. */
  maxClients: number;
}

/** 10 failures, then one each 30 s (about 2 a minute); 10,000 clients (a few hundred kB). */
export const DEFAULT_LIMIT: LimitOptions = { burst: 10, refillMs: 30_000, maxClients: 10_000 };

export type Admission = { ok: true } | { ok: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class AttemptLimiter {
  // In the order of each client's last failure (re-inserted on each): the oldest come first.
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: LimitOptions = DEFAULT_LIMIT) {}

  private level(b: Bucket, now: number): number {
    return Math.min(this.opts.burst, b.tokens + Math.max(0, now - b.at) / this.opts.refillMs);
  }

  /** May this client present a credential now? If not, after how many seconds. */
  admit(client: string, now: number): Admission {
    const b = this.buckets.get(client);
    if (!b) return { ok: true };
    const tokens = this.level(b, now);
    if (tokens >= 1) return { ok: true };
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(((1 - tokens) * this.opts.refillMs) / 1000)) };
  }

  /** A credential this client presented was wrong. */
  failed(client: string, now: number): void {
    const b = this.buckets.get(client);
    const tokens = b ? this.level(b, now) : this.opts.burst;
    this.buckets.delete(client);
    this.buckets.set(client, { tokens: Math.max(0, tokens - 1), at: now });
    // Forget clients whose bucket is full again (oldest first, up to the first that is not) …
    for (const [key, old] of this.buckets) {
      if (key === client || this.level(old, now) < this.opts.burst) break;
      this.buckets.delete(key);
    }
    // … and, past the cap, the longest-quiet ones.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.opts.maxClients) break;
      this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  clear(): void {
    this.buckets.clear();
  }
}

/**
 * The bucket a client address counts against: an IPv4 address; an IPv6 address's /64 (one
 * machine commonly holds a whole /64); one shared key when the address is not known.
 */
export function clientKey(address: string | null): string {
  const bytes = address ? ipBytes(address) : null;
  if (!bytes) return "unknown";
  const v4 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (v4) return Array.from(bytes.slice(12)).join(".");
  const hex = Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.replace(/(.{4})(?!$)/g, "$1:")}::/64`;
}

const KEY = Symbol.for("lifeline.attempts");

/** The process's limiter, shared by proxy.ts (bearer tokens, viewer links) and the login route. */
export function attemptLimiter(): AttemptLimiter {
  const g = globalThis as Record<symbol, AttemptLimiter | undefined>;
  return (g[KEY] ??= new AttemptLimiter());
}

/** The sentence of a 429 answer. */
export function tooManyText(retryAfterS: number): string {
  return `Too many failed sign-in attempts from this address: try again in ${retryAfterS} s.`;
}
