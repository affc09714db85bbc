// GET /api/stream end to end in-process: the route handler over the pipeline over the demo
// cluster's HTTP API. A client cut off 20 times mid-stream, resuming each time with Last-Event-ID,
// gets every delta exactly once and in order, while the cluster keeps changing.
import { afterEach, describe, expect, it } from "vitest";
import * as route from "@/app/api/stream/route";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { PodRow } from "../rows/pod-row";
import { sortRows } from "../rows/order";
import {
  applyFrames,
  emptyStream,
  kioskStreamPath,
  overviewStreamPath,
  type FrameType,
} from "../view/stream-frames";
import { DEFAULT_STATE } from "../view/overview";
import { defaultWindow } from "../view/default-window";
import { KEPT_STREAM_PATHS } from "../live/kept-views";

const { GET } = route;
/** The overview's query with no filters (what `/` shows), as lib/live/views.ts keys it. */
const T = Date.parse("2026-11-20T09:00:00Z");
const defaultOverview = {
  filter: { namespaces: null },
  selector: "",
  status: "",
  node: "",
  search: "",
  sort: "problems" as const,
  desc: false,
  windowMs: 3_600_000,
};
/** What Next calls for a HEAD: the route's own HEAD, else its GET (Next implements HEAD so when a route has none). */
const HEAD: (request: Request) => Promise<Response> = (route as { HEAD?: typeof GET }).HEAD ?? GET;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

interface Frame {
  id: number | null;
  event: string;
  data: { id?: number; namespace?: string; name?: string; pods?: unknown[] };
}

