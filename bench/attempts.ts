// Attempts graded and recorded per second through the app's production server (the one `npm
// start` runs), 50 learners at once, against a minimal node:http server that only INSERTs the
// same row (baseline: attempts-baseline.ts) — on SQLite (WAL, synchronous=FULL) and, when
// TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL (fresh databases there). Rounds are
// interleaved; both sides acknowledge an attempt only after its commit. A third row, the same
// endpoint grading without recording, shows what the server and grading cost before the
// database is involved.
// Target (issue 14): ≥ 0.5× the baseline's throughput, p99 ≤ 2× the baseline's.
// Where `taskset` exists, this process (the load generator) runs on core 0 and the servers on
// core 1 (the PostgreSQL server itself is not pinned).
//
//   pnpm bench attempts                     # 5 rounds of 8 s each; builds apps/web if needed
//   pnpm bench attempts --rounds 5 --seconds 10 --connections 50 --databases sqlite
//   pnpm bench attempts --rounds 1 --profile /tmp/prof   # the app's CPU profile (node --cpu-prof) too
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
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
import { variantSeed } from "@llm-basics/progress/learner-state";
import autocannon from "autocannon";
import pg from "pg";
import { median } from "./math/timing.ts";
import { ensureWebBuild } from "./web-build.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "8" },
    connections: { type: "string", default: "50" },
    databases: { type: "string", default: process.env.TEST_DATABASE_URL ? "sqlite,postgres" : "sqlite" },
    profile: { type: "string" },
    // Which rows to measure: baseline, api, graded, page (all by default; one, for a profile of it).
    only: { type: "string", default: "baseline,api,graded,page" },
  },
});
const only = new Set(values.only.split(","));
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const databases = values.databases.split(",") as Array<"sqlite" | "postgres">;
if (databases.includes("postgres") && !process.env.TEST_DATABASE_URL) {
  console.error("--databases postgres needs TEST_DATABASE_URL (a PostgreSQL server: see .ci/postgres.sh)");
  process.exit(2);
}

const root = fileURLToPath(new URL("../", import.meta.url));
const webDir = `${root}apps/web`;
ensureWebBuild(root);

const exerciseId = "softmax-probability";
const index = await loadExercises({ contentDir: `${root}content`, includeDrafts: false });
const found = index.exercises.get(exerciseId)?.exercise;
if (!found) throw new Error(`content/ has no exercise ${exerciseId}`);
const exercise = found;

// The load generator on core 0, the servers on core 1, where the machine allows.
const pinned = cpus().length >= 2 && spawnSync("taskset", ["-cp", "0", String(process.pid)]).status === 0;
const onServerCore = (command: string, args: string[]): [string, string[]] =>
  pinned ? ["taskset", ["-c", "1", command, ...args]] : [command, args];

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
const cleanups: Array<() => void> = [];
process.on("exit", () => {
  for (const child of children) child.kill();
  for (const cleanup of cleanups) cleanup();
});

/** Two empty databases of the provider: the app's and the baseline's. */
async function freshDatabases(
  provider: "sqlite" | "postgres",
): Promise<{ app: string; baseline: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "llmb-bench-attempts-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (provider === "sqlite") {
    return { app: `file:${path.join(dir, "app.db")}`, baseline: path.join(dir, "baseline.db"), drop: async () => {} };
  }
  const admin = process.env.TEST_DATABASE_URL as string;
  const names = ["app", "baseline"].map((side) => `llmb_bench_${side}_${process.pid}`);
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  const urls: string[] = [];
  for (const name of names) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    urls.push(url.toString());
  }
  const drop = async () => {
    for (const name of names) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { app: urls[0] as string, baseline: urls[1] as string, drop };
}

/** Who answers: an API token recording for learners, or the learners' own pages (their session cookies). */
type Target = { name: string; url: string; record: boolean; authorization?: string; page?: { origin: string } };
type Learner = { id: string; seed: number; right: string; session: string; pageSeed: number; pageRight: string };
type Sample = { perSecond: number; p99: number; ok: number; other: number };

