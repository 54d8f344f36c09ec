// The grading API's batch endpoint against the same answers graded in this process: 1,000
// answers to the attention exercise (right, right but typed differently, a named
// misconception, partly right, wrong, unreadable) POSTed to the app's production server (dist/server.mjs) on the production
// build, and the same 1,000 passed to `grade()` here. Both sides grade the same variants and
// are warmed up first (the grader caches a variant from its second answer on, in either
// process). Target (issue: grading API): the HTTP round trip within 2× of grading in-process.
//
//   pnpm bench:api-grading              # 15 rounds; builds apps/web first if it has no build
//   pnpm bench:api-grading --rounds 5
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadExercises } from "@llm-basics/content";
import { createApiToken, makeInstructor, migrateDatabase, openDatabase } from "@llm-basics/db";
import {
  type Exercise,
  evaluateAuthorExpression,
  grade,
  type Value,
  type Verdict,
  variantValues,
} from "@llm-basics/grading";
import { collectGarbage, median } from "./math/timing.ts";
import { ensureWebBuild } from "./web-build.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rounds: { type: "string", default: "15" },
    count: { type: "string", default: "1000" },
  },
});
const rounds = Number(values.rounds);
const count = Number(values.count);

const root = fileURLToPath(new URL("../", import.meta.url));
const webDir = `${root}apps/web`;

ensureWebBuild(root);

// The exercise as the server loads it: the same content directory.
const index = await loadExercises({ contentDir: `${root}content`, includeDrafts: false });
const exerciseId = "attention-weights";
const exercise = index.exercises.get(exerciseId)?.exercise;
if (!exercise) throw new Error(`content/ has no exercise ${exerciseId}`);

/** A matrix typed as a learner would: 4 decimals, or written another accepted way. */
const typed = (m: number[][], digits = 4) =>
  `[${m.map((row) => `[${row.map((x) => x.toFixed(digits)).join(", ")}]`).join(", ")}]`;
const fullWidth = (m: number[][]) =>
  `［${m.map((row) => `［${row.map((x) => x.toFixed(3)).join("，")}］`).join("，")}］`;
const latex = (m: number[][]) =>
  `\\begin{bmatrix} ${m.map((row) => row.map((x) => x.toFixed(3)).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
const value = (ex: Exercise, seed: number, expr: string) =>
  evaluateAuthorExpression(expr, variantValues(ex, seed).values) as number[][];

/** 1,000 answers over 250 variants: the mix a class of learners sends. */
function answers(ex: Exercise): Array<{ seed: number; answer: string }> {
  const list: Array<{ seed: number; answer: string }> = [];
  for (let i = 0; i < count; i++) {
    const seed = 1000 + (i % 250);
    const right = variantValues(ex, seed).expected[0] as Value as number[][];
    const kind = i % 20;
    let answer: string;
    if (kind < 7) answer = typed(right);
    else if (kind === 7) answer = fullWidth(right);
    else if (kind === 8) answer = latex(right);
    else if (kind === 9)
      answer = typed(value(ex, seed, "softmax(Q * K')")); // attention-no-scaling
    else if (kind === 10)
      answer = typed(value(ex, seed, "softmax(Q * K' / 4)")); // scaled by d_k
    else if (kind === 11)
      answer = typed(value(ex, seed, "Q * K' / 2")); // forgot the softmax
    else if (kind === 12)
      answer = typed(value(ex, seed, "softmax(K * Q' / 2)")); // keys first (3×2)
    else if (kind < 15) answer = typed(right.map((row, r) => row.map((x, c) => (r === 1 && c === 2 ? x + 0.2 : x))));
    else if (kind < 17) answer = typed(right.map((row) => row.map((x) => 1 - x)));
    else if (kind === 17) answer = typed(right).slice(0, -3);
    else if (kind === 18) answer = "[[0.5, 0.5, 0], [0.2, 0.8, 0]";
    else answer = "答案：[[0.3, 0.3, 0.4], [0.2, 0.2, 0.6]]";
    list.push({ seed, answer });
  }
  return list;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

// Grading needs an API token: an instructor's, in a database of the bench's own.
const dir = mkdtempSync(path.join(tmpdir(), "llmb-bench-api-"));
const databaseUrl = `file:${path.join(dir, "app.db")}`;
await migrateDatabase(databaseUrl);
const setup = openDatabase(databaseUrl);
const instructor = await makeInstructor(setup, { email: "bench@example.com", password: "bench instructor password" });
if (!instructor.ok) throw new Error(instructor.problem);
const { token } = await createApiToken(setup, { createdById: instructor.user.id, name: "api-grading bench" });
await setup.close();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// A limit no batch here reaches, so the limiter's own work is measured too.
// The app's production server, as `npm start` runs it.
const server = spawn(process.execPath, ["dist/server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], {
  cwd: webDir,
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    GRADING_API_RATE_LIMIT: "1000000000",
    GRADING_API_TOKEN_RATE_LIMIT: "1000000000",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = () => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
};
process.on("exit", stop);

async function ready(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/v1/exercises`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not answer within 30 s");
}

