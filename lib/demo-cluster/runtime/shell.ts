// The documented subset of POSIX shell that demo containers understand. A parsed script runs as a
// generator: builtins act at once on the container's world, `sleep` yields the time it wants to
// pass, and the caller (a process, probe or hook) decides when time moves on.
//
// Supported: sleep N|Ns|Nm|infinity, exit N, echo ... [> file | >> file], touch, cat, rm [-f|-r],
// mkdir [-p], test / [ ] with -f -e -d, true, false, :, ping [-c N] HOST, nslookup HOST,
// nc -z [-w N] HOST PORT, wget [-q] [-O -] [--spider] URL, trap 'CMD' TERM, nginx -s quit|stop,
// lists with ; && || and newlines, until/while ... do ... done.
// Scripts in the lifeline.dev/script.<container> annotation may also use: listen PORT,
// close PORT, serve PORT PATH STATUS, await PORT PATH COUNT (until COUNT more requests for PATH
// were answered: a story told in requests, not seconds), alloc QUANTITY, free, run DURATION (an
// alias of sleep), panic MESSAGE (a Go panic's last words on stderr, exit 2).
import type { Output } from "./container-log";
import { quantityBytes } from "./quantity";

export type Effect = { sleep: number };

export interface ShellWorld {
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string, append: boolean): string | undefined;
  removeFile(path: string, recursive: boolean): boolean;
  makeDir(path: string): void;
  isDir(path: string): boolean;
  knownHost(host: string): boolean;
  /** HTTP status for GET host:port/path, "refused", or "not-http". */
  httpGet(host: string, port: number, path: string): number | "refused" | "not-http";
  tcpOpen(host: string, port: number): boolean;
  listen(port: number): void;
  close(port: number): void;
  serve(port: number, path: string, status: number): void;
  /** How many requests PATH on PORT (this container's) has answered. */
  hits(port: number, path: string): number;
  allocate(bytes: number): void;
  free(): void;
  setTrap(signal: string, handler: Script | null): void;
  signalServer(signal: "quit" | "stop"): boolean;
}

interface Simple {
  kind: "simple";
  words: string[];
  redirect?: { path: string; append: boolean };
}
interface Loop {
  kind: "loop";
  until: boolean;
  cond: Script;
  body: Script;
}
type Command = Simple | Loop;
interface AndOr {
  first: Command;
  rest: { op: "&&" | "||"; command: Command }[];
}
export interface Script {
  items: AndOr[];
}

export class ShellSyntaxError extends Error {}

export class ExitSignal {
  constructor(readonly code: number) {}
}

export interface RunContext {
  world: ShellWorld;
  /** Standard output (a container's log, or a probe's captured output). */
  output: Output;
  /** Standard error; error messages go to `output` when absent. */
  errors?: Output;
  /** Whether annotation-only builtins are allowed. */
  scripted: boolean;
}

const BUILTINS = new Set([
  "sleep",
  "exit",
  "echo",
  "touch",
  "cat",
  "rm",
  "mkdir",
  "test",
  "[",
  "true",
  "false",
  ":",
  "ping",
  "nslookup",
  "nc",
  "wget",
  "trap",
  "nginx",
]);
const SCRIPT_BUILTINS = new Set([
  "listen",
  "close",
  "serve",
  "await",
  "alloc",
  "free",
  "run",
  "panic",
]);

// ---- parsing ---------------------------------------------------------------------------------

type Token = { word: string } | { op: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "\n" || c === ";") {
      tokens.push({ op: ";" });
      i++;
      continue;
    }
    if (text.startsWith("&&", i) || text.startsWith("||", i) || text.startsWith(">>", i)) {
      tokens.push({ op: text.slice(i, i + 2) });
      i += 2;
      continue;
    }
    if (c === ">") {
      tokens.push({ op: ">" });
      i++;
      continue;
    }
    if (c === "|" || c === "&" || c === "<" || c === "(" || c === ")" || c === "`")
      throw new ShellSyntaxError(`unsupported shell syntax "${c}"`);
    let word = "";
    while (i < text.length && !" \t\n;&|><()`".includes(text[i])) {
      const q = text[i];
      if (q === "'" || q === '"') {
        const end = text.indexOf(q, i + 1);
        if (end < 0) throw new ShellSyntaxError(`unterminated ${q} quote`);
        word += text.slice(i + 1, end);
        i = end + 1;
      } else if (q === "\\" && i + 1 < text.length) {
        word += text[i + 1];
        i += 2;
      } else {
        if (q === "$")
          throw new ShellSyntaxError("variables and command substitution are not supported");
        word += q;
        i++;
      }
    }
    tokens.push({ word });
  }
  return tokens;
}

