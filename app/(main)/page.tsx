import { Suspense } from "react";
import { headers } from "next/headers";
import { Overview } from "@/components/overview/Overview";
import { WorkloadOverview } from "@/components/overview/WorkloadOverview";
import { nonceOf } from "@/lib/auth/headers";
import { overviewPreview } from "@/lib/routes/overview-preview";
import { earlyStreamScript } from "@/lib/view/early-stream";
import { overviewStreamPath } from "@/lib/view/stream-frames";
import { live } from "@/lib/live/start";
import { defaultWindow } from "@/lib/view/default-window";
import { DEFAULT_STATE, readState, type Preset } from "@/lib/view/overview";
import { readGroup } from "@/lib/view/overview-workloads";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rows in the server-rendered first screen (a 1080p screen shows about 28). */
const PREVIEW_ROWS = 32;

export default async function Home({ searchParams }: Props) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") q.set(k, v);
  // Without a window in the URL: one that holds the history (a fresh install's minutes, whole).
  let fallback: Preset = DEFAULT_STATE.window;
  try {
    const l = await live();
    fallback = defaultWindow(l.observedSince(), l.now());
  } catch {
    // No pipeline: the page says why on its own.
  }
  const state = readState(q, fallback);
  // By workload: no pod stream, no first screen of pods (the workloads are read once the page runs).
  if (readGroup(q).group === "workload")
    return (
      <Suspense>
        <WorkloadOverview defaultWindow={fallback} />
      </Suspense>
    );
  const h = await headers();
  // A document load of a live view: the first screen of rows in the HTML, and the stream started
  // from the HTML (see lib/view/early-stream), not after hydration. Client navigations (RSC
  // requests) load their rows themselves.
  const documentLoad = h.get("rsc") === null;
  const nonce = nonceOf(h.get("content-security-policy"));
  const early =
    documentLoad && state.from === null && nonce
      ? earlyStreamScript(overviewStreamPath(state))
      : null;
  const preview = documentLoad ? await overviewPreview(h, state, PREVIEW_ROWS) : null;
  return (
    <>
      {early && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: early }} />}
      <Suspense>
        <Overview preview={preview} defaultWindow={fallback} />
      </Suspense>
    </>
  );
}
