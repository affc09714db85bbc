// Child process for history-store.test.ts: writes pod versions as fast as it can and prints the
// number acknowledged after each one, until the parent kills it with SIGKILL.
import { HistoryStore } from "./history-store";

const store = new HistoryStore(process.argv[2]);
for (let i = 1; ; i++) {
  store.observe({
    kind: "Pod", type: i === 1 ? "ADDED" : "MODIFIED", observedAt: 1_795_165_200_000 + i,
    object: { metadata: { uid: `u-${i % 50}`, name: `p-${i % 50}`, namespace: "dev", resourceVersion: String(i) }, status: { phase: "Running", message: `v${i}` } },
  });
  process.stdout.write(`${i}\n`);
}
