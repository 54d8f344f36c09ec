// matmul, row softmax and attention at n ∈ {8, 64, 256} (attention with d = n): @llm-basics/math-core
// against ml-matrix in this process, and numpy (math-core-numpy.py, in a python3 process
// that waits while Node measures) as the physical reference, all on the same seeded inputs.
// The results are checked against each other once, then each (operation, n) is timed in
// batches of about --batch-ms, implementations interleaved round by round; medians and
// ratios are printed, and whether attention at n = d = 64 is within 8× of numpy.
//
//   pnpm bench:math-core                        # 5 rounds of 200 ms batches
//   pnpm bench:math-core --quick                # 3 rounds of 50 ms batches
//   pnpm bench:math-core --skip math-core       # before the package exports its functions
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Implementation, loadMathCore, mlMatrix } from "./math/implementations.ts";
import { type MathCase, makeCase } from "./math/inputs.ts";
import { calibrate, collectGarbage, maxAbsDiff, median, timeBatch } from "./math/timing.ts";

const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === "--" ? args.slice(1) : args,
  options: {
    sizes: { type: "string", default: "8,64,256" },
    rounds: { type: "string" },
    "batch-ms": { type: "string" },
    quick: { type: "boolean", default: false },
    skip: { type: "string", multiple: true, default: [] },
    python: { type: "string", default: "python3" },
    "numpy-threads": { type: "string" },
    seed: { type: "string", default: "1" },
  },
});
const sizes = values.sizes.split(",").map((s) => Number(s.trim()));
const rounds = Number(values.rounds ?? (values.quick ? 3 : 5));
const batchMs = Number(values["batch-ms"] ?? (values.quick ? 50 : 200));
const seed = Number(values.seed);
const skip = new Set(values.skip);
for (const name of skip) {
  if (name !== "math-core" && name !== "numpy") fail(`--skip takes math-core or numpy, not ${JSON.stringify(name)}`);
}
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes must be positive integers: ${values.sizes}`);
if (!Number.isInteger(rounds) || rounds < 1) fail(`--rounds must be a positive integer: ${values.rounds}`);
if (!(batchMs > 0)) fail(`--batch-ms must be positive: ${values["batch-ms"]}`);

const TOLERANCE = 1e-9;
const TARGET = { op: "attention", n: 64, within: 8 } as const;
const operations = ["matmul", "softmax", "attention"] as const;
type Operation = (typeof operations)[number];
type Result = number[][] | { output: number[][]; weights: number[][] };
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

function fail(message: string): never {
  console.error(`bench:math-core: ${message}`);
  process.exit(1);
}

// --- implementations -------------------------------------------------------------------------

const implementations: Implementation[] = [];
if (!skip.has("math-core")) {
  const mathCore = await loadMathCore();
  if (typeof mathCore === "string") fail(`${mathCore}; run with --skip math-core to bench the rest`);
  implementations.push(mathCore);
}
implementations.push(mlMatrix);

const cases: MathCase[] = sizes.map((n) => makeCase(seed, n));
const key = (op: Operation, n: number) => `${op}:${n}`;

/** What each JS implementation runs for one (operation, case); attention returns both results. */
function runner(impl: Implementation, op: Operation, c: MathCase): () => Result {
  if (op === "matmul") return () => impl.matmul(c.A, c.B);
  if (op === "softmax") return () => impl.softmax(c.X);
  return () => impl.attention(c.Q, c.K, c.V);
}
/** The same, shaped for timeBatch (which only reads `.length` of what comes back). */
function timed(impl: Implementation, op: Operation, c: MathCase): () => { length: number } {
  if (op === "attention") return () => impl.attention(c.Q, c.K, c.V).output;
  return op === "matmul" ? () => impl.matmul(c.A, c.B) : () => impl.softmax(c.X);
}

// --- numpy, in its own process ----------------------------------------------------------------

interface NumpyProcess {
  ask<T>(command: string): Promise<T>;
  close(): void;
}

function startNumpy(inputsPath: string): NumpyProcess {
  // Per our toolchain notes, numpy is timed without the machine's OpenBLAS overrides.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (values["numpy-threads"] !== undefined) {
    env.OPENBLAS_NUM_THREADS = values["numpy-threads"];
    env.OMP_NUM_THREADS = values["numpy-threads"];
  }
  const child: ChildProcessWithoutNullStreams = spawn(values.python, [here("math-core-numpy.py"), inputsPath], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stderr.on("data", (chunk) => process.stderr.write(chunk));
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let ended: Error | undefined;
  const endAll = (error: Error) => {
    ended ??= error;
    for (const w of waiting.splice(0)) w.reject(ended);
  };
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.resolve(line));
  child.on("error", (error) => endAll(new Error(`cannot run ${values.python}: ${error.message}`)));
  child.on("exit", (code) => endAll(new Error(`${values.python} math-core-numpy.py exited with code ${code}`)));
  return {
    ask: <T>(command: string) =>
      new Promise<T>((resolve, reject) => {
        if (ended) return reject(ended);
        waiting.push({ resolve: (line) => resolve(JSON.parse(line) as T), reject });
        child.stdin.write(`${command}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

