"use client";
// A node Lifeline has no record of (the page answered 404): the same view, which says so in its
// own words ("Lifeline has no record of node x in this window …").
import { usePathname } from "next/navigation";
import { Suspense } from "react";
import { NodeView } from "@/components/nodes/NodeView";

export default function NodeNotFound() {
  const segment = (usePathname() ?? "").split("/")[2] ?? "";
  let name = "";
  try {
    name = decodeURIComponent(segment);
  } catch {
    // The proxy answered an address that does not decode before any page.
  }
  return (
    <Suspense>
      <NodeView name={name} />
    </Suspense>
  );
}
