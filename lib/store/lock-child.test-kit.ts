// Child process for lock.test.ts: takes the data folder's lock, says so, and waits to be killed.
// It keeps no reference to the lock and collects garbage first (run with --expose-gc): the lock must
// hold for the life of the process all the same.
import { lockDataDir } from "./lock";

lockDataDir(process.argv[2]);
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => {}, 60_000);