/** Parses a script; throws ShellSyntaxError for anything outside the subset. */
export function parse(text: string): Script {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w?: string): t is { word: string } =>
    !!t && "word" in t && (w === undefined || t.word === w);
  const isOp = (t: Token | undefined, o: string) => !!t && "op" in t && t.op === o;

  function list(stop: string[]): Script {
    const items: AndOr[] = [];
    for (;;) {
      while (isOp(peek(), ";")) pos++;
      const t = peek();
      if (!t || (isWord(t) && stop.includes(t.word))) return { items };
      items.push(andOr());
    }
  }
  function andOr(): AndOr {
    const first = command();
    const rest: AndOr["rest"] = [];
    while (isOp(peek(), "&&") || isOp(peek(), "||")) {
      const op = (tokens[pos++] as { op: "&&" | "||" }).op;
      while (isOp(peek(), ";")) pos++;
      rest.push({ op, command: command() });
    }
    return { first, rest };
  }
  function command(): Command {
    const t = peek();
    if (isWord(t, "until") || isWord(t, "while")) {
      pos++;
      const cond = list(["do"]);
      if (!isWord(peek(), "do")) throw new ShellSyntaxError(`expected "do" in ${t.word} loop`);
      pos++;
      const body = list(["done"]);
      if (!isWord(peek(), "done"))
        throw new ShellSyntaxError(`expected "done" to close ${t.word} loop`);
      pos++;
      return { kind: "loop", until: t.word === "until", cond, body };
    }
    const words: string[] = [];
    let redirect: Simple["redirect"];
    while (peek() && (isWord(peek()) || isOp(peek(), ">") || isOp(peek(), ">>"))) {
      const tok = tokens[pos++];
      if ("op" in tok) {
        const target = tokens[pos++];
        if (!isWord(target)) throw new ShellSyntaxError("expected a file name after >");
        redirect = { path: target.word, append: tok.op === ">>" };
      } else words.push(tok.word);
    }
    if (words.length === 0) throw new ShellSyntaxError("expected a command");
    return { kind: "simple", words, redirect };
  }
  const script = list([]);
  if (pos < tokens.length) throw new ShellSyntaxError("unexpected token");
  return script;
}

/** Command names a script uses that the subset does not know (empty when fully modelled). */
export function unknownCommands(script: Script, scripted = false): string[] {
  const out = new Set<string>();
  const visit = (s: Script) => {
    for (const item of s.items)
      for (const c of [item.first, ...item.rest.map((r) => r.command)]) {
        if (c.kind === "loop") {
          visit(c.cond);
          visit(c.body);
          continue;
        }
        const name = basename(c.words[0]);
        if (!BUILTINS.has(name) && !(scripted && SCRIPT_BUILTINS.has(name))) out.add(c.words[0]);
      }
  };
  visit(script);
  return [...out];
}

// ---- running ---------------------------------------------------------------------------------

/** Runs a script; the generator's return value is the exit status. `exit` ends it with ExitSignal. */
export function* run(script: Script, ctx: RunContext): Generator<Effect, number> {
  let status = 0;
  for (const item of script.items) {
    status = yield* runCommand(item.first, ctx);
    for (const next of item.rest) {
      if ((next.op === "&&" && status === 0) || (next.op === "||" && status !== 0))
        status = yield* runCommand(next.command, ctx);
    }
  }
  return status;
}

function* runCommand(c: Command, ctx: RunContext): Generator<Effect, number> {
  if (c.kind === "loop") {
    let status = 0;
    for (;;) {
      const cond = yield* run(c.cond, ctx);
      if ((cond === 0) === c.until) return status;
      status = yield* run(c.body, ctx);
      // A loop that never sleeps would spin forever in no time: let a moment pass per turn.
      yield { sleep: 1 };
    }
  }
  return yield* simple(c, ctx);
}

