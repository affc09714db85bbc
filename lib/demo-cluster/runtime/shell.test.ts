import { describe, expect, it } from "vitest";
import { ExitSignal, parse, run, unknownCommands, type ShellWorld } from "./shell";
import { ContainerWorld, PodNetwork } from "./world";
import { lookupImage } from "./images";

function world(): ContainerWorld {
  const nginx = lookupImage("nginx:1.27");
  const net = new PodNetwork("10.244.1.9");
  return new ContainerWorld(
    "c",
    nginx.ok ? nginx.info : undefined,
    net,
    { resolve: () => undefined, knownHost: (h) => h === "db" },
    null,
  );
}

/** Runs a script to the end; returns its status, total sleep and output. */
function exec(text: string, w: ShellWorld = world()) {
  const output: string[] = [];
  const gen = run(parse(text), { world: w, output, scripted: true });
  let slept = 0;
  try {
    for (;;) {
      const r = gen.next();
      if (r.done) return { status: r.value, slept, output };
      slept += r.value.sleep;
      if (slept > 3_600_000) return { status: null, slept, output };
    }
  } catch (err) {
    if (err instanceof ExitSignal) return { status: err.code, slept, output, exited: true };
    throw err;
  }
}

describe("shell subset", () => {
  it.each([
    ["true", 0],
    ["false", 1],
    ["false || true", 0],
    ["true && false", 1],
    ["exit 3", 3],
    ["cat /tmp/missing", 1],
    ["touch /tmp/a; test -f /tmp/a", 0],
    ["touch /tmp/a; rm /tmp/a; test -f /tmp/a", 1],
    ["rm /tmp/nothing", 1],
    ["rm -f /tmp/nothing", 0],
    ["[ -d /usr/share/nginx/html ]", 0],
    ["echo hi > /no/such/dir/file", 2],
    ["ping -c 1 db", 0],
    ["ping nowhere -c 1", 1],
    ["nc -z localhost 80", 1],
    ["listen 8080; nc -z 127.0.0.1 8080", 0],
    ["serve 8080 /ok 200; wget -q http://localhost:8080/ok", 0],
    ["serve 8080 /ok 200; wget -q http://localhost:8080/other", 1],
    ["mkdir -p /srv/data; echo x > /srv/data/f; cat /srv/data/f", 0],
    ["frobnicate", 127],
  ])("%s → %i", (script, status) => {
    expect(exec(script).status).toBe(status);
  });

  it("await PORT PATH COUNT waits for that many more requests, whatever the time", () => {
    const w = world();
    const gen = run(parse("serve 8080 /upload 200; await 8080 /upload 2; serve 8080 /upload 503"), {
      world: w,
      output: [],
      scripted: true,
    });
    const get = () => w.httpGet("localhost", 8080, "/upload");
    expect(gen.next().value).toEqual({ sleep: 1000 });
    // Minutes pass with no request: still waiting.
    for (let i = 0; i < 120; i++) expect(gen.next().done).toBe(false);
    expect(get()).toBe(200);
    expect(gen.next().done).toBe(false);
    expect(get()).toBe(200);
    expect(gen.next()).toEqual({ done: true, value: 0 });
    expect(get()).toBe(503);
    expect(exec("await 8080 /upload many").status).toBe(1);
  });

  it("sleeps in simulated time, including durations with units", () => {
    expect(exec("sleep 2; sleep 1.5; sleep 2m").slept).toBe(2000 + 1500 + 120_000);
  });

  it("loops until a condition holds, one poll per sleep", () => {
    const w = world();
    let polls = 0;
    const counting: ShellWorld = Object.assign(Object.create(w), { knownHost: () => ++polls > 3 });
    const r = exec(
      "until ping -c 1 mysql; do echo waiting for mysql...; sleep 2; done; echo ready",
      counting,
    );
    expect(r.status).toBe(0);
    expect(polls).toBe(4);
    expect(r.output).toEqual([
      "ping: bad address 'mysql'",
      "waiting for mysql...",
      "ping: bad address 'mysql'",
      "waiting for mysql...",
      "ping: bad address 'mysql'",
      "waiting for mysql...",
      "ready",
    ]);
  });

  it("echo appends with >> and writes with >", () => {
    const w = world();
    exec("echo one > /tmp/f; echo two >> /tmp/f", w);
    expect(w.readFile("/tmp/f")).toBe("one\ntwo\n");
  });

  it("rejects syntax outside the subset and names unknown commands", () => {
    expect(() => parse("echo $(date)")).toThrow(/not supported/);
    expect(() => parse("a | b")).toThrow(/unsupported/);
    expect(() => parse("until true; do sleep 1")).toThrow(/done/);
    expect(unknownCommands(parse("sleep 1; python app.py; /usr/bin/java -jar x"))).toEqual([
      "python",
      "/usr/bin/java",
    ]);
    expect(unknownCommands(parse("listen 80"))).toEqual(["listen"]);
    expect(unknownCommands(parse("listen 80"), true)).toEqual([]);
  });

  it("OOM: allocating past the limit throws out of the script", () => {
    const w = new ContainerWorld(
      "c",
      undefined,
      new PodNetwork(),
      { resolve: () => undefined, knownHost: () => false },
      64 * 1024 * 1024,
    );
    expect(() => exec("alloc 40Mi; alloc 30Mi", w)).toThrow();
    expect(w.memory).toBe(70 * 1024 * 1024);
  });
});
