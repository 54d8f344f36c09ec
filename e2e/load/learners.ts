// A class at once, and a server that crashes under it. 200 simulated learners arrive over a few
// seconds; each opens a lesson, answers as a guest (single answers and a multi-part one), signs
// up, and answers more, against the production server (`dist/server.mjs`). First `--seconds` of that
// load as it is; then more of it while the server is killed with SIGKILL `--kills` times at
// random moments and started again. Then the database is checked: every attempt the server
// acknowledged is stored (each answer carries a number no other answer has), a multi-part
// attempt is stored whole, the counts kept beside the attempts agree with them, and SQLite's
// integrity check passes. Any 5xx fails the run. On SQLite always, on PostgreSQL too when
// TEST_DATABASE_URL names a server.
//
//   pnpm test:load                      # the short form npm test runs: 20 s of load, then the kills
//   pnpm test:load --seconds 60         # the full run
//   pnpm test:load --learners 50 --kills 3 --databases sqlite
//   pnpm test:load --seed 1733400000000  # the moments of a run it printed, again
//   LOAD_DEBUG=1 pnpm test:load          # prints why each dropped request got no response
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Database, migrateDatabase, openDatabase } from "@llm-basics/db";
import { createRng } from "@llm-basics/math-core";
import pg from "pg";
import { formsOf } from "../tests/server-actions.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    seconds: { type: "string", default: "20" },
    learners: { type: "string", default: "200" },
    kills: { type: "string", default: "10" },
    databases: { type: "string", default: process.env.TEST_DATABASE_URL ? "sqlite,postgres" : "sqlite" },
    seed: { type: "string" },
  },
});
// The moments of arrivals, pauses and kills: random, and the same again with the same --seed.
const seed = values.seed ?? String(Date.now());
const seconds = Number(values.seconds);
const learnerCount = Number(values.learners);
const kills = Number(values.kills);
const databases = values.databases.split(",") as Array<"sqlite" | "postgres">;

const webDir = path.resolve(import.meta.dirname, "../../apps/web");
if (!existsSync(path.join(webDir, ".next", "BUILD_ID")) || !existsSync(path.join(webDir, "dist", "server.mjs"))) {
  console.error("test:load needs the production build of apps/web: run `pnpm build` first");
  process.exit(2);
}

/** What one run saw, to check against the database afterwards. */
interface Ledger {
  /** Every answer the server acknowledged as graded and recorded, by its unique number. */
  acknowledged: Map<string, string | Record<string, string>>;
  serverErrors: string[];
  /** Requests that got no response (the server was killed, or not up yet). */
  dropped: number;
  answers: number;
  signUps: number;
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

/** Learners arrive over this long, as a class opening the lesson does. */
const ARRIVALS_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production server (`dist/server.mjs`, as `npm start` runs it) on `url`, restartable; its stderr goes to this process's. */
class Server {
  #child: ChildProcess | undefined;
  readonly base: string;
  constructor(
    readonly port: number,
    readonly databaseUrl: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.#child = spawn(process.execPath, ["dist/server.mjs", "--port", String(this.port), "--hostname", "127.0.0.1"], {
      cwd: webDir,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: this.databaseUrl,
        // One address stands for a whole class here: no limit may refuse it.
        GRADING_API_RATE_LIMIT: "0",
        GUEST_RATE_LIMIT: "0",
        ACCOUNT_RATE_LIMIT_PER_ADDRESS: "0",
        ACCOUNT_RATE_LIMIT_PER_EMAIL: "0",
      },
    });
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${this.base}/api/v1/openapi.json`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error("the server did not answer within 30 s");
  }

  /** SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}

/** A cookie jar of one learner's browser. */
class Browser {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
}

class Dropped extends Error {}

async function request(server: Server, browser: Browser, pathname: string, init: RequestInit, ledger: Ledger) {
  let response: Response;
  try {
    response = await fetch(`${server.base}${pathname}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), Cookie: browser.header(), Origin: server.base },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    if (process.env.LOAD_DEBUG) console.error(error);
    ledger.dropped++;
    throw new Dropped();
  }
  const text = await response.text().catch(() => {
    ledger.dropped++;
    throw new Dropped();
  });
  if (response.status >= 500) ledger.serverErrors.push(`${init.method ?? "GET"} ${pathname}: ${response.status}`);
  browser.keep(response);
  return { response, text };
}

