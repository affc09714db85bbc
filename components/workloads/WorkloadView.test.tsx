// @vitest-environment happy-dom
// The workload page when the API has no such workload (its 404): the page says so in the reader's
// language (the API's sentence is English), with the kind and name as Kubernetes spells them; a
// frozen window before Lifeline's record of it says where the record starts.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/components/I18n";
import { fakeStreamGlobals, later } from "@/components/fake-event-source.test-kit";
import { WorkloadView } from "./WorkloadView";

let search = "";
// One object per address, as Next's hook gives (a new one each render would read as a new window).
const params = new Map<string, URLSearchParams>();
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => {
    if (!params.has(search)) params.set(search, new URLSearchParams(search));
    return params.get(search)!;
  },
}));

const NOW = Date.parse("2026-11-25T10:00:00Z");
let answer: { status: number; body: unknown } = { status: 503, body: null };

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  search = "tz=utc";
  fakeStreamGlobals((url) => (url.startsWith("/api/workloads/") ? answer : { status: 503 }));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const page = async (lang: "en" | "zh", kind = "deployments") => {
  render(
    <I18nProvider lang={lang}>
      <WorkloadView namespace="dev" kind={kind} name="no-such-thing" />
    </I18nProvider>,
  );
  await later();
  await later();
};

describe("WorkloadView, no such workload", () => {
  it("says the 404 in Chinese on the Chinese page, naming the Kind as Kubernetes does", async () => {
    answer = {
      status: 404,
      body: { error: "Lifeline has never seen a deployment dev/no-such-thing." },
    };
    await page("zh", "deploy");
    const none = screen.getByTestId("workload-none");
    expect(none.textContent).toBe("Lifeline 从未见过 Deployment dev/no-such-thing。");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "Deployment dev/no-such-thing",
    );
  });

  it("says it in English on the English page", async () => {
    answer = {
      status: 404,
      body: { error: "Lifeline has never seen a cronjob dev/no-such-thing." },
    };
    await page("en", "cronjobs");
    expect(screen.getByTestId("workload-none").textContent).toBe(
      "Lifeline has never seen CronJob dev/no-such-thing.",
    );
  });

  it("a frozen window before its record: where the record starts, in the page's zone", async () => {
    search = "tz=utc&from=2026-11-25T07:00:00Z&to=2026-11-25T08:00:00Z";
    answer = {
      status: 404,
      body: {
        error:
          "Lifeline has no record of statefulset dev/no-such-thing at or before 2026-11-25T08:00:00Z: its record of it starts at 2026-11-25T09:00:00Z.",
        firstRecord: Date.parse("2026-11-25T09:00:00Z"),
      },
    };
    await page("zh", "statefulsets");
    expect(screen.getByTestId("workload-none").textContent).toBe(
      "Lifeline 在 2026-11-25 08:00:00 UTC 及之前没有 StatefulSet dev/no-such-thing 的记录：它的记录从 2026-11-25 09:00:00 UTC 开始。",
    );
  });

  it("another refusal keeps the server's sentence inside the page's words", async () => {
    answer = { status: 403, body: { error: 'This link does not give access to namespace "dev".' } };
    await page("zh");
    expect(screen.getByTestId("workload-error").textContent).toBe(
      '无法读取该工作负载：This link does not give access to namespace "dev".',
    );
  });
});
