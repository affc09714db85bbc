// @vitest-environment happy-dom
// The overview's Pods | Workloads switch: links that keep the namespaces, the window and the zone,
// the current one marked, and a bad `group` named in a sentence.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GroupToggle } from "./GroupToggle";

let search = "";
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, push: () => {}, prefetch: () => {} }),
  useSearchParams: () => new URLSearchParams(search),
  usePathname: () => "/",
}));

afterEach(cleanup);

describe("GroupToggle", () => {
  it("on the pods: Workloads keeps the namespaces, the window and the zone", () => {
    search = "namespace=shop&window=6h&tz=utc&status=Running&sort=name";
    render(<GroupToggle defaultWindow="1h" />);
    const nav = screen.getByRole("navigation", { name: "Show" });
    expect(nav.textContent).toBe("PodsWorkloads");
    expect(screen.getByTestId("group-pod").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("group-workload").getAttribute("aria-current")).toBeNull();
    expect(screen.getByTestId("group-workload").getAttribute("href")).toBe(
      "/?namespace=shop&window=6h&tz=utc&group=workload",
    );
    expect(screen.queryByTestId("group-problems")).toBeNull();
  });

  it("a bad group is named, and pods are marked as shown", () => {
    search = "group=deploy";
    render(<GroupToggle defaultWindow="1h" />);
    expect(screen.getByRole("alert").textContent).toBe(
      'group "deploy" is not one of pod, workload; pod is used.',
    );
    expect(screen.getByTestId("group-pod").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("group-workload").getAttribute("href")).toBe("/?group=workload");
  });
});
