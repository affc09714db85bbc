"use client";
// A workload Lifeline has no record of (the page answered 404): the same view, which asks the API
// and shows its sentence ("Lifeline has never seen a deployment dev/x.").
import { usePathname } from "next/navigation";
import { Suspense } from "react";
import { WorkloadView } from "@/components/workloads/WorkloadView";

export default function WorkloadNotFound() {
  const parts = (usePathname() ?? "").split("/");
  let address = { namespace: "", kind: "", name: "" };
  try {
    address = {
      namespace: decodeURIComponent(parts[2] ?? ""),
      kind: decodeURIComponent(parts[3] ?? ""),
      name: decodeURIComponent(parts[4] ?? ""),
    };
  } catch {
    // The proxy answered an address that does not decode before any page.
  }
  return (
    <Suspense>
      <WorkloadView {...address} />
    </Suspense>
  );
}
