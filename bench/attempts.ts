// Attempts graded and recorded per second through the app's HTTP endpoint, 50 learners at once,
// against a minimal node:http server that only INSERTs the same row with better-sqlite3 (WAL,
// synchronous=FULL) — measured side by side in one run, rounds interleaved. Both acknowledge an
// attempt only after its commit. A third row, the same endpoint grading without recording,
// shows what Next.js and grading cost before the database is involved.
// Target (issue #6): ≥ 0.5× the baseline's throughput, p99 ≤ 2× the baseline's.
//
//   pnpm bench attempts                     # 3 rounds of 8 s each; builds apps/web if needed
//   pnpm bench attempts --rounds 5 --seconds 10 --connections 50
//   pnpm bench attempts --rounds 1 --profile /tmp/prof   # the app's CPU profile (node --cpu-prof) too
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadExercises } from "@llm-basics/content";
import {
  countAttempts,
  createApiToken,
  createGuest,
  makeInstructor,
  migrateDatabase,
  openDatabase,
} from "@llm-basics/db";
import { variantValues } from "@llm-basics/grading";
import autocannon from "autocannon";
import { median } from "./math/timing.ts";
import { ensureWebBuild } from "./web-build.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "50" },
    profile: { type: "string" },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const root = fileURLToPath(new URL("../", import.meta.url));
const webDir = `${root}apps/web`;
ensureWebBuild(root);

const exerciseId = "softmax-probability";
const index = await loadExercises({ contentDir: `${root}content`, includeDrafts: false });
const exercise = index.exercises.get(exerciseId)?.exercise;
if (!exercise) throw new Error(`content/ has no exercise ${exerciseId}`);

// One learner per connection, each on their own variant; every fourth answer is right.
const dir = mkdtempSync(path.join(tmpdir(), "llmb-bench-attempts-"));
const appUrl = `file:${path.join(dir, "app.db")}`;
await migrateDatabase(appUrl);
const setup = openDatabase(appUrl);
const instructor = await makeInstructor(setup, { email: "bench@example.com", password: "bench instructor password" });
if (!instructor.ok) throw new Error(instructor.problem);
const { token } = await createApiToken(setup, { createdById: instructor.user.id, name: "bench" });
const learners = await Promise.all(
  Array.from({ length: connections }, async (_, i) => {
    const seed = 5000 + i;
    const right = variantValues(exercise, seed).expected[0] as number;
    return { id: (await createGuest(setup, { visitorId: `bench-${i}` })).user.id, seed, right: right.toFixed(4) };
  }),
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitFor(url: string, init?: RequestInit) {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url, init);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer within 30 s`);
}

const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

const appPort = await freePort();
// With --profile, node runs next itself, so its --cpu-prof covers the server (NODE_OPTIONS may not carry it).
const nextBin = `${webDir}/node_modules/next/dist/bin/next`;
const profileArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`, nextBin] : [];
children.push(
  spawn(
    values.profile ? process.execPath : `${webDir}/node_modules/.bin/next`,
    [...profileArgs, "start", "--port", String(appPort), "--hostname", "127.0.0.1"],
    {
      cwd: webDir,
      // The server's own errors go to this process's stderr (a failing write must not pass unseen).
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: appUrl,
        GRADING_API_RATE_LIMIT: "0",
        GRADING_API_TOKEN_RATE_LIMIT: "0",
      },
    },
  ),
);
const basePort = await freePort();
children.push(
  spawn(
    process.execPath,
    ["--import", "tsx", "attempts-baseline.ts", String(basePort), path.join(dir, "baseline.db")],
    {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdio: "ignore",
    },
  ),
);
const gradeUrl = `http://127.0.0.1:${appPort}/api/v1/exercises/${exerciseId}/grade`;
await waitFor(`http://127.0.0.1:${appPort}/api/v1/openapi.json`);
await waitFor(`http://127.0.0.1:${basePort}/`, {
  method: "POST",
  body: JSON.stringify({ learner: "w", answer: "0", seed: 0 }),
});

type Target = { name: string; url: string; record: boolean; authorization?: string };
const targets: Target[] = [
  { name: "baseline: node:http + better-sqlite3 INSERT", url: `http://127.0.0.1:${basePort}/attempt`, record: true },
  { name: "app: POST …/grade, graded + recorded", url: gradeUrl, record: true, authorization: `Bearer ${token}` },
  {
    name: "app: POST …/grade, graded only (no DB)",
    url: gradeUrl,
    record: false,
    authorization: `Bearer ${token}`,
  },
];

async function load(target: Target, duration: number) {
  let next = 0;
  let sent = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration,
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(target.authorization ? { authorization: target.authorization } : {}),
    },
    requests: [
      {
        setupRequest: (request, context: { learner?: (typeof learners)[number] }) => {
          context.learner ??= learners[next++ % learners.length];
          const learner = context.learner as (typeof learners)[number];
          const answer = sent++ % 4 === 0 ? learner.right : "0.5";
          const body = { seed: learner.seed, answer, ...(target.record ? { learner: learner.id } : {}) };
          return { ...request, body: JSON.stringify(body) };
        },
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    ok: result["2xx"],
    other: result.non2xx + result.errors,
  };
}

console.log(
  `attempts bench: ${connections} learners at once, ${rounds} rounds of ${seconds} s per target, interleaved; ` +
    `${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}\n`,
);
for (const target of targets) await load(target, 2); // warm-up: JIT, page cache, prepared statements
const before = await countAttempts(setup);
// The bench's own connection stays closed while the server is measured.
await setup.close();
const samples = new Map(targets.map((t) => [t.name, [] as Awaited<ReturnType<typeof load>>[]]));
let recordedOk = 0;
for (let r = 0; r < rounds; r++) {
  for (const target of targets) {
    const sample = await load(target, seconds);
    samples.get(target.name)?.push(sample);
    if (target.record && target.authorization) recordedOk += sample.ok;
    console.log(
      `  round ${r + 1} ${target.name.padEnd(46)} ${sample.perSecond.toFixed(0).padStart(6)}/s  p99 ${String(sample.p99).padStart(4)} ms` +
        (sample.other ? `  (${sample.other} not 2xx)` : ""),
    );
  }
}
const check = openDatabase(appUrl);
const stored = (await countAttempts(check)) - before;
await check.close();

const summary = targets.map((t) => {
  const s = samples.get(t.name) ?? [];
  return { name: t.name, perSecond: median(s.map((x) => x.perSecond)), p99: median(s.map((x) => x.p99)) };
});
const [base, app, gradeOnly] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
console.log("\nmedians:");
for (const s of summary) console.log(`  ${s.name.padEnd(46)} ${s.perSecond.toFixed(0).padStart(6)}/s  p99 ${s.p99} ms`);
const throughput = app.perSecond / base.perSecond;
const latency = app.p99 / base.p99;
console.log(
  `\napp / baseline: throughput ${throughput.toFixed(2)}× (target ≥ 0.5×), p99 ${latency.toFixed(2)}× (target ≤ 2×)` +
    `\ngraded-only / baseline: throughput ${(gradeOnly.perSecond / base.perSecond).toFixed(2)}× — Next.js and grading alone, no database` +
    `\nrecorded / graded-only: ${(app.perSecond / gradeOnly.perSecond).toFixed(2)}× — what recording costs on top` +
    `\nacknowledged attempts in the measured rounds: ${recordedOk}; rows stored: ${stored}` +
    (stored >= recordedOk
      ? ` (none lost; ${stored - recordedOk} more were still in flight when a round ended)`
      : " (LOST ATTEMPTS: fewer rows than acknowledgements)"),
);
process.exit(0);
