// @vitest-environment happy-dom
// The workload page's events: kubectl describe's columns, a repeated event's count and span, the
// object each names, newest first as the API gives them, and cluster text kept as text.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "@/components/I18n";
import type { WorkloadEvent } from "@/lib/rows/workload-event";
import { WorkloadEvents } from "./WorkloadEvents";

afterEach(cleanup);

const AT = Date.parse("2026-11-25T10:00:00Z");
const events: WorkloadEvent[] = [
  {
    key: "e2",
    object: "Deployment/checkout",
    type: "Normal",
    reason: "ScalingReplicaSet",
    from: "deployment-controller",
    message: "Scaled up replica set checkout-86df6ffcf9 from 0 to 3",
    first: AT - 90_000,
    last: AT - 90_000,
    count: 1,
  },
  {
    key: "e1",
    object: "ReplicaSet/checkout-86df6ffcf9",
    type: "Warning",
    reason: "FailedCreate",
    from: "replicaset-controller",
    message: '<b>pods "checkout-86df6ffcf9-x" is forbidden</b>',
    first: AT - 600_000,
    last: AT - 120_000,
    count: 4,
  },
];

describe("WorkloadEvents", () => {
  it("lists each event as kubectl describe does, with the object it names", () => {
    render(
      <I18nProvider lang="en">
        <WorkloadEvents events={events} at={AT} when={(ms) => new Date(ms).toISOString()} />
      </I18nProvider>,
    );
    const rows = screen.getAllByTestId("workload-event");
    const cells = rows.map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
    expect(cells).toEqual([
      [
        "Normal",
        "ScalingReplicaSet",
        "90s",
        "deployment-controller",
        "Deployment/checkout",
        "Scaled up replica set checkout-86df6ffcf9 from 0 to 3",
      ],
      [
        "Warning",
        "FailedCreate",
        "2m (x4 over 10m)",
        "replicaset-controller",
        "ReplicaSet/checkout-86df6ffcf9",
        '<b>pods "checkout-86df6ffcf9-x" is forbidden</b>',
      ],
    ]);
    // The message's markup is text, not an element.
    expect(rows[1].querySelector("b")).toBeNull();
  });

  it("says when the window holds none", () => {
    render(
      <I18nProvider lang="en">
        <WorkloadEvents events={[]} at={AT} when={String} />
      </I18nProvider>,
    );
    expect(screen.getByTestId("workload-events").textContent).toContain(
      "No event named this workload or the objects it controls in the window.",
    );
  });
});
