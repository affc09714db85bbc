// What grew between two V8 heap snapshots (as bench/history-rss.ts --snapshots writes them): the
// self size and count of every kind of node, grouped by constructor (objects, closures) or by the
// object and property that hold it (arrays, strings, hidden and native backing stores: "Row.recent"
// says arrays held in a Row's `recent`), largest growth first.
// Run: node --max-old-space-size=8000 --import tsx bench/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--top 40] [--by-holder]
// (--by-holder groups objects and closures by their holder too: "object Object: Array.[]")
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Group {
  count: number;
  size: number;
}

/** Kinds grouped by what holds them: their own name says little ("(object elements)", a string's text). */
const HELD = new Set([
  "array",
  "string",
  "concatenated string",
  "sliced string",
  "hidden",
  "native",
  "number",
]);

/** Self size and count by group, for one snapshot. */
export function groups(s: Snapshot, byHolder = false): Map<string, Group> {
  const { node_fields: nf, node_types: nt, edge_fields: ef, edge_types: et } = s.snapshot.meta;
  const NF = nf.length;
  const EF = ef.length;
  const [nType, nName, nSize, nEdges] = ["type", "name", "self_size", "edge_count"].map((f) =>
    nf.indexOf(f),
  );
  const [eType, eName, eTo] = ["type", "name_or_index", "to_node"].map((f) => ef.indexOf(f));
  const types = nt[0];
  const edgeTypes = et[0];
  const count = s.nodes.length / NF;
  // The first holder of each node: its owner's index and the edge's name.
  const holder = new Int32Array(count).fill(-1);
  const holderEdge = new Array<string | undefined>(count);
  let e = 0;
  for (let n = 0; n < count; n++) {
    const edges = s.nodes[n * NF + nEdges];
    for (let k = 0; k < edges; k++, e += EF) {
      const to = s.edges[e + eTo] / NF;
      if (holder[to] >= 0) continue;
      const kind = edgeTypes[s.edges[e + eType]];
      if (kind === "weak" || kind === "shortcut") continue;
      holder[to] = n;
      holderEdge[to] =
        kind === "element" || kind === "hidden" ? "[]" : s.strings[s.edges[e + eName]];
    }
  }
  const nameOf = (n: number) => {
    const type = types[s.nodes[n * NF + nType]];
    const name = s.strings[s.nodes[n * NF + nName]];
    return type === "object" || type === "closure" ? name : `(${type})`;
  };
  const out = new Map<string, Group>();
  for (let n = 0; n < count; n++) {
    const type = types[s.nodes[n * NF + nType]];
    let key: string;
    if (HELD.has(type) || byHolder) {
      const h = holder[n];
      // An array's elements are held through the array: name the array's own holder too.
      const owner = h >= 0 ? nameOf(h) : "(root)";
      const via = h >= 0 && types[s.nodes[h * NF + nType]] === "array" && holder[h] >= 0;
      const own = byHolder && !HELD.has(type) ? ` ${nameOf(n)}` : "";
      key = `${type}${own}: ${via ? `${nameOf(holder[h])}.${holderEdge[h]}` : owner}.${holderEdge[n] ?? "?"}`;
    } else key = `${type}: ${s.strings[s.nodes[n * NF + nName]]}`;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += s.nodes[n * NF + nSize];
    out.set(key, g);
  }
  return out;
}

function main(): void {
  const [before, after] = process.argv.slice(2).filter((a) => a.endsWith(".heapsnapshot"));
  const i = process.argv.indexOf("--top");
  const top = i > 0 ? Number(process.argv[i + 1]) : 40;
  const byHolder = process.argv.includes("--by-holder");
  const read = (f: string) => groups(JSON.parse(readFileSync(f, "utf8")) as Snapshot, byHolder);
  const a = read(before);
  const b = read(after);
  const total = (m: Map<string, Group>) => [...m.values()].reduce((t, g) => t + g.size, 0);
  const MiB = 1048576;
  console.log(
    `heap-diff: self sizes ${(total(a) / MiB).toFixed(1)} MiB → ${(total(b) / MiB).toFixed(1)} MiB`,
  );
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => ({
    k,
    count: (b.get(k)?.count ?? 0) - (a.get(k)?.count ?? 0),
    size: (b.get(k)?.size ?? 0) - (a.get(k)?.size ?? 0),
    after: b.get(k)?.size ?? 0,
  }));
  rows.sort((x, y) => y.size - x.size);
  console.log("growth MiB | count growth | MiB after | what");
  for (const r of rows.slice(0, top))
    console.log(
      `${(r.size / MiB).toFixed(2).padStart(10)} | ${String(r.count).padStart(12)} | ${(r.after / MiB).toFixed(2).padStart(9)} | ${r.k}`,
    );
}

if (/heap-diff\.(ts|mjs)$/.test(process.argv[1] ?? "")) main();