/** One learner: arrives, opens a lesson, answers as a guest, signs up, answers more; until `until()`. */
async function learner(index: number, server: Server, ledger: Ledger, until: () => number): Promise<void> {
  // Each learner's own draws, and the kills', so one seed gives the same moments however the
  // requests interleave.
  const rng = createRng(`${seed}:learner ${index}`);
  await sleep(rng.float() * ARRIVALS_MS);
  const browser = new Browser();
  let answered = 0;
  let signedUp = false;
  const email = `load-${index}-${randomBytes(4).toString("hex")}@load.example.com`;
  // A number no other answer in the run has: > 1, so it is never a right answer either.
  const unique = () => `${1 + index}.${String(++answered).padStart(5, "0")}${String(index).padStart(4, "0")}`;
  const answer = async () => {
    const multiPart = answered % 4 === 3;
    const n = unique();
    const text = multiPart
      ? { scores: `[[${n}, 0], [0, 1]]`, weights: `[[${n}, 0], [0, 1]]`, output: `[[${n}, 0], [0, 1]]` }
      : n;
    const exerciseId = multiPart ? "attention-step-by-step" : "softmax-probability";
    ledger.answers++;
    const { text: body } = await request(
      server,
      browser,
      "/api/answer",
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ exerciseId, answer: text }),
      },
      ledger,
    );
    const result = JSON.parse(body) as { ok: boolean; error?: string; verdict?: { status: string } };
    if (result.ok && result.verdict?.status !== "invalid") ledger.acknowledged.set(n, text);
    else if (!result.ok && result.error !== "stale-variant") {
      throw new Error(`learner ${index}: an answer was refused: ${JSON.stringify(result)}`);
    }
  };
  const signUp = async () => {
    const { text: html } = await request(server, browser, "/signup/", {}, ledger);
    const form = formsOf(html).find((f) => f.visible.includes("email") && f.visible.includes("password"));
    if (!form) throw new Error("no sign-up form on /signup/");
    const fields = new FormData();
    for (const [k, v] of Object.entries(form.hidden)) fields.set(k, v);
    fields.set("email", email);
    fields.set("password", `load test passphrase ${index}`);
    const { response } = await request(server, browser, "/signup/", { method: "POST", body: fields }, ledger);
    // 303 to where the learner came from; a form shown again (200) would mean it was refused.
    if (response.status === 303) {
      signedUp = true;
      ledger.signUps++;
    }
  };
  while (Date.now() < until()) {
    try {
      if (!browser.cookies.has("lb_learner")) {
        // As a browser opens a lesson: the page (the same for everyone), then its exercises ask
        // for the learner's variants, which gives the browser its learner id.
        await request(server, browser, "/softmax/", {}, ledger);
        await request(
          server,
          browser,
          "/api/my-exercises?ids=softmax-probability,softmax-temperature&locale=zh",
          {},
          ledger,
        );
      } else if (answered < 3 || signedUp) await answer();
      else await signUp();
    } catch (error) {
      if (!(error instanceof Dropped)) throw error;
      // The server is down (or just killed): a browser's user tries again a moment later.
      await sleep(200 + rng.float() * 300);
      continue;
    }
    await sleep(rng.float() * 400);
  }
}

