// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { DEFAULT_STATE, type OverviewState } from "@/lib/view/overview";
import { Filters } from "./Filters";

// The page keeps the state in the URL; here a parent holds it and records every update.
function Harness({
  initial = DEFAULT_STATE,
  updates,
  live = true,
}: {
  initial?: OverviewState;
  updates: Partial<OverviewState>[];
  live?: boolean;
}) {
  const [state, setState] = useState(initial);
  return (
    <>
      <Filters
        state={state}
        update={(p) => {
          updates.push(p);
          setState((s) => ({ ...s, ...p }));
        }}
        statuses={["Running", "CrashLoopBackOff"]}
        nodes={["node-a"]}
        live={live}
        canFollow
        from={Date.UTC(2026, 0, 1, 10)}
        to={Date.UTC(2026, 0, 1, 11)}
        setTz={(tz) => setState((s) => ({ ...s, tz }))}
      />
      <output data-testid="state">{JSON.stringify(state)}</output>
    </>
  );
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const shown = () => JSON.parse(screen.getByTestId("state").textContent!) as OverviewState;

describe("Filters", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("keeps a typed selector local until Enter, then writes it as typed (a bad one included)", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} />);
    fireEvent.change(input("filter-selector"), { target: { value: "app in (web" } });
    expect(updates).toEqual([]);
    fireEvent.keyDown(input("filter-selector"), { key: "Enter" });
    expect(updates).toEqual([{ search: "", selector: "app in (web" }]);
    // The server judges the selector; the text stays in the box to be corrected.
    expect(input("filter-selector").value).toBe("app in (web");
    expect(shown().selector).toBe("app in (web");
  });

  it("writes the search after a 200 ms pause, not on every key", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} />);
    fireEvent.change(input("filter-search"), { target: { value: "we" } });
    act(() => void vi.advanceTimersByTime(150));
    fireEvent.change(input("filter-search"), { target: { value: "web" } });
    act(() => void vi.advanceTimersByTime(150));
    expect(updates).toEqual([]);
    act(() => void vi.advanceTimersByTime(50));
    expect(updates).toEqual([{ search: "web" }]);
  });

  it("carries a search still in its pause with any other change, so nothing typed is lost", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} />);
    fireEvent.change(input("filter-search"), { target: { value: "api" } });
    fireEvent.change(screen.getByTestId("filter-status"), {
      target: { value: "CrashLoopBackOff" },
    });
    expect(updates).toEqual([{ search: "api", status: "CrashLoopBackOff" }]);
    act(() => void vi.advanceTimersByTime(1000));
    // The search is in the state already: no second write.
    expect(updates).toHaveLength(1);
  });

  it("splits namespaces on commas and drops blanks, on blur", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} />);
    fireEvent.change(input("filter-namespace"), { target: { value: " team-a, ,team-b " } });
    fireEvent.blur(input("filter-namespace"));
    expect(shown().namespaces).toEqual(["team-a", "team-b"]);
  });

  it("shows what the state says when it changes from outside (Clear empties every box)", () => {
    const updates: Partial<OverviewState>[] = [];
    render(
      <Harness
        updates={updates}
        initial={{ ...DEFAULT_STATE, search: "web", selector: "app=web", namespaces: ["a", "b"] }}
      />,
    );
    expect(input("filter-namespace").value).toBe("a,b");
    expect(input("filter-selector").value).toBe("app=web");
    fireEvent.click(screen.getByTestId("clear-filters"));
    expect(input("filter-search").value).toBe("");
    expect(input("filter-selector").value).toBe("");
    expect(input("filter-namespace").value).toBe("");
  });

  it("offers the URL's status even when no pod has it now", () => {
    render(<Harness updates={[]} initial={{ ...DEFAULT_STATE, status: "Evicted" }} />);
    const options = [...screen.getByTestId("filter-status").querySelectorAll("option")];
    expect(options.map((o) => o.value)).toEqual(["", "Running", "CrashLoopBackOff", "Evicted"]);
  });

  it("refuses an end before the start and freezes the window on a good one (UTC)", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} initial={{ ...DEFAULT_STATE, tz: "utc" }} />);
    expect(input("window-from").value).toBe("2026-01-01T10:00");
    fireEvent.change(input("window-to"), { target: { value: "2026-01-01T09:00" } });
    expect(updates).toEqual([]);
    fireEvent.change(input("window-to"), { target: { value: "2026-01-01T12:30" } });
    expect(updates).toEqual([
      { search: "", from: Date.UTC(2026, 0, 1, 10), to: Date.UTC(2026, 0, 1, 12, 30) },
    ]);
  });

  it("a preset follows now again: it drops a frozen window", () => {
    const updates: Partial<OverviewState>[] = [];
    render(<Harness updates={updates} live={false} />);
    expect(screen.getByTestId("window-6h").getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(screen.getByTestId("window-6h"));
    expect(updates).toEqual([{ search: "", window: "6h", from: null, to: null }]);
  });
});
