// Starts the live pipeline once per server process (not per request): Next calls register() at boot.

/** Set on SIGTERM/SIGINT: settles once the pipeline has stopped (store closed, lock released). Read by scripts/start.mjs. */
const PIPELINE_STOPPED = Symbol.for("lifeline.pipelineStopped");

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log/logger");
  // Reachable from other machines without access control: refuse to serve at all.
  (await import("./lib/auth/startup")).checkAccessOrExit();
  // Prometheus metrics on their own port (docs/metrics.md); a port that cannot be read ends the start.
  try {
    await (await import("./lib/metrics/server")).serveMetrics();
  } catch (err) {
    log.error(`not starting. ${(err as Error).message}`);
    process.exit(1);
  }
  if (process.env.LIFELINE_OFFLINE === "1") return;
  const { live } = await import("./lib/live/start");
  // On SIGTERM/SIGINT Next closes its server and waits for requests in flight; a browser's event
  // stream never ends by itself. Stop the pipeline: what is queued is written, every stream ends,
  // the store is closed. scripts/start.mjs waits for this promise (bounded) before it exits.
  const g = globalThis as { [PIPELINE_STOPPED]?: Promise<void> };
  const stop = () => {
    g[PIPELINE_STOPPED] ??= live()
      .then(
        (l) => l.stop(),
        () => {},
      )
      .catch((err) => log.error(`stopping: ${(err as Error).message}`));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
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
