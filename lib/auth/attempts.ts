// Failed credential attempts (a wrong admin token at sign-in, a bearer token or viewer link that
// is refused), limited per client with a token bucket: `burst` failures at once, then one more
// each `refillMs`. While a client's bucket is empty every attempt it makes is refused unread,
// right or wrong, so the limit cannot be used to test guesses; what already signed in (a session
// cookie) is not affected, and a successful sign-in costs nothing. A client repeating one of its
// last few failed credentials (a stale poller re-sending an expired token) is not counted again:
// only a short hash of each is kept. Memory is bounded: at most `maxClients` buckets, refilled
// ones are forgotten; past the cap, clients that are not limited go first (the longest-quiet
// first), and a limited one only when every client is limited (the one whose limit ends soonest).
import { createHash } from "node:crypto";
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
  /** Short hashes of the last few failed credentials (counted once each while remembered). */
  recent: string[];
}

/** How many failed credentials per client are remembered, so that repeating one counts once. */
const RECENT = 4;

/** 64 bits of SHA-256: enough to tell a client's few credentials apart, useless to recover one. */
function shortHash(credential: string): string {
  return createHash("sha256").update(credential).digest("base64url").slice(0, 11);
}

export class AttemptLimiter {
  // In the order of each client's last failure (re-inserted on each): the oldest come first.
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: LimitOptions = DEFAULT_LIMIT) {}

  /**
   * Failures of clients there was no room for (the map full of limited clients), counted together:
   * over its limit, clients the map does not hold are refused too, so filling the map with locked
   * addresses does not give every new address unlimited guesses.
   */
  private overflow: Bucket | null = null;

  private level(b: Bucket, now: number): number {
    return Math.min(this.opts.burst, b.tokens + Math.max(0, now - b.at) / this.opts.refillMs);
  }

  /** May this client present a credential now? If not, after how many seconds. */
  admit(client: string, now: number): Admission {
    const b = this.buckets.get(client) ?? this.overflow;
    if (!b) return { ok: true };
    const tokens = this.level(b, now);
    if (tokens >= 1) return { ok: true };
    return {
      ok: false,
      retryAfterS: Math.max(1, Math.ceil(((1 - tokens) * this.opts.refillMs) / 1000)),
    };
  }

  /**
   * A credential this client presented was wrong. `credential`: what it sent (a token, a cookie);
   * the same one again, while among its last few failures, costs nothing.
   */
  failed(client: string, now: number, credential?: string): void {
    const hash = credential === undefined ? null : shortHash(credential);
    const b = this.count(this.buckets.get(client), now, hash);
    if (!b) return;
    this.buckets.delete(client);
    this.buckets.set(client, b);
    // Forget clients whose bucket is full again (oldest first, up to the first that is not) …
    for (const [key, old] of this.buckets) {
      if (key === client || this.level(old, now) < this.opts.burst) break;
      this.buckets.delete(key);
    }
    // … and, past the cap, the longest-quiet client that is not limited; only when all are, the
    // one whose limit ends soonest. A lockout is never forgotten to make room for a new client.
    while (this.buckets.size > this.opts.maxClients) this.buckets.delete(this.victim(now));
    if (!this.buckets.has(client))
      this.overflow = this.count(this.overflow ?? undefined, now, hash) ?? this.overflow;
  }

  /** `b` after one more failure, or null when `hash` is among its recent ones (not counted again). */
  private count(b: Bucket | undefined, now: number, hash: string | null): Bucket | null {
    if (b && hash !== null && b.recent.includes(hash)) return null;
    const tokens = b ? this.level(b, now) : this.opts.burst;
    const recent = hash === null ? (b?.recent ?? []) : [...(b?.recent ?? []), hash].slice(-RECENT);
    return { tokens: Math.max(0, tokens - 1), at: now, recent };
  }

  private victim(now: number): string {
    let soonest: string | null = null;
    let soonestLevel = -1;
    for (const [key, b] of this.buckets) {
      const level = this.level(b, now);
      if (level >= 1) return key; // the oldest client not limited
      // All limited so far: the highest level is the nearest to one token back.
      if (level > soonestLevel) {
        soonest = key;
        soonestLevel = level;
      }
    }
    return soonest!;
  }

  get size(): number {
    return this.buckets.size;
  }

  clear(): void {
    this.buckets.clear();
    this.overflow = null;
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
