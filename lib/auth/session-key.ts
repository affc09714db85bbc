// The key admin sessions are signed with. It is the server's alone: a session cookie keyed by
// anything a client can guess (the admin token, say) would let it test guesses through the cookie,
// where the failed-attempt limit does not see them. With LIFELINE_SECRET it is derived from that
// (sessions survive a restart; changing the secret ends them); without, it is random per process
// (scripts/start.mjs makes one at start; otherwise made on first use), so a restart signs everyone out.
import { createHmac, randomBytes } from "node:crypto";

/** Set by scripts/start.mjs to a fresh random value each start (never configured by hand). */
export const SESSION_KEY_ENV = "LIFELINE_SESSION_KEY";

const KEY = Symbol.for("lifeline.session-key");

export function sessionKeyFrom(env: Record<string, string | undefined>): Buffer {
  const secret = env.LIFELINE_SECRET?.trim();
  if (secret) return createHmac("sha256", secret).update("lifeline admin sessions v2").digest();
  const started = env[SESSION_KEY_ENV];
  if (started && /^[0-9a-f]{64}$/.test(started)) return Buffer.from(started, "hex");
  const g = globalThis as Record<symbol, Buffer | undefined>;
  return (g[KEY] ??= randomBytes(32));
}
