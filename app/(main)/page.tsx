import { Suspense } from "react";
import { Overview } from "@/components/overview/Overview";

export const dynamic = "force-dynamic";

export default function Home() {
  return (
    <Suspense>
      <Overview />
    </Suspense>
  );
}
