// The process's one pipeline, started on first use and shared through globalThis (instrumentation.ts
// and the route handlers may hold different copies of this module); a start that failed for want of
// disk space is retried in the background, and StartError says why there is no pipeline.
import { resolve } from "node:path";
import { log } from "../log/logger";
import { DataDirFull, diskFull } from "../store/lock";
import { Live } from "./live";

/**
 * The pipeline could not start (a bad kubeconfig, an unwritable data folder, a data folder another
 * process writes …): say why. `cause` is what failed.
 */
export class StartError extends Error {
  /** Recognised by this, not by class, where the failure comes from another copy of this module. */
  static readonly code = "LIFELINE_START_FAILED";
  readonly code = StartError.code;
}

const KEY = Symbol.for("lifeline.live");
type Holder = { [KEY]?: Promise<Live> };

/**
 * Retrying a start that failed for want of disk space: first after `firstMs`, each wait twice the
 * last, at most `maxMs`. `schedule` is the timer (tests hold the callbacks instead of waiting).
 */
export const startRetry = {
  firstMs: 5_000,
  maxMs: 30_000,
  schedule(run: () => void, ms: number): void {
    setTimeout(run, ms).unref?.();
  },
};

/** The process's pipeline, started on first use. */
export function live(): Promise<Live> {
  const g = globalThis as Holder;
  if (process.env.LIFELINE_OFFLINE === "1" && !g[KEY])
    return Promise.reject(
      new StartError(
        "Lifeline runs offline (LIFELINE_OFFLINE=1): it reads no cluster, so only the built-in stories are shown.",
      ),
    );
  g[KEY] ??= attempt(g, 0);
  return g[KEY]!.then((l) => {
    if (l.stopped) throw new StartError("Lifeline is shutting down.");
    return l;
  });
}

/**
 * One try at starting. A failure that more space would cure (ENOSPC, SQLITE_FULL …) stays the
 * answer (503 with its sentence) while the start is retried in the background, so Lifeline comes up
 * by itself once space returns; any other failure is forgotten and the next request tries again.
 */
function attempt(g: Holder, tries: number): Promise<Live> {
  const started = Live.start().catch((err) => {
    if (!diskFull(err) && !diskFull((err as Error)?.cause)) {
      if (g[KEY] === started) delete g[KEY];
      throw new StartError(`Lifeline could not start: ${(err as Error).message}`, { cause: err });
    }
    const wait = Math.min(startRetry.maxMs, startRetry.firstMs * 2 ** Math.min(tries, 16));
    // Named by code, not class: the lock may come from another copy of lock.ts.
    const sentence =
      (err as { code?: unknown }).code === "LIFELINE_DATA_DIR_FULL"
        ? (err as Error).message
        : new DataDirFull(resolve(process.env.LIFELINE_DATA_DIR || "data"), err).message;
    startRetry.schedule(() => {
      if (g[KEY] !== started) return;
      const next = attempt(g, tries + 1);
      g[KEY] = next;
      next.then(
        () => log.info("there is space again; the live pipeline has started"),
        () => {},
      );
    }, wait);
    throw new StartError(
      `Lifeline could not start: ${sentence} Lifeline tries again every ${startRetry.firstMs / 1000} to ${startRetry.maxMs / 1000} s and starts by itself once there is space.`,
      { cause: err },
    );
  });
  started.catch(() => {}); // held for the requests to come; not an unhandled rejection meanwhile
  return started;
}
