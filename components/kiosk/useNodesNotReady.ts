"use client";
// The kiosk by workload's "nodes not Ready": GET /api/nodes for the wall's namespaces (the server
// scopes it to the reader's too), read again every 10 s as the workloads are. The pod kiosk has
// the same count from its stream's counts; the workload kiosk opens no pod stream.
import { useEffect, useState } from "react";
import { nodesNotReady } from "@/lib/view/kiosk-nodes";

export const NODES_EVERY_MS = 10_000;

/** `namespaces` null: not asked (the kiosk shows pods). Until an answer, and on a refusal, none. */
export function useNodesNotReady(namespaces: string[] | null): string[] {
  const [names, setNames] = useState<string[]>([]);
  const scope = namespaces === null ? null : namespaces.join(",");
  useEffect(() => {
    if (scope === null) return;
    let gone = false;
    const read = async () => {
      try {
        const res = await fetch(
          `/api/nodes${scope ? `?namespace=${encodeURIComponent(scope)}` : ""}`,
          { cache: "no-store" },
        );
        // A refusal is the workload feed's to tell (the same access decides both).
        if (!res.ok) return;
        const body = (await res.json().catch(() => null)) as { nodes?: unknown } | null;
        const next = nodesNotReady(body?.nodes);
        if (!gone) setNames((prev) => (prev.join() === next.join() ? prev : next));
      } catch {
        // The server is away: the connection chip says so; keep what was last known.
      }
    };
    void read();
    const id = setInterval(() => void read(), NODES_EVERY_MS);
    return () => {
      gone = true;
      clearInterval(id);
    };
  }, [scope]);
  return scope === null ? [] : names;
}
