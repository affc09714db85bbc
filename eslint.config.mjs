import { builtinModules } from "node:module";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// Test files and their harnesses: they may reach across the layout (a view's test runs the demo
// cluster, a model's test reads fixture files), so only the zones marked `tests: true` hold there.
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "**/*.test-kit.ts"];

// Folders with no I/O: the model, Kubernetes' own formats, rows, health and the views' pure parts.
const PURE = [
  "lib/timeline",
  "lib/nodes",
  "lib/health",
  "lib/view",
  "lib/k8s",
  "lib/rows",
  "lib/text",
];
// What the server alone runs: the pipeline, talking to the cluster, the store, the demo cluster,
// what the route handlers share, access, the log.
const SERVER = [
  "lib/live",
  "lib/kube",
  "lib/store",
  "lib/demo-cluster",
  "lib/routes",
  "lib/auth",
  "lib/log",
  "lib/logs",
];
const here = (dirs) => dirs.map((d) => `./${d}`);

// The layout's rules (docs/development.md, "Layout rules"): `target` may not import `from`.
// One entry per rule; add a zone here, with a line saying why.
const zones = [
  // The pipeline does not depend on the views: rows, their type and rowAt, live in lib/rows.
  {
    target: "./lib/live",
    from: "./lib/view",
    message: "lib/live does not import lib/view: what both need belongs in lib/rows (or lower).",
    tests: true,
  },
  // The views' pure parts run in the browser too: nothing from the server pipeline.
  {
    target: "./lib/view",
    from: "./lib/live",
    message: "lib/view does not import lib/live: read rows from lib/rows.",
    tests: true,
  },
  // Client components: nothing from the server's folders, not even a type (row types are in lib/rows).
  {
    target: "./components",
    from: here(SERVER),
    message:
      "components/ run in the browser: no import from the server's folders (row types come from lib/rows).",
    tests: true,
  },
  // The pure folders (lib/timeline and beside it) do no I/O: none of the folders that do.
  {
    target: here(PURE),
    from: here(SERVER),
    message:
      "a pure folder (lib/timeline, lib/nodes, lib/health, lib/view, lib/k8s, lib/rows, lib/text) imports nothing that does I/O.",
    tests: false,
  },
  // The demo cluster plays Kubernetes, which the model is checked against: it does not import the
  // model. api-server/table.ts alone prints kubectl's STATUS with kubectlStatus (kubectl's printer).
  {
    target: "./lib/demo-cluster/**/!(table).ts",
    from: "./lib/timeline",
    message:
      "lib/demo-cluster does not import the model it is checked against (lib/timeline): Kubernetes' own formats and rules are in lib/k8s.",
    tests: false,
  },
  // Test harnesses are for tests: production code imports none of them.
  {
    target: ".",
    from: "./**/*.test-kit.ts",
    message: "a *.test-kit.ts harness is for tests only; production code does not import it.",
    tests: false,
  },
];

const restrictedPaths = (zs) => [
  "error",
  { zones: zs.map((z) => ({ target: z.target, from: z.from, message: z.message })) },
];

// The pure folders import no Node built-in and no package that does I/O (the zones above cover
// the project's own folders; these are not paths the import plugin can resolve).
const IO_MESSAGE = "a pure folder does no I/O: no Node built-ins, no SQLite, no Kubernetes client.";
const noIo = [
  "error",
  {
    paths: [...builtinModules, "better-sqlite3", "@kubernetes/client-node"].map((name) => ({
      name,
      message: IO_MESSAGE,
    })),
    patterns: [
      { group: ["node:*", "better-sqlite3/*", "@kubernetes/client-node/*"], message: IO_MESSAGE },
    ],
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  // Formatting is Prettier's (`prettier --check .` in `npm run lint`); ESLint keeps to code.
  prettier,
  {
    ignores: [
      ".next/**",
      ".bench/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "data/**",
    ],
  },
  // The layout's rules. For a file that matches both blocks the later one's zones apply.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: { "import/no-restricted-paths": restrictedPaths(zones) },
  },
  {
    files: TESTS,
    rules: { "import/no-restricted-paths": restrictedPaths(zones.filter((z) => z.tests)) },
  },
  // Smaller rooms: no source file over 400 lines of code (blank lines and comments not counted).
  // A file with no seam to split along says why in its header:
  // `/* eslint-disable max-lines -- <reason> */`. Tests, their kits and e2e specs are exempt.
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: [...TESTS, "e2e/**"],
    rules: { "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: PURE.map((d) => `${d}/**/*.{ts,tsx}`),
    ignores: TESTS,
    rules: { "no-restricted-imports": noIo },
  },
];

export default config;
