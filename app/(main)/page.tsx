import { Suspense } from "react";
import { headers } from "next/headers";
import { Overview } from "@/components/overview/Overview";
import { earlyStreamScript, liveStreamPath } from "@/lib/view/early-stream";
import { readState } from "@/lib/view/overview";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Home({ searchParams }: Props) {
  // Live view: the stream starts from the HTML (see lib/view/early-stream), not after hydration.
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") q.set(k, v);
  const state = readState(q);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
  const early = state.from === null && nonce ? earlyStreamScript(liveStreamPath(state.namespaces, state.selector)) : null;
  return (
    <>
      {early && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: early }} />}
      <Suspense>
        <Overview />
      </Suspense>
    </>
  );
}