async function check(db: Database, provider: "sqlite" | "postgres", ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.prisma.$queryRawUnsafe<{ answer: string; exerciseId: string }[]>(
    `SELECT "answer", "exerciseId" FROM "Attempt"`,
  );
  const stored = new Map<string, unknown>();
  for (const row of rows) {
    const answer = row.exerciseId === "attention-step-by-step" ? (JSON.parse(row.answer) as unknown) : row.answer;
    const key = typeof answer === "string" ? answer : /\[\[([\d.]+),/.exec(row.answer)?.[1];
    if (key) stored.set(key, answer);
  }
  let missing = 0;
  for (const [key, sent] of ledger.acknowledged) {
    const found = stored.get(key);
    if (found === undefined) missing++;
    else if (JSON.stringify(found) !== JSON.stringify(sent)) {
      problems.push(`attempt ${key} is stored as ${JSON.stringify(found)}, not as sent (${JSON.stringify(sent)})`);
    }
  }
  if (missing > 0) problems.push(`${missing} of ${ledger.acknowledged.size} acknowledged attempts are not stored`);
  // The counts kept beside the attempts: no answer here is right, so every attempt is a wrong one.
  const progress = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "ExerciseProgress" p
     WHERE p."attempts" <> (SELECT COUNT(*) FROM "Attempt" a WHERE a."userId" = p."userId" AND a."exerciseId" = p."exerciseId")`,
  );
  if (Number(progress[0]?.n) > 0)
    problems.push(`${progress[0]?.n} exercise progress rows disagree with their attempts`);
  const variants = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT COUNT(*) AS n FROM "Variant" v
     WHERE v."wrongAttempts" <> (SELECT COUNT(*) FROM "Attempt" a WHERE a."variantId" = v."id")`,
  );
  if (Number(variants[0]?.n) > 0)
    problems.push(`${variants[0]?.n} variants' wrong attempts disagree with their attempts`);
  if (provider === "sqlite") {
    const integrity = await db.prisma.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    if (integrity[0]?.integrity_check !== "ok") problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const foreign = await db.prisma.$queryRawUnsafe<unknown[]>("PRAGMA foreign_key_check");
    if (foreign.length > 0) problems.push(`foreign_key_check: ${foreign.length} rows point nowhere`);
  }
  return problems;
}

async function run(provider: "sqlite" | "postgres"): Promise<boolean> {
  const dir = mkdtempSync(path.join(tmpdir(), "llmb-load-"));
  let url: string;
  let dropDatabase = async () => {};
  if (provider === "sqlite") url = `file:${path.join(dir, "load.db")}`;
  else {
    const admin = process.env.TEST_DATABASE_URL ?? "";
    const name = `llmb_load_${process.pid}`;
    const adminQuery = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${name}`);
    const target = new URL(admin);
    target.pathname = `/${name}`;
    url = target.toString();
    dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await migrateDatabase(url);
  const server = new Server(await freePort(), url);
  const ledger: Ledger = { acknowledged: new Map(), serverErrors: [], dropped: 0, answers: 0, signUps: 0 };
  const started = Date.now();
  await server.start();
  // The learners go on until the crashes are over (`end` is set then).
  let end = Number.POSITIVE_INFINITY;
  const learners = Array.from({ length: learnerCount }, (_, i) => learner(i, server, ledger, () => end));
  const crashes = (async () => {
    await sleep(seconds * 1000);
    const calm = { answers: ledger.answers, acknowledged: ledger.acknowledged.size, dropped: ledger.dropped };
    // Each kill at a random moment of its own few seconds, once the server has been up a while.
    const rng = createRng(`${seed}:kills`);
    for (let k = 0; k < kills; k++) {
      await sleep(300 + rng.float() * 1200);
      await server.kill();
      await server.start();
    }
    await sleep(1000);
    end = Date.now();
    return calm;
  })();
  let failure: unknown;
  const [calm] = await Promise.all([crashes, ...learners]).catch((error: unknown) => {
    failure = error;
    end = Date.now();
    return [undefined];
  });
  if (calm && calm.dropped > 0) failure ??= `${calm.dropped} requests got no response before any kill`;
  if (calm && calm.acknowledged === 0) failure ??= "no answer was acknowledged before the kills: nothing was tested";
  await server.kill();
  const db = openDatabase(url);
  const problems = failure ? [String(failure instanceof Error ? failure.message : failure)] : [];
  problems.push(...(await check(db, provider, ledger)), ...ledger.serverErrors.slice(0, 10));
  if (ledger.serverErrors.length > 0) problems.push(`${ledger.serverErrors.length} responses were 5xx`);
  const users = await db.prisma.user.count({ where: { email: { not: null } } });
  await db.close();
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
  const elapsed = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `${provider}: ${learnerCount} learners, ${seconds} s of load and then ${kills} SIGKILLs (${elapsed} s in all): ` +
      `${calm ? `${calm.acknowledged} answers acknowledged before the kills, ` : ""}` +
      `${ledger.answers} answers sent, ${ledger.acknowledged.size} acknowledged and stored ` +
      `(${[...ledger.acknowledged.values()].filter((a) => typeof a !== "string").length} of them multi-part)` +
      `${problems.length === 0 ? "" : " (see below)"}, ${ledger.dropped} requests dropped by the kills, ` +
      `${ledger.signUps} sign-ups (${users} accounts in the database)`,
  );
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  if (ledger.signUps === 0) console.error("  ✗ no learner signed up");
  return problems.length === 0 && ledger.signUps > 0;
}

console.log(`test:load --seed ${seed} (the same seed repeats the same arrivals, pauses and kill moments)`);
let ok = true;
for (const provider of databases) ok = (await run(provider)) && ok;
process.exit(ok ? 0 : 1);
