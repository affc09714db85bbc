// Child process for history-store.test.ts: writes pod versions as fast as it can and prints the
// number acknowledged after each one, until the parent kills it with SIGKILL. Bounded, so a parent
// that gave up (a timed-out test) never leaves it writing: it stops after LIMIT writes or once its
// output pipe is gone.
import { HistoryStore } from "./history-store";

const LIMIT = 20_000;
const store = new HistoryStore(process.argv[2]);
process.stdout.on("error", () => process.exit(1));
for (let i = 1; i <= LIMIT; i++) {
  store.observe({
    kind: "Pod",
    type: i === 1 ? "ADDED" : "MODIFIED",
    observedAt: 1_795_165_200_000 + i,
    object: {
      metadata: {
        uid: `u-${i % 50}`,
        name: `p-${i % 50}`,
        namespace: "dev",
        resourceVersion: String(i),
      },
      status: { phase: "Running", message: `v${i}` },
    },
  });
  process.stdout.write(`${i}\n`);
}
