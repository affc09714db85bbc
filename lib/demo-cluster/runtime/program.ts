// What a container runs: an explicit script (annotation), its command/args read as the shell
// subset, its image's server, or — for anything outside the subset — a process that runs until stopped.
import type { Container } from "../../k8s/types";
import type { ImageInfo } from "./images";
import { basename, parse, ShellSyntaxError, unknownCommands, type Script } from "./shell";

export const SCRIPT_ANNOTATION = "lifeline.dev/script.";
export const UNMODELLED_ANNOTATION = "lifeline.dev/unmodelled";

export type Program =
  | { kind: "script"; script: Script; scripted: boolean }
  | { kind: "server"; image: ImageInfo }
  | { kind: "forever"; why?: string };

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);

/** The program for a container, and a sentence when the demo cluster cannot model what it asked for. */
export function programFor(
  c: Container,
  annotations: Record<string, string> | null | undefined,
  image: ImageInfo | undefined,
): { program: Program; unmodelled?: string } {
  const name = c.name ?? "";
  const explicit = annotations?.[SCRIPT_ANNOTATION + name];
  if (explicit !== undefined) return fromText(explicit, true, `${name}: script annotation`);
  const command = c.command ?? [];
  const args = c.args ?? [];
  if (command.length === 0) {
    if (image?.entrypoint === "server") return { program: { kind: "server", image } };
    if (image?.entrypoint === "pause") return { program: { kind: "forever" } };
    if (args.length === 0)
      return { program: { kind: "script", script: { items: [] }, scripted: false } };
  }
  const argv = command.length ? [...command, ...args] : args;
  return fromArgv(argv, name);
}

/** A command line (exec probe, hook or container command) as a script of the subset. */
export function scriptForArgv(
  argv: string[],
): { script: Script; unknown: string[] } | { error: string } {
  if (argv.length === 0) return { error: "empty command" };
  if (SHELLS.has(basename(argv[0]))) {
    const c = argv.indexOf("-c");
    const text = c >= 0 ? argv.slice(c + 1).find((a) => a !== "--") : undefined;
    if (text === undefined) return { script: { items: [] }, unknown: [] };
    try {
      const script = parse(text);
      return { script, unknown: unknownCommands(script) };
    } catch (err) {
      return { error: err instanceof ShellSyntaxError ? err.message : String(err) };
    }
  }
  const script: Script = { items: [{ first: { kind: "simple", words: argv }, rest: [] }] };
  return { script, unknown: unknownCommands(script) };
}

function fromArgv(argv: string[], name: string): { program: Program; unmodelled?: string } {
  const parsed = scriptForArgv(argv);
  const shown = argv.join(" ");
  if ("error" in parsed)
    return forever(
      `${name}: "${shown}" uses shell the demo cluster does not model (${parsed.error}); it runs until stopped`,
    );
  if (parsed.unknown.length)
    return forever(
      `${name}: "${shown}" runs ${parsed.unknown.join(", ")}, which the demo cluster does not model; it runs until stopped`,
    );
  return { program: { kind: "script", script: parsed.script, scripted: false } };
}

function fromText(
  text: string,
  scripted: boolean,
  label: string,
): { program: Program; unmodelled?: string } {
  try {
    const script = parse(text);
    const unknown = unknownCommands(script, scripted);
    if (unknown.length)
      return forever(
        `${label} uses ${unknown.join(", ")}, which the demo cluster does not model; it runs until stopped`,
      );
    return { program: { kind: "script", script, scripted } };
  } catch (err) {
    return forever(`${label} could not be read (${(err as Error).message}); it runs until stopped`);
  }
}

function forever(why: string): { program: Program; unmodelled: string } {
  return { program: { kind: "forever", why }, unmodelled: why };
}
