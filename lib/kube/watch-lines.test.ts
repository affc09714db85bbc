// The watch client's line handling (watchLines): lines split as bytes however the chunks fall (a
// UTF-8 character cut between two is joined again), blank lines and lines that are not JSON
// skipped, a last line without its newline not read, and a reader given each line's bytes.
import { describe, expect, it } from "vitest";
import { watchLines, type WatchEvent } from "./client";

const events = [
  { type: "ADDED", object: { metadata: { name: "a", labels: { team: "数据-платформа 🚀" } } } },
  { type: "MODIFIED", object: { metadata: { name: "b", annotations: { note: 'say "hi"\n' } } } },
  { type: "DELETED", object: { metadata: { name: "c" } } },
];
const stream = Buffer.from(
  `${JSON.stringify(events[0])}\n\n   \n${JSON.stringify(events[1])}\r\nnot json\n${JSON.stringify(events[2])}\n{"type":"ADDED"`,
);

function feed(chunks: Buffer[], readLine?: (line: Buffer) => WatchEvent | null): WatchEvent[] {
  const got: WatchEvent[] = [];
  const handler = watchLines("/api/v1/pods", (e) => got.push(e), readLine);
  for (const c of chunks) handler(c);
  return got;
}

describe("watchLines", () => {
  it("reads the same events wherever the stream is cut into two chunks", () => {
    for (let k = 0; k <= stream.length; k++)
      expect(feed([stream.subarray(0, k), stream.subarray(k)]), `cut at ${k}`).toEqual(events);
  });

  it("reads the same events from chunks of one to seven bytes", () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let k = 0; k < stream.length; k += size) chunks.push(stream.subarray(k, k + size));
      expect(feed(chunks), `chunks of ${size}`).toEqual(events);
    }
  });

  it("gives a reader each line's bytes, and delivers what it returns", () => {
    const seen: string[] = [];
    const got = feed([stream.subarray(0, 50), stream.subarray(50)], (line) => {
      seen.push(line.toString("utf8"));
      return seen.length === 2 ? null : { type: "X", object: { n: seen.length } };
    });
    expect(seen).toEqual([
      JSON.stringify(events[0]),
      JSON.stringify(events[1]) + "\r",
      "not json",
      JSON.stringify(events[2]),
    ]);
    expect(got.map((e) => e.object.n)).toEqual([1, 3, 4]);
  });
});
