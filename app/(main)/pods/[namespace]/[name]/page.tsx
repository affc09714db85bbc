import { Suspense } from "react";
import { PodView } from "@/components/pod/PodView";

export const dynamic = "force-dynamic";

export default async function PodPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  return (
    <Suspense>
      <PodView namespace={decodeURIComponent(namespace)} name={decodeURIComponent(name)} />
    </Suspense>
  );
}
