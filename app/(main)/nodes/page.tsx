import type { Metadata } from "next";
import { NodesList } from "@/components/nodes/NodesList";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Nodes — Lifeline" };

export default function NodesPage() {
  return <NodesList />;
}
