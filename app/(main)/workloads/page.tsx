import type { Metadata } from "next";
import { Suspense } from "react";
import { WorkloadsList } from "@/components/workloads/WorkloadsList";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Workloads — Lifeline" };

export default function WorkloadsPage() {
  return (
    <Suspense>
      <WorkloadsList />
    </Suspense>
  );
}