const batch = answers(exercise);
const body = {
  answers: batch.map((a) => ({ exerciseId, seed: a.seed, answer: a.answer })),
  locale: "zh",
};

function inProcess(): Verdict[] {
  return batch.map((a) => grade(exercise as Exercise, a.seed, a.answer, { locale: "zh" }));
}

async function overHttp(): Promise<Verdict[]> {
  const response = await fetch(`${base}/api/v1/grade`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /api/v1/grade: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { verdicts: Verdict[] }).verdicts;
}

async function time<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  collectGarbage();
  const started = process.hrtime.bigint();
  const result = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

try {
  await ready();
  // Warm up: the JIT on both sides, the variants in both processes' caches, keep-alive sockets.
  for (let i = 0; i < 5; i++) {
    inProcess();
    await overHttp();
  }
  // The two must agree, verdict by verdict, or the comparison means nothing.
  const here = inProcess();
  const there = await overHttp();
  const mismatch = here.findIndex((v, i) => JSON.stringify(v) !== JSON.stringify(there[i]));
  if (mismatch !== -1)
    throw new Error(
      `verdict ${mismatch} differs: ${JSON.stringify(here[mismatch])} vs ${JSON.stringify(there[mismatch])}`,
    );
  const statuses = new Map<string, number>();
  for (const v of here) {
    const key = v.misconception ? `${v.status} (${v.misconception.id})` : v.status;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }

  const local: number[] = [];
  const remote: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first, so neither always runs right after the other's garbage.
    const first = r % 2 === 0;
    const a = first ? await time(inProcess) : await time(overHttp);
    const b = first ? await time(overHttp) : await time(inProcess);
    const [l, h] = first ? [a.ms, b.ms] : [b.ms, a.ms];
    local.push(l);
    remote.push(h);
    ratios.push(h / l);
  }
  const range = (xs: number[], digits = 1) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  const ratio = median(remote) / median(local);
  const bytes = JSON.stringify(body).length;
  console.log(
    `api-grading bench: ${count} answers to ${exerciseId} per batch, ${rounds} rounds, the app's server on :${port}\n`,
  );
  console.log(
    `answers: ${[...statuses].map(([k, n]) => `${n} ${k}`).join(", ")}; request ${(bytes / 1024).toFixed(0)} KiB\n`,
  );
  console.log("| side | median ms | range ms | answers/s |");
  console.log("|:--|--:|--:|--:|");
  console.log(
    `| grade() in this process | ${median(local).toFixed(1)} | ${range(local)} | ${((count / median(local)) * 1000).toFixed(0)} |`,
  );
  console.log(
    `| POST /api/v1/grade (HTTP, JSON both ways) | ${median(remote).toFixed(1)} | ${range(remote)} | ${((count / median(remote)) * 1000).toFixed(0)} |`,
  );
  const fastest = Math.min(...remote) / Math.min(...local);
  console.log(
    `\nratio HTTP / in-process: ${ratio.toFixed(2)}× of the medians, ${fastest.toFixed(2)}× of the fastest rounds (per round ${range(ratios, 2)}) — target ≤ 2×: ${ratio <= 2 && fastest <= 2 ? "met" : "missed"}`,
  );
  const load = loadavg()[0] ?? 0;
  if (load > 1)
    console.log(
      `(load average ${load.toFixed(1)} on ${cpus().length} cores: other work shared the CPU; rerun when quiet)`,
    );
} finally {
  stop();
}
