// GET /api/pods/{namespace}/{name}/logs: the captured end of a pod's runs (lib/logs). Without
// `run`, which runs have a tail and why the others have none; with `container` and `run` (the
// attempt, 1 for the first run), that run's text. Log text is data: a JSON string, never HTML.
import { canReadLogs, type Access } from "../auth/access";
import { Denied } from "../auth/request";
import type { Live } from "../live/live";
import { whySentence } from "../logs/why";
import { lastLineOf, type TailInfo } from "../store/log-tails";
import { quoteInput } from "../text/quote";
import type { RunLogInfo, RunsAnswer } from "../view/run-logs";
import { BadInput } from "./params";

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const NO_LOG_GRANT =
  "This viewer link does not include container logs: ask for a token minted with --logs.";

export function requireLogs(access: Access): void {
  if (!canReadLogs(access)) throw new Denied(403, NO_LOG_GRANT);
}

export function containerParam(value: string | null): string | undefined {
  if (value === null || value === "") return undefined;
  if (value.length > 63 || !LABEL.test(value))
    throw new BadInput(
      `container ${quoteInput(value)} is not a valid container name (lowercase letters, digits and '-', at most 63 characters).`,
    );
  return value;
}

export function runParam(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^[1-9]\d{0,6}$/.test(value))
    throw new BadInput(
      `run ${quoteInput(value, 20)} is not a run number (a whole number without leading zeros): 1 for a container's first run, 2 after its first restart …`,
    );
  return Number(value);
}

/** The one value of a query parameter; given more than once, a 400 (which one was meant is unsure). */
export function oneParam(q: URLSearchParams, name: string): string | null {
  const all = q.getAll(name);
  if (all.length > 1)
    throw new BadInput(
      `${name} is given ${all.length === 2 ? "twice" : `${all.length} times`}: give it once.`,
    );
  return all.length ? all[0] : null;
}

export type RunTail = Omit<TailInfo, "instance"> & {
  whySentence: string | null;
  /** The last line of the captured text that is not blank, cut short (the tooltip's); null without one. */
  lastLine: string | null;
};
// The browser reads these answers with lib/view/run-logs.ts's types: the two must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const AGREE: [Same<RunTail, RunLogInfo>, Same<PodLogsAnswer, RunsAnswer>] = [true, true];
void AGREE;

export interface PodLogsAnswer {
  pod: { namespace: string; name: string; uid: string };
  /** LIFELINE_LOGS as the server runs it. */
  capture: "off" | "failures" | "all";
  runs: RunTail[];
}

export interface RunLogAnswer {
  pod: { namespace: string; name: string; uid: string };
  run: RunTail;
  /** The captured tail (redacted before it was stored), null when it was not captured. */
  text: string | null;
}

function shown(t: TailInfo, lastLine: string | null): RunTail {
  const { instance, ...rest } = t;
  void instance; // the containerID: not needed to name a run
  return { ...rest, whySentence: whySentence(t.why, t.detail), lastLine };
}

/**
 * A pod snapshot's logs (POST /api/snapshots with logs: true): every run of the pod with a
 * captured tail or a reason, ended by `to`, with its text.
 */
export function snapshotLogs(
  l: Live,
  uid: string,
  to: number,
): (RunTail & { text: string | null })[] {
  return l.store.logs
    .of(uid)
    .filter((t) => (t.finishedAt ?? t.at) <= to)
    .map((t) => {
      const text = l.store.logs.get(uid, t.container, t.attempt)?.text ?? null;
      return { ...shown(t, text === null ? null : lastLineOf(text)), text };
    });
}

/** A status and a body: 404 with a sentence when Lifeline never saw the pod or kept nothing for the run. */
export function podLogs(
  l: Live,
  q: { namespace: string; name: string; uid?: string; container?: string; run?: number },
): { status: 200 | 404; body: PodLogsAnswer | RunLogAnswer | { error: string } } {
  if (q.run !== undefined && !q.container)
    throw new BadInput("run needs its container: container=<name>&run=<n>.");
  l.flush();
  const candidates = l.store.pods({ namespace: q.namespace, name: q.name });
  const record = q.uid ? candidates.find((c) => c.uid === q.uid) : candidates[0];
  const podName = `${q.namespace}/${q.name}`;
  if (!record)
    return {
      status: 404,
      body: {
        error: q.uid
          ? `Lifeline has no pod ${podName} with uid ${q.uid}.`
          : `Lifeline has never seen a pod ${podName}.`,
      },
    };
  const pod = { namespace: q.namespace, name: q.name, uid: record.uid };
  if (q.container) {
    // As the API server says it ("container nope is not valid for pod web"), with the names.
    const names = l.store.timeline(record.uid, l.now())?.containers.map((c) => c.name) ?? [];
    if (names.length && !names.includes(q.container))
      throw new BadInput(
        `container ${q.container} is not valid for pod ${podName}: its containers are ${names.join(", ")}.`,
      );
  }
  if (q.run === undefined) {
    const last = l.store.logs.lastLines(record.uid);
    const runs = l.store.logs
      .of(record.uid)
      .filter((t) => !q.container || t.container === q.container)
      .map((t) => shown(t, last.get(`${t.container}/${t.attempt}`) ?? null));
    return { status: 200, body: { pod, capture: l.logs?.state().mode ?? "off", runs } };
  }
  // A run not captured has its row: 200 with text null and why (the reader says why).
  const tail = l.store.logs.get(record.uid, q.container!, q.run);
  if (!tail)
    return {
      status: 404,
      body: {
        error: `Lifeline kept no log for run ${q.run} of container ${q.container} of pod ${podName}${
          l.logs ? "" : " (LIFELINE_LOGS=off: logs are not captured)"
        }.`,
      },
    };
  const { text, ...info } = tail;
  return {
    status: 200,
    body: { pod, run: shown(info, text === null ? null : lastLineOf(text)), text },
  };
}
