import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { LanguageSwitch } from "@/components/I18n";
import { Overview } from "@/components/overview/Overview";
import { PodView, type Answer } from "@/components/pod/PodView";
import { WorkloadView } from "@/components/workloads/WorkloadView";
import { NodeView } from "@/components/nodes/NodeView";
import type { NodeSnapshotBody } from "@/lib/routes/node-snapshot";
import { workloadResource } from "@/lib/kube/workload-resources";
import type { WorkloadSnapshotBody } from "@/lib/routes/workload-snapshot";
import { SnapshotActions } from "@/components/pod/SnapshotActions";
import { maybeAccess } from "@/lib/auth/request";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { readSnapshot } from "@/lib/store/snapshots";
import type { PodTimeline } from "@/lib/timeline/types";
import type { PodRow } from "@/lib/rows/pod-row";
import { nodePreview, overviewPreview, previewText, workloadPreview } from "@/lib/view/preview";
import { timelineHealth } from "@/lib/health/timeline-facts";
import type { SnapshotRunLog } from "@/lib/view/run-logs";
import Link from "next/link";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

type Body = {
  timeline: PodTimeline;
  events: Answer["events"];
  node?: Answer["node"];
  /** The runs' logs, when the person sharing included them. */
  logs?: SnapshotRunLog[];
} & {
  rows: PodRow[];
  truncated: boolean;
};

function load(id: string) {
  return readSnapshot<Body>(id, Date.now());
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const read = load((await params).id);
  const s = "snapshot" in read ? read.snapshot : null;
  if (!s)
    return {
      title:
        "unavailable" in read ? "Snapshot unavailable — Lifeline" : "Snapshot not found — Lifeline",
      robots: { index: false },
    };
  const p =
    s.kind === "overview"
      ? overviewPreview(s.body.rows, { at: s.at, window: s.window, namespaces: s.namespaces })
      : s.kind === "node"
        ? nodePreview(
            s.name,
            { ready: nodeBody(s.body).node?.ready ?? null, pods: nodeBody(s.body).pods.length },
            { at: s.at, window: s.window },
          )
        : s.kind === "workload"
          ? workloadPreview(
              { ...workloadBody(s.body), health: workloadBody(s.body).timeline.health },
              { at: s.at, window: s.window },
            )
          : previewText(s.body.timeline, {
              at: s.at,
              window: s.window,
              snapshot: true,
              health: timelineHealth(s.body.timeline, s.body.node, s.at),
            });
  return {
    title: p.title,
    description: p.description,
    openGraph: { title: p.title, description: p.description, type: "website" },
    robots: { index: false },
  };
}

/** A stored snapshot (/s/{id}): the id is the capability; it opens without the pod, its history or the cluster. */
export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = translator(await requestLang());
  const read = load(id);
  // The disk refused the snapshots' file: say so (the page answered 500).
  if ("unavailable" in read) {
    return (
      <main className="px-6 py-6">
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="snapshot-unavailable"
        >
          {t("snap.unavailable", { why: read.unavailable.replace(/\.+$/, "") })}{" "}
          <Link href="/" className="underline">
            {t("snap.home")}
          </Link>
        </p>
      </main>
    );
  }
  const s = read.snapshot;
  // Deleted, past its retention or mistyped: a 404 (not-found.tsx says so in the page's language).
  if (!s) notFound();
  const access = maybeAccess(await headers());
  const wl = s.kind === "workload" ? workloadBody(s.body) : null;
  const nd = s.kind === "node" ? nodeBody(s.body) : null;
  const info = {
    id: s.id,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    createdBy: s.createdBy,
  };
  // Taken from a page, whose window always has both ends.
  const window = { from: s.window.from ?? s.at, to: s.window.to ?? s.at };
  return (
    <>
      <header className="flex items-center gap-4 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
        <Link href="/" className="font-semibold tracking-tight">
          Lifeline
        </Link>
        <span className="text-sm text-slate-500 dark:text-slate-400">{t("snap.title")}</span>
        <nav className="ml-auto flex items-center gap-3 text-sm">
          {access?.role === "admin" && <SnapshotActions id={s.id} />}
          <LanguageSwitch />
        </nav>
      </header>
      {wl ? (
        <Suspense>
          <WorkloadView
            namespace={s.namespace}
            kind={workloadResource(wl.kind)?.plural ?? wl.kind}
            name={s.name}
            snap={{ answer: { ...wl, at: s.at }, window, snapshot: info }}
          />
        </Suspense>
      ) : nd ? (
        <Suspense>
          <NodeView name={s.name} snap={{ answer: { ...nd, at: s.at }, window, snapshot: info }} />
        </Suspense>
      ) : s.kind === "overview" ? (
        <Suspense>
          <Overview
            canSnapshot={false}
            frozen={{
              rows: s.body.rows,
              truncated: s.body.truncated,
              at: s.at,
              snapshot: {
                id: s.id,
                createdAt: s.createdAt,
                expiresAt: s.expiresAt,
                createdBy: s.createdBy,
              },
            }}
          />
        </Suspense>
      ) : (
        <Suspense>
          <PodView
            namespace={s.namespace}
            name={s.name}
            canSnapshot={false}
            frozen={{
              answer: {
                timeline: s.body.timeline,
                events: s.body.events,
                node: s.body.node ?? null,
                otherUids: [],
                at: s.at,
              },
              at: s.at,
              snapshot: {
                id: s.id,
                createdAt: s.createdAt,
                expiresAt: s.expiresAt,
                createdBy: s.createdBy,
              },
              logs: s.body.logs,
            }}
          />
        </Suspense>
      )}
    </>
  );
}

/** The body of a workload snapshot (its timeline is a workload's, not a pod's). */
function workloadBody(b: Body): WorkloadSnapshotBody {
  return b as unknown as WorkloadSnapshotBody;
}

function nodeBody(b: Body): NodeSnapshotBody {
  return b as unknown as NodeSnapshotBody;
}
