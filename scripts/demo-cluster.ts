// `npm run demo-cluster`: starts the embedded demo cluster alone and prints its kubeconfig, so
// kubectl (and Lifeline with KUBECONFIG set) can talk to it. Stops on Ctrl-C.
import { DemoCluster, ScaledClock, SCENARIOS, type DemoClusterOptions } from "../lib/demo-cluster";

const USAGE = `usage: npm run demo-cluster -- [options]
  --port N                  listen on 127.0.0.1:N (default: a free port)
  --scenarios a,b           apply only these scenarios (default: all; --scenarios none for none)
  --scale N                 add N pause pods in namespace "scale" on extra nodes
  --churn R                 kill R of those containers per second (each is an exit, a restart and events)
  --light                   make the --scale pods light: no kubelet per pod, a spec shared per node,
                            no events (150,000 fit in the demo's process; docs/demo-cluster.md)
  --no-watch-list           answer watch-lists (sendInitialEvents) 422 Invalid, as a server with the
                            WatchList feature gate off does
  --drop-watches-every S    cut every watch connection every S seconds
  --history N               changes kept per resource for watches (older versions get 410 Gone)
  --truth-file PATH         append the ground-truth log to PATH (JSON lines)
  --kubeconfig-dir DIR      where to write the kubeconfig
  --speed X                 run the cluster's clock X times as fast as the wall clock (churn, restarts,
                            back-offs); prints "clock: speed X from T" (T: the wall-clock epoch ms it started)
  --namespaces-only a,b     play a namespaced install's RBAC: only these namespaces' resources;
                            nodes, namespaces and cluster-wide lists answer 403 Forbidden
  --no-pod-logs             the roles grant no pods/log: every log request answers 403 Forbidden
scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}`;

function parse(argv: string[]): DemoClusterOptions {
  const opts: DemoClusterOptions = {};
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0)
      throw new Error(`${flag} needs a non-negative number, got ${value ?? "nothing"}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case "--port":
        opts.port = number(flag, value);
        i++;
        break;
      case "--scenarios":
        opts.scenarios = value === "none" ? [] : (value ?? "").split(",").filter(Boolean);
        i++;
        break;
      case "--scale":
        opts.scale = { ...opts.scale, pods: number(flag, value) };
        i++;
        break;
      case "--churn":
        opts.scale = { ...opts.scale, pods: opts.scale?.pods ?? 0, churn: number(flag, value) };
        i++;
        break;
      case "--light":
        opts.scale = { ...opts.scale, pods: opts.scale?.pods ?? 0, light: true };
        break;
      case "--no-watch-list":
        opts.watchList = false;
        break;
      case "--drop-watches-every":
        opts.dropWatchesEveryMs = number(flag, value) * 1000;
        i++;
        break;
      case "--history":
        opts.historyLimit = number(flag, value);
        i++;
        break;
      case "--truth-file":
        opts.truthFile = value;
        i++;
        break;
      case "--kubeconfig-dir":
        opts.kubeconfigDir = value;
        i++;
        break;
      case "--speed":
        opts.clock = new ScaledClock(number(flag, value));
        i++;
        break;
      case "--namespaces-only":
        opts.rbac = { ...opts.rbac, namespaces: (value ?? "").split(",").filter(Boolean) };
        i++;
        break;
      case "--no-pod-logs":
        opts.rbac = { ...opts.rbac, logs: false };
        break;
      case "-h":
      case "--help":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: DemoClusterOptions;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`demo-cluster: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const cluster = await DemoCluster.start(opts);
  console.log(`Lifeline demo cluster: API at ${cluster.url}`);
  console.log(`kubeconfig: ${cluster.kubeconfigPath}`);
  console.log(`try: kubectl --kubeconfig ${cluster.kubeconfigPath} get pods -o wide -w`);
  console.log(`ground truth: curl ${cluster.url}/debug/truth`);
  if (opts.clock instanceof ScaledClock)
    console.log(`clock: speed ${opts.clock.speed} from ${opts.clock.origin}`);
  const light = cluster.light;
  if (light) {
    // Said once, for benchmarks that wait for a cluster at rest before they measure.
    const poll = setInterval(() => {
      if (!light.allStarted()) return;
      clearInterval(poll);
      console.log(`scale: all ${light.pods} pods Running`);
    }, 200);
  }
  const stop = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(`demo-cluster: ${(err as Error).message}`);
  process.exit(1);
});