let numpy: NumpyProcess | undefined;
let numpyLabel = "numpy (skipped)";
if (!skip.has("numpy")) {
  const outDir = here(".out");
  mkdirSync(outDir, { recursive: true });
  const inputsPath = `${outDir}/math-core-inputs.json`;
  writeFileSync(inputsPath, JSON.stringify({ seed, cases }));
  numpy = startNumpy(inputsPath);
  const info = await numpy
    .ask<{ numpy: string; blas: string; python: string }>("info")
    .catch((error: Error) => fail(`${error.message}; run with --skip numpy to bench without it`));
  const threads = values["numpy-threads"] ? `, ${values["numpy-threads"]} BLAS thread(s)` : "";
  numpyLabel = `numpy ${info.numpy} (${info.blas}${threads}, Python ${info.python})`;
}

const skipped = [...skip].map((name) => `${name} skipped`).join(", ");
console.log(
  `math-core bench: n ∈ {${sizes.join(", ")}}, d = n, ${rounds} round(s) of ~${batchMs} ms batches per measurement` +
    `${skipped ? ` (${skipped})` : ""}\n  Node ${process.version}; ${numpyLabel}`,
);
const load = loadavg()[0] ?? 0;
if (load > 0.5) {
  console.log(
    `  note: load average ${load.toFixed(1)}; other processes are running, so absolute times will be noisy ` +
      "(the ratios less so: implementations are interleaved)",
  );
}

// --- correctness, once, before any timing ---------------------------------------------------------

function compare(a: Result, b: Result): number {
  if (Array.isArray(a) && Array.isArray(b)) return maxAbsDiff(a, b);
  if (!Array.isArray(a) && !Array.isArray(b))
    return Math.max(maxAbsDiff(a.output, b.output), maxAbsDiff(a.weights, b.weights));
  return Number.POSITIVE_INFINITY;
}

const reference = new Map<string, Result>(); // ml-matrix's results
for (const c of cases) {
  for (const op of operations) reference.set(key(op, c.n), runner(mlMatrix, op, c)());
}
const others: { name: string; results: Map<string, Result> }[] = implementations
  .filter((impl) => impl !== mlMatrix)
  .map((impl) => ({
    name: impl.name,
    results: new Map(cases.flatMap((c) => operations.map((op) => [key(op, c.n), runner(impl, op, c)()] as const))),
  }));
if (numpy) {
  const results = await numpy.ask<Record<string, Result>>("check");
  others.push({ name: "numpy", results: new Map(Object.entries(results)) });
}
let wrong = false;
for (const other of others) {
  const diffs = [...reference].map(([k, expected]) => {
    const actual = other.results.get(k);
    return { k, diff: actual === undefined ? Number.POSITIVE_INFINITY : compare(actual, expected) };
  });
  const worst = diffs.reduce((a, b) => (b.diff > a.diff ? b : a));
  const ok = worst.diff < TOLERANCE;
  wrong ||= !ok;
  console.log(
    `  check ${other.name} against ml-matrix: max |Δ| = ${worst.diff.toExponential(1)} (${worst.k}) ${ok ? "ok" : `≥ ${TOLERANCE}: WRONG`}`,
  );
}
if (others.length === 0) console.log("  check: nothing to compare ml-matrix with (math-core and numpy skipped)");
if (wrong) fail("results disagree; not timing a wrong answer");