/** An SSE client over the route handler: frames as they come, and a way to cut the connection. */
async function connect(query: string, lastEventId: number | null) {
  const abort = new AbortController();
  const headers: Record<string, string> =
    lastEventId === null ? {} : { "Last-Event-ID": String(lastEventId) };
  const res = await GET(
    new Request(
      `http://lifeline.test/api/stream${query}`,
      withAccess({ headers, signal: abort.signal }),
    ),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const frames: Frame[] = [];
  return {
    frames,
    /** Reads until `done(frames)` holds. */
    async readUntil(done: (f: Frame[]) => boolean): Promise<void> {
      while (!done(frames)) {
        const { value, done: ended } = await reader.read();
        if (ended) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const text = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (text.startsWith(":")) continue;
          const field = (name: string) =>
            text
              .split("\n")
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          frames.push({
            id: field("id") ? Number(field("id")) : null,
            event: field("event")!,
            data: JSON.parse(field("data")!),
          });
          if (done(frames)) break;
        }
      }
    },
    async cut(): Promise<void> {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

describe("GET /api/stream", () => {
  it("gives a client cut off 20 times mid-stream every delta exactly once, resuming with Last-Event-ID", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);

    // The reference: every delta the hub publishes for namespace dev, in order.
    const published: number[] = [];
    live.hub.subscribe(
      { namespace: "dev" },
      {
        write: (f) => {
          const m = /^id: (\d+)\n/.exec(f);
          if (m) published.push(Number(m[1]));
          return true;
        },
        close: () => {},
      },
      live.hub.lastId,
      () => ({}),
    );

    const received: number[] = [];
    let last: number | null = null;
    let client = await connect("?namespace=dev", null);
    await client.readUntil((f) => f.length === 1);
    expect(client.frames[0].event).toBe("snapshot");
    expect(client.frames[0].data.pods!.length).toBeGreaterThan(5);
    last = client.frames[0].id;
    for (let round = 0; round < 20; round++) {
      // The cluster moves on while the client is connected …
      const before = published.length;
      await runUntil(clock, follower, clock.now() + 15_000);
      const fresh = published.length - before;
      // … it reads about half of what happened, then the connection is cut …
      const want = Math.ceil(fresh / 2);
      await client.readUntil(
        (f) => f.filter((x) => x.event === "pod" || x.event === "removed").length >= want,
      );
      const deltas = client.frames.filter((x) => x.event === "pod" || x.event === "removed");
      for (const d of deltas) {
        expect(d.id).toBe(d.data.id);
        expect(d.data.namespace).toBe("dev");
        received.push(d.id!);
      }
      if (deltas.length) last = deltas.at(-1)!.id;
      await client.cut();
      // … more happens while it is away, and it comes back with the last id it saw.
      await runUntil(clock, follower, clock.now() + 10_000);
      client = await connect("?namespace=dev", last);
    }
    await client.readUntil((f) => (f.at(-1)?.id ?? 0) >= published.at(-1)!);
    received.push(
      ...client.frames.filter((x) => x.event === "pod" || x.event === "removed").map((x) => x.id!),
    );
    expect(client.frames.some((x) => x.event === "snapshot" || x.event === "resync")).toBe(false);
    await client.cut();
    expect(published.length).toBeGreaterThan(100);
    expect(received).toEqual(published);
    expect(new Set(received).size).toBe(received.length);
    // Once cut, the server dropped the subscription (only the reference remains).
    expect(live.hub.size).toBe(1);
  }, 60_000);

  it("windowed: the overview's and the kiosk's default queries are held from the first sync on, so their first frames need no load", async () => {
    const { live, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    // Held before any browser asks (loaded a slice per turn).
    expect(live.views.size).toBe(3);
    // The kept paths are what the pages open with no filters.
    const noLimit = (p: string) => p.replace(/[?&]limit=\d+$/, "");
    expect(KEPT_STREAM_PATHS.map(noLimit)).toEqual([
      noLimit(overviewStreamPath(DEFAULT_STATE)),
      noLimit(overviewStreamPath({ ...DEFAULT_STATE, window: defaultWindow(T, T) })),
      noLimit(kioskStreamPath([], "", 140)),
    ]);
    for (let i = 0; i < 50 && !live.views.peek(defaultOverview, 1); i++)
      await new Promise((r) => setImmediate(r));
    expect(live.views.peek(defaultOverview, 3)?.rows).toHaveLength(3);
    // What the overview page (usePodRows, the early script) and the kiosk (useKioskFeed) open.
    for (const path of [
      "?limit=120",
      "?limit=300&offset=200",
      "?window=15m&limit=120",
      "?removed=0&limit=140",
      "?removed=0&limit=28",
    ]) {
      const client = await connect(path, null);
      await client.readUntil((f) => f.length === 1);
      expect(client.frames[0].event).toBe("snapshot");
      await client.cut();
    }
    expect(live.views.size).toBe(3);
    const other = await connect("?limit=120&sort=name", null);
    await other.readUntil((f) => f.length === 1);
    await other.cut();
    expect(live.views.size).toBe(4);
  });

  it("windowed (?limit=…): the rows at the offset in the server's order, then what changes in them, as the whole would be", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    // The reference: every row the hub sends (a removed pod's last, marked Deleted), by uid.
    const truth = new Map<string, PodRow>();
    for (const r of live.rows()) truth.set(r.uid, r);
    live.hub.subscribe(
      {},
      {
        write: (f) => {
          const m = /^(?:id: \d+\n)?event: (pod|removed)\ndata: (.*)\n\n$/s.exec(f);
          if (m) {
            const d = JSON.parse(m[2]) as { uid: string; row: PodRow };
            truth.set(d.uid, d.row);
          }
          return true;
        },
        close: () => {},
      },
      live.hub.lastId,
      () => ({}),
    );
    const client = await connect("?limit=4&offset=2&sort=name", null);
    await client.readUntil((f) => f.length === 1);
    let state = applyFrames(emptyStream<PodRow>(false), [
      { type: "snapshot", data: client.frames[0].data },
    ]);
    const expected = () =>
      sortRows([...truth.values()], "name", false, 0)
        .slice(2, 6)
        .map((r) => r.uid);
    expect(client.frames[0].event).toBe("snapshot");
    expect(state.window!.uids).toEqual(expected());
    expect(state.window!.total).toBe(truth.size);
    expect(state.window!.counts.all).toBe(truth.size);
    let applied = 1;
    // Each row shown is the pod's newest (AGE and RESTARTS' "(… ago)" aside: texts of the moment
    // sent, which the browser works out again itself).
    const timeless = (r: PodRow | undefined) => JSON.stringify({ ...r, age: "", restarts: "" });
    const same = (uid: string) => timeless(state.rows.get(uid)) === timeless(truth.get(uid));
    const matches = () =>
      state.window!.uids.join() === expected().join() &&
      state.window!.total === truth.size &&
      state.window!.uids.every(same);
    for (let round = 0; round < 10; round++) {
      await runUntil(clock, follower, clock.now() + 20_000);
      // The pipeline may still be taking the last watch events: the client reads frame after frame
      // until its window is the reference's (a stream that never gets there fails on the timeout).
      while (!matches()) {
        await client.readUntil((f) => f.length > applied);
        state = applyFrames(
          state,
          client.frames.slice(applied).map((f) => ({ type: f.event as FrameType, data: f.data })),
        );
        applied = client.frames.length;
      }
      expect(state.window!.uids).toEqual(expected());
      for (const uid of state.window!.uids)
        expect(timeless(state.rows.get(uid))).toBe(timeless(truth.get(uid)));
    }
    expect(client.frames.filter((f) => f.event === "window").length).toBeGreaterThan(0);
    await client.cut();
    expect(live.hub.size).toBe(1);
  }, 60_000);

  it("answers bad input with 400 and a sentence", async () => {
    for (const [query, message] of [
      ["?namespace=Not_A_Namespace", /namespace/],
      ["?selector=app%20in%20(", /selector/],
      ["?pod=" + "x".repeat(300), /pod/],
      ["?limit=0", /limit "0" is not a whole number from 1 to 500/],
      ["?limit=ten", /limit/],
      ["?limit=10&offset=-1", /offset/],
      ["?limit=10&sort=size", /sort "size" is not one of problems, name/],
      ["?limit=10&desc=yes", /desc/],
      ["?limit=10&window=2h", /window "2h" is not one of 15m, 1h/],
      ["?limit=10&window=constructor", /window "constructor" is not one of/],
      ["?limit=10&removed=no", /removed "no" is neither 0 \(no removed pods\) nor 1/],
      ["?limit=10&window=__proto__", /window "__proto__" is not one of/],
      ["?limit=10&search=" + "x".repeat(300), /search is longer than 253 characters/],
    ] as const) {
      const res = await GET(new Request(`http://lifeline.test/api/stream${query}`, withAccess()));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
    }
  });

  it("takes nothing for a HEAD: no subscriber, no body, the same status and headers as a GET", async () => {
    const { live, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    for (let i = 0; i < 50; i++) {
      const res = await HEAD(
        new Request(
          "http://lifeline.test/api/stream?namespace=dev",
          withAccess({ method: "HEAD" }),
        ),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream");
      // As Next does for a HEAD: the body (if any) is never read, nor cancelled.
    }
    expect(live.hub.size).toBe(0);
    // Bad input is answered as a GET would be.
    expect(
      (
        await HEAD(
          new Request(
            "http://lifeline.test/api/stream?namespace=Not_A_Namespace",
            withAccess({ method: "HEAD" }),
          ),
        )
      ).status,
    ).toBe(400);
    expect(
      (await HEAD(new Request("http://lifeline.test/api/stream", { method: "HEAD" }))).status,
    ).toBe(401);
    expect(live.hub.size).toBe(0);
  });

  it("releases the subscriber of every GET that ends: aborted before the first byte, after it, or its body cancelled", async () => {
    const { live, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    const open = (abort: AbortController, access = withAccess({ signal: abort.signal })) =>
      GET(new Request("http://lifeline.test/api/stream", access));

    // The client leaves while the handler is still working: Next then never reads nor cancels the body.
    for (let i = 0; i < 10; i++) {
      const abort = new AbortController();
      const pending = open(abort);
      abort.abort();
      const res = await pending;
      expect([200, 499, 503]).toContain(res.status);
    }
    expect(live.hub.size).toBe(0);
    // A viewer's stream (ends at the access's expiry) left the same way.
    for (let i = 0; i < 10; i++) {
      const abort = new AbortController();
      const pending = open(
        abort,
        withAccess(
          { signal: abort.signal },
          { ...viewerOf("dev"), expiresAt: Date.now() + 86_400_000 },
        ),
      );
      abort.abort();
      await pending;
    }
    expect(live.hub.size).toBe(0);

    // The client leaves after the first frame (the request's signal aborts; nobody cancels the body).
    for (let i = 0; i < 10; i++) {
      const abort = new AbortController();
      const reader = (await open(abort)).body!.getReader();
      expect((await reader.read()).done).toBe(false);
      abort.abort();
    }
    expect(live.hub.size).toBe(0);

    // The body is cancelled (the response pipe broke) while the request's signal never aborts.
    for (let i = 0; i < 10; i++) {
      const reader = (await open(new AbortController())).body!.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
    }
    expect(live.hub.size).toBe(0);
    // Cancelled before anything was read.
    for (let i = 0; i < 10; i++) await (await open(new AbortController())).body!.cancel();
    expect(live.hub.size).toBe(0);
  });

  it("gives a viewer no resourceVersion in any frame (it counts every change in the cluster), an admin the pod's", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    const open = async (access?: ReturnType<typeof viewerOf>) => {
      const res = await GET(
        new Request("http://lifeline.test/api/stream?namespace=dev", withAccess({}, access)),
      );
      const reader = res.body!.getReader();
      let text = "";
      return {
        /** Reads until `n` frames of `event` have come. */
        async until(event: string, n: number): Promise<string> {
          while (text.split(`event: ${event}\n`).length - 1 < n)
            text += new TextDecoder().decode((await reader.read()).value);
          return text;
        },
        close: () => reader.cancel(),
      };
    };
    const viewer = await open(viewerOf("dev"));
    const admin = await open();
    await runUntil(clock, follower, clock.now() + 30_000);
    const seen = await viewer.until("pod", 20);
    expect(seen).toMatch(/^event: snapshot\n/);
    expect(seen).not.toMatch(/resourceVersion/);
    expect(await admin.until("pod", 20)).toMatch(/"resourceVersion":"\d+"/);
    await viewer.close();
    await admin.close();
    expect(live.hub.size).toBe(0);
  });
});
