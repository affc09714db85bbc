// LogFollows against a small HTTP server standing in for an API server whose connection breaks,
// and for a viewer whose access runs out: the follow ends with `lost` or `expired`, releases its
// slot and closes the cluster's request; a line past 16 KiB is cut before it leaves.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KubeClient } from "../kube/client";
import { kubeConfigFor } from "../kube/connection";
import { frameReader, type FollowFrame } from "../view/follow-frames";
import { LogFollows } from "./follow";
import { DEFAULT_REDACTIONS } from "./redact";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** An API server whose log answer is `serve`; the pod GET is a 404 (the follow goes on without it). */
async function apiServer(serve: (req: IncomingMessage, res: ServerResponse) => void) {
  const open = new Set<IncomingMessage>();
  const server = createServer((req, res) => {
    if (!req.url?.includes("/log")) {
      res.writeHead(404, { "Content-Type": "application/json" });
      return void res.end(JSON.stringify({ kind: "Status", code: 404, message: "not here" }));
    }
    open.add(req);
    req.on("close", () => open.delete(req));
    serve(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  cleanup.push(() => server.closeAllConnections());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const follows = new LogFollows({
    client: new KubeClient(kubeConfigFor(url)),
    redactions: DEFAULT_REDACTIONS,
    namespaces: null,
    settleMs: [],
  });
  return { follows, open };
}

async function read(body: ReadableStream<Uint8Array>): Promise<FollowFrame[]> {
  const frames: FollowFrame[] = [];
  const parse = frameReader((f) => frames.push(f));
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return frames;
    parse(decoder.decode(value, { stream: true }));
  }
}

const ask = { namespace: "dev", pod: "web", container: "app", tailLines: 10, timestamps: false };

describe("LogFollows", () => {
  it("a connection the API server cuts ends with `lost`, after the lines it had sent", async () => {
    const { follows } = await apiServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("first\npartial without newline");
      setImmediate(() => res.socket?.destroy());
    });
    const a = await follows.follow({ ...ask, client: "10.0.0.1" });
    if (!a.ok) throw new Error(a.error);
    const frames = await read(a.body);
    expect(frames[0]).toEqual({ t: "open", container: "app", timestamps: false });
    expect(frames.flatMap((f) => (f.t === "lines" ? f.lines : []))).toEqual([
      { text: "first" },
      { text: "partial without newline" },
    ]);
    expect(frames.at(-1)).toEqual({ t: "end", why: "lost" });
    expect(follows.count).toBe(0);
  });

  it("a viewer's access running out ends with `expired` and closes the cluster's request", async () => {
    const { follows, open } = await apiServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("on\n");
    });
    const a = await follows.follow({ ...ask, client: "10.0.0.1", endAfterMs: 0 });
    if (!a.ok) throw new Error(a.error);
    const frames = await read(a.body);
    expect(frames.at(-1)).toEqual({ t: "end", why: "expired" });
    expect(follows.count).toBe(0);
    await vi.waitFor(() => expect(open.size).toBe(0), { timeout: 5000, interval: 2 });
  });

  it("cuts a line past 16 KiB and says so; the rest of it never leaves", async () => {
    const { follows } = await apiServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("x".repeat(10_000));
      res.write("y".repeat(10_000) + "TAIL\nnext\n");
      res.end();
    });
    const a = await follows.follow({ ...ask, client: "10.0.0.1" });
    if (!a.ok) throw new Error(a.error);
    const lines = (await read(a.body)).flatMap((f) => (f.t === "lines" ? f.lines : []));
    expect(lines).toEqual([
      { text: "x".repeat(10_000) + "y".repeat(16 * 1024 - 10_000), cut: true },
      { text: "next" },
    ]);
  });
});
