// Records the protobuf request bodies kubectl really sends, for proto-body.test.ts: starts a demo
// cluster, puts a recording proxy in front of it, runs each command through the proxy, and keeps
// each protobuf write (method, path, headers, the body in base64) with the JSON the same command
// prints with `-o json --dry-run=client`. Writes lib/demo-cluster/api-server/testdata/
// kubectl-protobuf-bodies.json.
//
//   tsx scripts/kubectl-protobuf-bodies.ts [kubectl]     (default $KUBECTL or /usr/bin/kubectl)
import { execFile } from "node:child_process";
import { writeFileSync, mkdirSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import * as prettier from "prettier";
import { ManualClock } from "../lib/demo-cluster/clock";
import { DemoCluster } from "../lib/demo-cluster/cluster";

const kubectl = process.argv[2] ?? process.env.KUBECTL ?? "/usr/bin/kubectl";
const COMMANDS: string[][] = [
  ["create", "namespace", "x"],
  ["create", "deployment", "web", "--image=nginx", "--replicas=2"],
  ["create", "deployment", "api", "--image=nginx:1.27", "--port=8080", "-n", "x"],
  ["create", "job", "pi", "--image=busybox:1.36", "--", "sh", "-c", "echo 3.14"],
  ["create", "cronjob", "tick", "--image=busybox:1.36", "--schedule=*/1 * * * *", "--", "date"],
  ["create", "job", "tick-manual", "--from=cronjob/tick"],
];

interface Recorded {
  method: string;
  path: string;
  contentType: string;
  accept: string;
  status: number;
  body: string;
}

async function main() {
  const cluster = await DemoCluster.start({
    clock: new ManualClock(Date.parse("2026-11-20T09:00:00Z")),
    scenarios: [],
  });
  const upstream = new URL(cluster.url);
  let recorded: Recorded[] = [];
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers: IncomingHttpHeaders = req.headers;
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          if (/protobuf/.test(headers["content-type"] ?? ""))
            recorded.push({
              method: req.method!,
              path: req.url!,
              contentType: headers["content-type"]!,
              accept: headers.accept ?? "",
              status: answer.statusCode!,
              body: body.toString("base64"),
            });
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const server = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  // Not execFileSync: the proxy answers kubectl from this process's event loop.
  const run = async (args: string[]) =>
    (
      await promisify(execFile)(kubectl, [
        "--kubeconfig",
        cluster.kubeconfigPath,
        "--server",
        server,
        ...args,
      ])
    ).stdout;
  const out = [];
  try {
    for (const command of COMMANDS) {
      const [verbs, rest] = splitAtDashes(command);
      const dryRun = JSON.parse(await run([...verbs, "-o", "json", "--dry-run=client", ...rest]));
      recorded = [];
      const printed = (await run(command)).trim();
      out.push({ command: `kubectl ${command.join(" ")}`, printed, requests: recorded, dryRun });
    }
  } finally {
    proxy.close();
    await cluster.stop();
  }
  const version = JSON.parse(await run(["version", "--client", "-o", "json"])).clientVersion
    .gitVersion;
  const dir = join(__dirname, "../lib/demo-cluster/api-server/testdata");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "kubectl-protobuf-bodies.json"),
    await prettier.format(JSON.stringify({ kubectl: version, commands: out }), { parser: "json" }),
  );
  console.log(`kubectl ${version}: ${out.length} commands recorded`);
}

/** kubectl's flags go before a `--` that starts the container's command. */
function splitAtDashes(command: string[]): [string[], string[]] {
  const i = command.indexOf("--");
  return i < 0 ? [command, []] : [command.slice(0, i), command.slice(i)];
}

void main();
