// How `npm start` (scripts/start.mjs) leaves on SIGTERM or SIGINT, the way a Kubernetes pod must:
// the endpoints controller takes the pod out of its Service at the same time as the kubelet sends
// SIGTERM, so requests may still arrive for a moment. So, at the signal:
//   1. this process is draining (a flag on globalThis, lib/live/draining.ts): /api/readyz answers
//      503 and a new event stream is refused with Retry-After; everything else is still served and
//      open streams go on, for LIFELINE_SHUTDOWN_DELAY (default 0 s; the StatefulSet sets 5 s);
//   2. then every open stream gets its goodbye (an SSE retry hint and a last frame: browsers open a
//      fresh stream elsewhere) and the listener closes; connections still busy after CLOSE_WAIT_MS
//      are cut;
//   3. the pipeline stops (what is queued written, the store closed, the lock released) and the
//      process exits 0.
// All of it within delay + BOUND_MS (exit 1 past that), well inside a pod's 30 s grace period.
// instrumentation.ts puts the pipeline's half (goodbye, stop) on globalThis[SHUTDOWN].

export const DRAINING = Symbol.for("lifeline.draining");
export const SHUTDOWN = Symbol.for("lifeline.shutdown");

/** Past the delay: connections still busy this long after the listener closed are cut. */
export const CLOSE_WAIT_MS = 3000;
/** Past the delay: the pipeline has this long to stop (flush, close) before the process gives up. */
export const BOUND_MS = 10_000;
/** The longest LIFELINE_SHUTDOWN_DELAY: with BOUND_MS it stays inside a 30 s grace period. */
export const MAX_DELAY_MS = 15_000;

/** LIFELINE_SHUTDOWN_DELAY in ms: "5s", "500ms", "5" (seconds), default 0; a sentence when unreadable. */
export function shutdownDelayFrom(env = process.env) {
  const raw = (env.LIFELINE_SHUTDOWN_DELAY ?? "").trim();
  if (!raw) return 0;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(raw);
  const ms = m ? Math.round(Number(m[1]) * (m[2] === "ms" ? 1 : 1000)) : NaN;
  if (!(ms <= MAX_DELAY_MS))
    throw new Error(
      `LIFELINE_SHUTDOWN_DELAY=${JSON.stringify(raw)} is not a delay Lifeline can use: give seconds ("5s") or milliseconds ("500ms"), at most ${MAX_DELAY_MS / 1000} s (the rest of a pod's 30 s grace period is for closing).`,
    );
  return ms;
}

/**
 * Closes `server` (no new connections) and resolves once every connection has ended: idle ones
 * are closed as they become idle, busy ones are cut after `waitMs`.
 */
export function closeServer(server, waitMs = CLOSE_WAIT_MS, timers = globalThis) {
  return new Promise((resolve) => {
    let idle = null;
    const cut = timers.setTimeout(() => server.closeAllConnections(), waitMs);
    server.close(() => {
      timers.clearInterval(idle);
      timers.clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
    // A response that ends after close() leaves its keep-alive connection open: close it once idle.
    idle = timers.setInterval(() => server.closeIdleConnections(), 100);
  });
}

/**
 * The signal handler: runs the three steps once (a second signal changes nothing). `exit` and
 * `timers` are the process's own outside tests.
 */
export function shutdownHandler({
  server,
  log,
  delayMs,
  g = globalThis,
  exit = (code) => process.exit(code),
  timers = globalThis,
  now = Date.now,
}) {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    const start = now();
    g[DRAINING] = { since: start };
    log.info(
      { signal, delayMs },
      `${signal}: shutting down; not ready from now on${delayMs ? `, streams end in ${delayMs / 1000} s` : ""}`,
    );
    const bound = timers.setTimeout(() => {
      log.error(
        { ms: now() - start },
        `the pipeline did not stop within ${(delayMs + BOUND_MS) / 1000} s of ${signal}; exiting without it`,
      );
      exit(1);
    }, delayMs + BOUND_MS);
    bound.unref?.();
    timers.setTimeout(async () => {
      const pipeline = g[SHUTDOWN]?.pipeline;
      try {
        await pipeline?.goodbye();
        await closeServer(server, CLOSE_WAIT_MS, timers);
        await pipeline?.stop();
      } catch (err) {
        log.error({ err }, "stopping failed");
      }
      log.info({ ms: now() - start }, `stopped ${now() - start} ms after ${signal}`);
      timers.clearTimeout(bound);
      exit(0);
    }, delayMs);
  };
}