function* simple(c: Simple, ctx: RunContext): Generator<Effect, number> {
  const [raw, ...args] = c.words;
  const name = basename(raw);
  const w = ctx.world;
  const fail = (message: string, code = 1) => {
    (ctx.errors ?? ctx.output).push(message);
    return code;
  };
  if (SCRIPT_BUILTINS.has(name) && !ctx.scripted) return fail(`sh: ${raw}: not found`, 127);
  switch (name) {
    case "sleep":
    case "run": {
      const ms = duration(args[0] ?? "");
      if (ms === null) return fail(`sleep: invalid number '${args[0] ?? ""}'`);
      yield { sleep: ms };
      return 0;
    }
    case "exit":
      throw new ExitSignal(args.length ? Number(args[0]) & 255 : 0);
    case "true":
    case ":":
      return 0;
    case "false":
      return 1;
    case "echo": {
      const text = args.join(" ") + "\n";
      if (!c.redirect) {
        ctx.output.push(text.trimEnd());
        return 0;
      }
      const err = w.writeFile(c.redirect.path, text, c.redirect.append);
      return err ? fail(`sh: 1: cannot create ${c.redirect.path}: ${err}`, 2) : 0;
    }
    case "touch": {
      for (const path of args) {
        const err = w.writeFile(path, w.readFile(path) ?? "", false);
        if (err) return fail(`touch: cannot touch '${path}': ${err}`);
      }
      return 0;
    }
    case "cat": {
      for (const path of args) {
        const content = w.readFile(path);
        if (content === undefined) return fail(`${raw}: ${path}: No such file or directory`);
        if (c.redirect) w.writeFile(c.redirect.path, content, c.redirect.append);
        else ctx.output.push(content.trimEnd());
      }
      return 0;
    }
    case "rm": {
      const flags = args.filter((a) => a.startsWith("-")).join("");
      let status = 0;
      for (const path of args.filter((a) => !a.startsWith("-"))) {
        if (!w.removeFile(path, flags.includes("r")) && !flags.includes("f"))
          status = fail(`rm: cannot remove '${path}': No such file or directory`);
      }
      return status;
    }
    case "mkdir":
      for (const path of args.filter((a) => !a.startsWith("-"))) w.makeDir(path);
      return 0;
    case "test":
    case "[": {
      const a = name === "[" ? args.slice(0, -1) : args;
      const negate = a[0] === "!";
      const [flag, path] = negate ? a.slice(1) : a;
      const exists = w.readFile(path ?? "") !== undefined;
      const result =
        flag === "-d"
          ? w.isDir(path ?? "")
          : flag === "-f"
            ? exists
            : flag === "-e"
              ? exists || w.isDir(path ?? "")
              : false;
      return result !== negate ? 0 : 1;
    }
    case "ping":
    case "nslookup": {
      const host =
        args.filter((a, i) => !a.startsWith("-") && !(i > 0 && /^-[cwW]$/.test(args[i - 1])))[0] ??
        "";
      if (w.knownHost(host)) return 0;
      yield { sleep: 1000 };
      return fail(
        name === "ping" ? `ping: bad address '${host}'` : `** server can't find ${host}: NXDOMAIN`,
      );
    }
    case "nc": {
      const rest = args.filter((a, i) => !a.startsWith("-") && !(i > 0 && args[i - 1] === "-w"));
      const [host, port] = rest;
      return w.tcpOpen(host ?? "", Number(port))
        ? 0
        : fail(`nc: ${host}:${port} (${host}:${port}): Connection refused`);
    }
    case "wget": {
      const url = args.find((a) => /^https?:\/\//.test(a)) ?? "";
      const m = /^https?:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
      if (!m) return fail(`wget: bad address '${url}'`);
      const result = w.httpGet(m[1], Number(m[2] ?? 80), m[3] ?? "/");
      if (result === "refused")
        return fail(`wget: can't connect to remote host (${m[1]}): Connection refused`);
      if (result === "not-http") return fail("wget: server returned an invalid HTTP response");
      return result >= 200 && result < 400
        ? 0
        : fail(`wget: server returned error: HTTP/1.1 ${result}`);
    }
    case "trap": {
      const [handler, ...signals] = args;
      for (const s of signals)
        w.setTrap(s.replace(/^SIG/, ""), handler === "-" ? null : parse(handler ?? ""));
      return 0;
    }
    case "nginx": {
      const i = args.indexOf("-s");
      const sig = args[i + 1];
      if (i < 0 || (sig !== "quit" && sig !== "stop"))
        return fail("nginx: only `nginx -s quit` and `nginx -s stop` are modelled");
      return w.signalServer(sig)
        ? 0
        : fail('nginx: [error] invalid PID number "" in "/run/nginx.pid"');
    }
    case "listen":
      w.listen(Number(args[0]));
      return 0;
    case "close":
      w.close(Number(args[0]));
      return 0;
    case "serve":
      w.serve(Number(args[0]), args[1] ?? "/", Number(args[2] ?? 200));
      return 0;
    case "await": {
      const [port, path, count] = [Number(args[0]), args[1] ?? "/", Number(args[2] ?? 1)];
      if (!Number.isInteger(port) || !Number.isInteger(count) || count < 1)
        return fail("await: usage: await PORT PATH COUNT");
      const from = w.hits(port, path);
      while (w.hits(port, path) - from < count) yield { sleep: 1000 };
      return 0;
    }
    case "alloc": {
      const bytes = quantityBytes(args[0] ?? "");
      if (bytes === null) return fail(`alloc: invalid quantity '${args[0] ?? ""}'`);
      w.allocate(bytes);
      return 0;
    }
    case "free":
      w.free();
      return 0;
    case "panic":
      // A Go program's last words: the panic and its goroutine trace on stderr, exit status 2.
      (ctx.errors ?? ctx.output).push(
        `panic: ${args.join(" ")}\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d`,
      );
      throw new ExitSignal(2);
    default:
      return fail(`sh: ${raw}: not found`, 127);
  }
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `30`, `30s`, `2m`, `1h`, `0.5`, `infinity` → ms (Infinity for infinity); null when unreadable. */
export function duration(text: string): number | null {
  if (text === "infinity") return Infinity;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"]!;
  return Number(m[1]) * unit;
}
