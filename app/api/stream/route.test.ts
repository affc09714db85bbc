// GET /api/stream while the server drains (SIGTERM, scripts/shutdown.mjs): a new stream would be
// cut a moment later, so it is refused at once with a 503, a Retry-After and a sentence; the
// browser's client then connects again, to whichever server answers (docs/live-pipeline.md#shutdown).
import { afterEach, describe, expect, it, vi } from "vitest";

const DRAINING = Symbol.for("lifeline.draining");
const g = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete g[DRAINING];
  vi.resetModules();
  vi.doUnmock("@/lib/live/start");
});

describe("GET /api/stream while shutting down", () => {
  it("503 with Retry-After and a sentence, before access, parameters or the pipeline are looked at", async () => {
    const live = vi.fn(() => Promise.reject(new Error("not called")));
    vi.doMock("@/lib/live/start", async (importActual) => ({
      ...(await importActual<typeof import("@/lib/live/start")>()),
      live,
    }));
    const { GET, HEAD } = await import("./route");
    g[DRAINING] = { since: Date.now() };
    for (const handler of [GET, HEAD]) {
      const res = await handler(new Request("http://127.0.0.1:3000/api/stream?namespace=dev"));
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("2");
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
      if (handler === GET)
        expect(await res.json()).toEqual({
          error:
            "This Lifeline server is shutting down: connect again in a moment (another replica, or this one once it has restarted, answers).",
        });
    }
    expect(live).not.toHaveBeenCalled();
  }, 30_000);
});