async function load(target: Target, learners: Learner[], duration: number): Promise<Sample> {
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
        setupRequest: (request, context: { learner?: Learner }) => {
          context.learner ??= learners[next++ % learners.length];
          const learner = context.learner as Learner;
          const right = sent++ % 4 === 0;
          if (target.page) {
            // As the lesson page posts it: the learner's own variant, their session cookie, this site's Origin.
            const body = { exerciseId, answer: right ? learner.pageRight : "0.5", seed: learner.pageSeed };
            return {
              ...request,
              headers: { ...request.headers, cookie: `lb_session=${learner.session}`, origin: target.page.origin },
              body: JSON.stringify(body),
            };
          }
          const answer = right ? learner.right : "0.5";
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

/** The bench on one database; returns whether every acknowledged attempt was stored. */
async function benchOn(provider: "sqlite" | "postgres"): Promise<boolean> {
  const urls = await freshDatabases(provider);
  await migrateDatabase(urls.app);
  const setup = openDatabase(urls.app);
  const instructor = await makeInstructor(setup, {
    email: "bench@example.com",
    password: "bench instructor password",
  });
  if (!instructor.ok) throw new Error(instructor.problem);
  const { token } = await createApiToken(setup, { createdById: instructor.user.id, name: "bench" });
  // One learner per connection, each on their own variant; every fourth answer is right.
  const learners: Learner[] = await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const seed = 5000 + i;
      const right = variantValues(exercise, seed).expected[0] as number;
      const guest = await createGuest(setup, { visitorId: `bench-visitor-${i}-${"x".repeat(8)}` });
      // The variant the learner's page shows them (their first of this exercise).
      const pageSeed = variantSeed(guest.user.seedKey, exerciseId, 0);
      const pageRight = variantValues(exercise, pageSeed).expected[0] as number;
      return {
        id: guest.user.id,
        seed,
        right: right.toFixed(4),
        session: guest.token,
        pageSeed,
        pageRight: pageRight.toFixed(4),
      };
    }),
  );

  const appPort = await freePort();
  // The app's own production server (apps/web/dist/server.mjs, what `npm start` runs); with
  // --profile under node's --cpu-prof.
  const profileArgs = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile, provider)}`] : [];
  const app = spawn(
    ...onServerCore(process.execPath, [
      ...profileArgs,
      "dist/server.mjs",
      "--port",
      String(appPort),
      "--hostname",
      "127.0.0.1",
    ]),
    {
      cwd: webDir,
      // The server's own errors go to this process's stderr (a failing write must not pass unseen).
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: urls.app,
        GRADING_API_RATE_LIMIT: "0",
        GRADING_API_TOKEN_RATE_LIMIT: "0",
      },
    },
  );
  children.push(app);
  const basePort = await freePort();
  const baseline = spawn(
    ...onServerCore(process.execPath, ["--import", "tsx", "attempts-baseline.ts", String(basePort), urls.baseline]),
    { cwd: fileURLToPath(new URL(".", import.meta.url)), stdio: ["ignore", "ignore", "inherit"] },
  );
  children.push(baseline);
  const gradeUrl = `http://127.0.0.1:${appPort}/api/v1/exercises/${exerciseId}/grade`;
  await waitFor(`http://127.0.0.1:${appPort}/api/v1/openapi.json`);
  await waitFor(`http://127.0.0.1:${basePort}/`, {
    method: "POST",
    body: JSON.stringify({ learner: "w", answer: "0", seed: 0 }),
  });

  const rows: Array<Target & { key: string }> = [
    {
      key: "baseline",
      name: `baseline: node:http + ${provider === "sqlite" ? "better-sqlite3" : "pg"} INSERT`,
      url: `http://127.0.0.1:${basePort}/attempt`,
      record: true,
    },
    {
      key: "api",
      name: "app: POST …/grade, graded + recorded",
      url: gradeUrl,
      record: true,
      authorization: `Bearer ${token}`,
    },
    {
      key: "graded",
      name: "app: POST …/grade, graded only (no DB)",
      url: gradeUrl,
      record: false,
      authorization: `Bearer ${token}`,
    },
    {
      key: "page",
      name: "app: POST /api/answer (the lesson page)",
      url: `http://127.0.0.1:${appPort}/api/answer`,
      record: true,
      page: { origin: `http://127.0.0.1:${appPort}` },
    },
  ];
  const targets = rows.filter((row) => only.has(row.key));
  console.log(`\n${provider}:`);
  for (const target of targets) await load(target, learners, 2); // warm-up: JIT, page cache, prepared statements
  const before = await countAttempts(setup);
  // The bench's own connection stays closed while the server is measured.
  await setup.close();
  const samples = new Map(targets.map((t) => [t.name, [] as Sample[]]));
  let recordedOk = 0;
  for (let r = 0; r < rounds; r++) {
    // Interleaved, and each round in another order, so no side always follows the same one.
    const order = r % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const sample = await load(target, learners, seconds);
      samples.get(target.name)?.push(sample);
      if (target.record && target.key !== "baseline") recordedOk += sample.ok;
      console.log(
        `  round ${r + 1} ${target.name.padEnd(46)} ${sample.perSecond.toFixed(0).padStart(6)}/s  p99 ${String(sample.p99).padStart(4)} ms` +
          (sample.other ? `  (${sample.other} not 2xx)` : ""),
      );
    }
  }
  const check = openDatabase(urls.app);
  const stored = (await countAttempts(check)) - before;
  await check.close();
  // The app writes its CPU profile as it exits: waited for, so that nothing kills it meanwhile.
  const exited = new Promise((resolve) => app.once("exit", resolve));
  app.kill();
  baseline.kill();
  await exited;
  await urls.drop();

  const summary = rows.map((t) => {
    const s = samples.get(t.name) ?? [];
    return {
      name: t.name,
      perSecond: s.length ? median(s.map((x) => x.perSecond)) : Number.NaN,
      worstPerSecond: Math.min(...s.map((x) => x.perSecond)),
      p99: s.length ? median(s.map((x) => x.p99)) : Number.NaN,
      worstP99: Math.max(...s.map((x) => x.p99)),
    };
  });
  const [base, recorded, gradeOnly, page] = summary as [
    (typeof summary)[0],
    (typeof summary)[0],
    (typeof summary)[0],
    (typeof summary)[0],
  ];
  console.log(`\n${provider}, medians (worst) of ${rounds} rounds:`);
  for (const s of summary.filter((row) => !Number.isNaN(row.perSecond)))
    console.log(
      `  ${s.name.padEnd(46)} ${s.perSecond.toFixed(0).padStart(6)}/s (${s.worstPerSecond.toFixed(0)})  p99 ${s.p99} ms (${s.worstP99})`,
    );
  const lines: string[] = [];
  const versus = (row: (typeof summary)[0], target: number, p99Target?: number) => {
    const throughput = row.perSecond / base.perSecond;
    const latency = row.p99 / base.p99;
    const met = throughput >= target && (p99Target === undefined || latency <= p99Target);
    return (
      `throughput ${throughput.toFixed(2)}× (target ≥ ${target}×), p99 ${latency.toFixed(2)}×` +
      `${p99Target === undefined ? "" : ` (target ≤ ${p99Target}×)`}: ${met ? "met" : "NOT MET"}`
    );
  };
  if (only.has("baseline") && only.has("api"))
    lines.push(`API (token, recorded) / baseline: ${versus(recorded, 0.5, 2)}`);
  if (only.has("baseline") && only.has("page")) lines.push(`lesson page / baseline: ${versus(page, 0.3)}`);
  if (only.has("baseline") && only.has("graded"))
    lines.push(
      `graded-only / baseline: ${(gradeOnly.perSecond / base.perSecond).toFixed(2)}× — the server and grading alone, no database`,
    );
  if (only.has("api") && only.has("graded"))
    lines.push(
      `recorded / graded-only: ${(recorded.perSecond / gradeOnly.perSecond).toFixed(2)}× — what recording costs on top`,
    );
  lines.push(
    `acknowledged attempts in the measured rounds: ${recordedOk}; rows stored: ${stored}` +
      (stored >= recordedOk
        ? ` (none lost; ${stored - recordedOk} more were still in flight when a round ended)`
        : " (LOST ATTEMPTS: fewer rows than acknowledgements)"),
  );
  console.log(lines.join("\n"));
  return stored >= recordedOk;
}

console.log(
  `attempts bench: ${connections} learners at once, ${rounds} rounds of ${seconds} s per target, interleaved; ` +
    `${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}; ` +
    (pinned ? "load generator on core 0, servers on core 1" : "not pinned (no taskset, or one core)"),
);
let allStored = true;
for (const provider of databases) allStored = (await benchOn(provider)) && allStored;
process.exit(allStored ? 0 : 1);
