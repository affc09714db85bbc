// Starts the live pipeline once per server process (not per request): Next calls register() at boot.

/**
 * Set by scripts/start.mjs, which runs the shutdown (scripts/shutdown.mjs): the pipeline's half of
 * it goes here. Absent under `next dev`: the pipeline then stops on the signal itself.
 */
const SHUTDOWN = Symbol.for("lifeline.shutdown");

interface PipelineShutdown {
  /** Every open stream gets its goodbye and ends (the server is going away). */
  goodbye(): Promise<void>;
  /** What is queued written, every stream ended, the store closed, the lock released. */
  stop(): Promise<void>;
}

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log/logger");
  // Reachable from other machines without access control: refuse to serve at all.
  (await import("./lib/auth/startup")).checkAccessOrExit();
  // A setting that can never work (LIFELINE_RETENTION_SIZE=4 gigs …): one sentence and exit 1.
  (await import("./lib/settings/check")).checkSettingsOrExit();
  // Prometheus metrics on their own port (docs/metrics.md); a port that cannot be read ends the start.
  try {
    await (await import("./lib/metrics/server")).serveMetrics();
  } catch (err) {
    log.error(`not starting. ${(err as Error).message}`);
    process.exit(1);
  }
  if (process.env.LIFELINE_OFFLINE === "1") return;
  const { live } = await import("./lib/live/start");
  // A browser's event stream never ends by itself, and what is queued must be written before the
  // process goes: scripts/start.mjs calls these at SIGTERM/SIGINT, after its drain delay.
  let stopped: Promise<void> | null = null;
  const pipeline: PipelineShutdown = {
    // A start still under way has no stream to end: do not wait for it here (stop() does).
    goodbye: () =>
      Promise.race([
        live().then(
          (l) => l.hub.goodbye(),
          () => {},
        ),
        new Promise<void>((r) => setTimeout(r, 1000).unref()),
      ]),
    stop: () =>
      (stopped ??= live()
        .then(
          (l) => l.stop(),
          () => {},
        )
        .catch((err) => log.error(`stopping: ${(err as Error).message}`))),
  };
  const owner = (globalThis as { [SHUTDOWN]?: { pipeline?: PipelineShutdown } })[SHUTDOWN];
  if (owner) owner.pipeline = pipeline;
  else {
    // `next dev`: Next's own server; stop the pipeline on the signal (no drain).
    process.once("SIGTERM", () => void pipeline.stop());
    process.once("SIGINT", () => void pipeline.stop());
  }
  try {
    await live();
  } catch (err) {
    const cause = (err as Error).cause as { code?: string; message?: string } | undefined;
    // Another process writes this data folder: this one would only answer 503; say why and end.
    if (cause?.code === "LIFELINE_DATA_DIR_LOCKED") {
      log.error(`not starting. ${cause.message}`);
      process.exit(1);
    }
    log.error(`could not start the live pipeline: ${(err as Error).message}`);
  }
}
