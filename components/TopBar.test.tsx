// @vitest-environment happy-dom
// The overview's skip link: the first Tab stop, straight to the list on screen, whether the
// overview shows pods (the focused row of the grid) or workloads (the first row's button).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "./I18n";
import { TopBar } from "./TopBar";

vi.mock("next/navigation", () => ({ usePathname: () => "/" }));

afterEach(cleanup);

const bar = () =>
  render(
    <I18nProvider lang="en">
      <TopBar who={null} />
      <table id="rows">
        <tbody>
          <tr>
            <td>
              <button type="button" data-testid="workload-expand">
                ▸
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </I18nProvider>,
  );

describe("the skip link", () => {
  it("says the list, and on the overview by workload focuses its first row's button", () => {
    bar();
    const skip = screen.getByTestId("skip-to-rows");
    expect(skip.textContent).toBe("Skip to the list");
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByTestId("workload-expand"));
  });
});
