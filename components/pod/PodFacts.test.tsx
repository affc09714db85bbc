// @vitest-environment happy-dom
// The pod header's owner links to the owner's workload page; a bare pod and an owner kind with
// no page of its own stay text.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyInput } from "@/lib/fixtures";
import { buildTimeline } from "@/lib/timeline";
import type { PodTimeline } from "@/lib/timeline/types";
import { PodFacts } from "./PodFacts";

afterEach(cleanup);
const base = buildTimeline(storyInput(story("oom-killed")!));
const withOwner = (owner: PodTimeline["owner"]): PodTimeline => ({ ...base, owner });

describe("PodFacts' owner", () => {
  it("links a ReplicaSet owner to its workload page", () => {
    render(<PodFacts timeline={withOwner({ kind: "ReplicaSet", name: "web-7d9c5b8f4" })} />);
    const link = screen.getByRole("link", { name: "ReplicaSet/web-7d9c5b8f4" });
    expect(link.getAttribute("href")).toBe(
      `/workloads/${base.namespace}/replicasets/web-7d9c5b8f4`,
    );
  });

  it("keeps a bare pod and an owner with no page as text", () => {
    render(<PodFacts timeline={withOwner(null)} />);
    expect(screen.getByTestId("pod-owner").textContent).toBe("no owner (a bare pod)");
    expect(screen.queryByRole("link")).toBeNull();
    cleanup();
    render(<PodFacts timeline={withOwner({ kind: "Node", name: "node-1" })} />);
    expect(screen.getByTestId("pod-owner").textContent).toBe("Node/node-1");
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("links each owner up the chain: ReplicaSet → Deployment, Job → CronJob", () => {
    render(
      <PodFacts
        timeline={withOwner({ kind: "ReplicaSet", name: "checkout-86df6ffcf9" })}
        owners={[{ kind: "Deployment", name: "checkout" }]}
      />,
    );
    expect(screen.getByTestId("pod-owner").textContent).toBe(
      "ReplicaSet/checkout-86df6ffcf9 → Deployment/checkout",
    );
    expect(screen.getByRole("link", { name: "Deployment/checkout" }).getAttribute("href")).toBe(
      `/workloads/${base.namespace}/deployments/checkout`,
    );
    cleanup();
    render(
      <PodFacts
        timeline={withOwner({ kind: "Job", name: "report-29100" })}
        owners={[{ kind: "CronJob", name: "report" }]}
      />,
    );
    expect(screen.getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      `/workloads/${base.namespace}/jobs/report-29100`,
      `/workloads/${base.namespace}/cronjobs/report`,
    ]);
  });
});
