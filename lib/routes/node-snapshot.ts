// A node page's snapshot (POST /api/snapshots {kind: "node"}): what the page draws for a window —
// the node's row of GET /api/nodes?from=&to= (conditions and taints over time) and the pods that
// ran there, as GET /api/pods?node=&from=&to=&limit=2000 answers them — read by the server itself
// within the taker's namespaces, so /s/{id} draws the same NodeView after the cluster and
// Lifeline's history have forgotten it.
import type { Live } from "../live/live";
import type { PodRow } from "../rows/pod-row";
import { snapshots } from "../store/snapshots";
import { nodesAnswer, type NodeAnswerRow } from "./nodes";
import { json } from "./respond";

/** As many pods as the node page asks for. */
export const NODE_PAGE_PODS = 2000;

export interface NodeSnapshotBody {
  /** null: the node itself is not in the record (a namespaced install), only its pods. */
  node: NodeAnswerRow | null;
  /** Whether Lifeline could see nodes when it was taken ("forbidden": a namespaced install). */
  access: "watched" | "forbidden";
  pods: PodRow[];
  truncated: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** 201 with the snapshot's id and url; 404 with a sentence when Lifeline has no record of the node in the window. */
export function nodeSnapshot(
  l: Live,
  want: { name: string; from: number; to: number },
  who: { namespaces: string[] | null; createdAt: number; createdBy: string | null },
): Response {
  const nodes = nodesAnswer(l, { namespaces: who.namespaces, from: want.from, to: want.to });
  const node = nodes.nodes.find((n) => n.name === want.name) ?? null;
  const { rows, truncated } = l.history({
    namespaces: who.namespaces ?? undefined,
    node: want.name,
    from: want.from,
    to: want.to,
    limit: NODE_PAGE_PODS,
  });
  if (!node && rows.length === 0)
    return json(
      {
        error: `Lifeline has no record of node ${want.name} between ${iso(want.from)} and ${iso(want.to)}${who.namespaces ? ` in ${who.namespaces.join(", ")}` : ""}.`,
      },
      404,
    );
  const body: NodeSnapshotBody = { node, access: nodes.access.state, pods: rows, truncated };
  const meta = snapshots().create(
    {
      kind: "node",
      namespaces: who.namespaces,
      namespace: "",
      name: want.name,
      uid: node?.uid ?? "",
      createdAt: who.createdAt,
      at: nodes.at,
      window: { from: want.from, to: want.to },
      createdBy: who.createdBy,
    },
    body,
  );
  return json({ ...meta, url: `/s/${meta.id}` }, 201);
}
