// Child process for lock.test.ts: takes the data folder's lock, says so, and waits to be killed.
import { lockDataDir } from "./lock";

lockDataDir(process.argv[2]);
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => {}, 60_000);
