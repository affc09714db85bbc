// /api/readyz is open to anyone (probes): whatever went wrong, it says ready or not, never the
// server's folders, files or addresses (docs/access.md).
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log/capture.test-kit";

afterEach(() => {
  vi.resetModules();
  vi.doUnmock("@/lib/live/start");
  vi.restoreAllMocks();
});

// Importing the pipeline (the Kubernetes client, SQLite, the demo cluster) takes seconds on a busy
// machine: the test waits for modules to load, never for the wall clock.
const IMPORT_MS = 30_000;

describe("GET /api/readyz", () => {
  it(
    "a start that failed (a full disk naming the data folder) is {ready:false} with a 503, without the sentence",
    async () => {
      const actual = await vi.importActual<typeof import("@/lib/live/start")>("@/lib/live/start");
      vi.doMock("@/lib/live/start", () => ({
        ...actual,
        live: () =>
          Promise.reject(
            new actual.StartError(
              "Lifeline could not start: The data folder /srv/secret/lifeline-data cannot be written: its disk is full (ENOSPC).",
            ),
          ),
      }));
      const logged = captureLog(await import("@/lib/log/logger"));
      const { GET } = await import("./route");
      const res = await GET();
      logged.restore();
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ ready: false });
      expect(text).not.toContain("/srv/secret");
      // The server's own log says why (its operators may read the folder's name).
      expect(logged.lines).toEqual([
        expect.stringMatching(
          /ERROR: lifeline: not ready: Lifeline could not start: The data folder \/srv\/secret\/lifeline-data cannot be written/,
        ),
      ]);
    },
    IMPORT_MS,
  );

  it(
    "shutting down (SIGTERM, during the drain): 503 {ready:false, reason:'shutting down'} while the pipeline still runs",
    async () => {
      vi.doMock("@/lib/live/start", () => ({
        live: () => Promise.resolve({ servesHistory: true, synced: true }),
      }));
      const { GET } = await import("./route");
      expect((await GET()).status).toBe(200);
      const g = globalThis as Record<symbol, unknown>;
      g[Symbol.for("lifeline.draining")] = { since: Date.now() };
      try {
        const res = await GET();
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ ready: false, reason: "shutting down" });
      } finally {
        delete g[Symbol.for("lifeline.draining")];
      }
    },
    IMPORT_MS,
  );

  it(
    "logs a failure once, not on every probe, and again only when it changes",
    async () => {
      const actual = await vi.importActual<typeof import("@/lib/live/start")>("@/lib/live/start");
      let why = "Lifeline could not start: LIFELINE_RETENTION_SIZE must be a positive size";
      vi.doMock("@/lib/live/start", () => ({
        ...actual,
        live: () => Promise.reject(new actual.StartError(why)),
      }));
      const logged = captureLog(await import("@/lib/log/logger"));
      const { GET } = await import("./route");
      for (let i = 0; i < 5; i++) expect((await GET()).status).toBe(503);
      why = "Lifeline could not start: the data folder cannot be written";
      for (let i = 0; i < 3; i++) expect((await GET()).status).toBe(503);
      logged.restore();
      expect(logged.lines).toEqual([
        expect.stringMatching(/not ready: .*LIFELINE_RETENTION_SIZE/),
        expect.stringMatching(/not ready: .*data folder cannot be written/),
      ]);
    },
    IMPORT_MS,
  );
});