// --- timing -------------------------------------------------------------------------------------

const started = performance.now();
const iterations = new Map<string, number>(); // `${impl}|${op}:${n}`
for (const c of cases) {
  for (const op of operations) {
    for (const impl of implementations) {
      iterations.set(`${impl.name}|${key(op, c.n)}`, calibrate(timed(impl, op, c), batchMs));
    }
  }
}
if (numpy) await numpy.ask(`calibrate ${batchMs}`);

const samples = new Map<string, number[]>(); // µs per call, one per round
const record = (name: string, k: string, us: number) => {
  const list = samples.get(`${name}|${k}`) ?? [];
  list.push(us);
  samples.set(`${name}|${k}`, list);
};
for (let round = 1; round <= rounds; round++) {
  for (const c of cases) {
    for (const op of operations) {
      // Alternate which implementation goes first, so drift favours neither.
      const order = round % 2 ? implementations : [...implementations].reverse();
      for (const impl of order) {
        const count = iterations.get(`${impl.name}|${key(op, c.n)}`) ?? 1;
        // Start every batch on a clean heap, so one library's garbage is not collected on
        // another's time (node --expose-gc; run.ts and the package scripts pass it).
        collectGarbage();
        record(impl.name, key(op, c.n), (timeBatch(timed(impl, op, c), count) * 1000) / count);
      }
    }
  }
  if (numpy) {
    const perCall = await numpy.ask<Record<string, number>>("round");
    for (const [k, us] of Object.entries(perCall)) record("numpy", k, us);
  }
  console.log(`  round ${round}/${rounds} done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
numpy?.close();

// --- report -------------------------------------------------------------------------------------

const us = (name: string, op: Operation, n: number): number | undefined => {
  const list = samples.get(`${name}|${key(op, n)}`);
  return list ? median(list) : undefined;
};
const formatUs = (value: number | undefined) =>
  value === undefined ? "—" : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
const ratio = (top: number | undefined, bottom: number | undefined) =>
  top === undefined || bottom === undefined ? undefined : top / bottom;
const formatRatio = (value: number | undefined) => (value === undefined ? "—" : `${value.toFixed(2)}×`);

const header = ["op", "n", "math-core µs", "ml-matrix µs", "numpy µs", "ml-matrix/math-core", "math-core/numpy"];
const rows = cases.flatMap((c) =>
  operations.map((op) => {
    const mc = us("math-core", op, c.n);
    const ml = us("ml-matrix", op, c.n);
    const np = us("numpy", op, c.n);
    return [
      op,
      String(c.n),
      formatUs(mc),
      formatUs(ml),
      formatUs(np),
      formatRatio(ratio(ml, mc)),
      formatRatio(ratio(mc, np)),
    ];
  }),
);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) =>
  `| ${cells.map((cell, i) => (i < 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
console.log(
  `\n${line(header)}\n|${widths.map((w, i) => (i < 1 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
);
for (const row of rows) console.log(line(row));
console.log(
  "\nµs per call, median of the rounds. math-core and ml-matrix: number[][] in, number[][] out " +
    "(ml-matrix's Matrix construction and to2DArray() included); numpy: prebuilt arrays, operation only.",
);

const target = ratio(us("math-core", TARGET.op, TARGET.n), us("numpy", TARGET.op, TARGET.n));
const targetLabel = `target (${TARGET.op} at n = d = ${TARGET.n} within ${TARGET.within}× of numpy)`;
if (target === undefined) {
  console.log(`${targetLabel}: not measured in this run`);
} else {
  // math-core and numpy ran in the same round, one after the other: their per-round ratios.
  const ours = samples.get(`math-core|${key(TARGET.op, TARGET.n)}`) ?? [];
  const theirs = samples.get(`numpy|${key(TARGET.op, TARGET.n)}`) ?? [];
  const perRound = ours.map((value, i) => value / (theirs[i] ?? Number.NaN));
  const range = `rounds ${Math.min(...perRound).toFixed(2)}×–${Math.max(...perRound).toFixed(2)}×`;
  console.log(`${targetLabel}: ${target.toFixed(2)}× (${range}) — ${target <= TARGET.within ? "met" : "missed"}`);
}
