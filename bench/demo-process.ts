// The demo cluster in a process of its own, for benchmarks: started through tsx with the given
// options, resolved with its kubeconfig once it has printed it (and whatever else `ready` asks for).
import { spawn, type ChildProcess } from "node:child_process";

export function demoClusterProcess(
  options: string[],
  ready: (stdout: string) => boolean = () => true,
  nodeArgs: string[] = ["--max-old-space-size=12000"],
): Promise<{ child: ChildProcess; kubeconfig: string }> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, "--import", "tsx", "scripts/demo-cluster.ts", ...options],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (d) => {
      text += d;
      const m = /^kubeconfig: (.+)$/m.exec(text);
      if (m && ready(text)) resolve({ child, kubeconfig: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`the demo cluster exited (${code})`)));
  });
}
