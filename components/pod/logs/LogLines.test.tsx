// @vitest-environment happy-dom
// The log's lines with search marks: a mark inside ANSI-coloured text sets its own ink (the ANSI
// colour on the mark's background was unreadable in dark mode), and the current match is brought
// into view sideways too, far along a long line.
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LogLines } from "./LogLines";
import { findMatches, logLines } from "./log-text";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("LogLines, search marks", () => {
  it("a match inside ANSI colour takes the mark's ink, not the ANSI colour", () => {
    const lines = logLines("\x1b[31mfatal error: disk full\x1b[0m\n");
    const matches = findMatches(lines, "error");
    const { container } = render(
      <LogLines lines={lines} matches={matches} current={0} tz="utc" label="log" />,
    );
    const mark = container.querySelector("mark")!;
    expect(mark.textContent).toBe("error");
    expect(mark.style.color).toBe("");
    expect(mark.className).toMatch(/(^| )text-slate-950( |$)/);
    expect(mark.className).not.toMatch(/text-inherit/);
    // The text around it keeps its ANSI colour.
    expect(container.querySelector('[data-fg="red"]')).not.toBeNull();
  });

  it("brings the current match into view sideways (scrollIntoView, nearest on both axes)", () => {
    const calls: { el: Element; opts: unknown }[] = [];
    vi.spyOn(HTMLElement.prototype, "scrollIntoView").mockImplementation(function (
      this: HTMLElement,
      opts?: boolean | ScrollIntoViewOptions,
    ) {
      calls.push({ el: this, opts });
    });
    const lines = logLines(`${"x".repeat(3000)} needle\nshort needle\n`);
    const matches = findMatches(lines, "needle");
    const { container, rerender } = render(
      <LogLines lines={lines} matches={matches} current={0} tz="utc" label="log" />,
    );
    const first = calls.at(-1)!;
    expect(first.el).toBe(container.querySelector('mark[data-current="true"]'));
    expect(first.el.closest("[data-line]")!.getAttribute("data-line")).toBe("1");
    expect(first.opts).toEqual({ block: "nearest", inline: "nearest" });
    rerender(<LogLines lines={lines} matches={matches} current={1} tz="utc" label="log" />);
    expect(calls.at(-1)!.el.closest("[data-line]")!.getAttribute("data-line")).toBe("2");
  });
});
