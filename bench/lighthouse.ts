// Lighthouse 12.2.3 (Lighthouse's defaults: a mobile device, simulated throttling) on pages of the
// app's production server, started as `npm start` starts it; Debian's Chromium, headless. Three
// pages: the home page, the lesson with the largest HTML, and the lesson with the most exercises
// (the next one if that is the same lesson). Five runs each, pages interleaved, a fresh browser
// per run; the medians per category, of TBT, LCP and CLS, and of the machine's benchmarkIndex.
// Target (issue 16): ≥ 95 in every category.
//
// Nothing leaves the machine: Chromium resolves no host name (every name maps to "not found"),
// sends what is not for 127.0.0.1 to a proxy that is not there, and runs with chrome-launcher's
// flags that turn off its background traffic (updates, sync, safe browsing, metrics). After each
// run, every request the page made is checked to have gone to 127.0.0.1.
//
//   npm run bench -- lighthouse                     # 5 runs per page
//   npm run bench -- lighthouse --runs 3 --pages /,/softmax/ --label after
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadExercises } from "@llm-basics/content";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { median } from "./math/timing.ts";
import { repositoryRoot, requireProductionBuild, startApp } from "./serving/app-server.ts";
import { bySize, lessonsWithExercises } from "./serving/pages.ts";
import { freePort } from "./serving/processes.ts";
import { loadDuringRun, machine, markdownTable, measuredCommit, recordRun } from "./serving/results.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    runs: { type: "string", default: "5" },
    pages: { type: "string" },
    chromium: { type: "string", default: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium" },
    label: { type: "string" },
    "no-results": { type: "boolean", default: false },
  },
});
const runs = Number(values.runs);
const target = 95;
const categories = ["performance", "accessibility", "best-practices", "seo"] as const;
requireProductionBuild();
if (!existsSync(values.chromium)) {
  console.error(`No Chromium at ${values.chromium}: apt-get install -y chromium (or --chromium PATH)`);
  process.exit(2);
}

// Whatever Chromium sends anywhere but 127.0.0.1 reaches this "proxy", which notes the host from
// the first line (`CONNECT host:443 …`, `GET http://host/ …`) and hangs up: nothing goes further.
// Debian's Chromium 156 still asks update.googleapis.com and accounts.google.com with every
// background flag set; they are caught here.
const attemptedOffMachine = new Set<string>();
const trap = createServer((socket) => {
  socket.once("data", (chunk: Buffer) => {
    const target = chunk.toString("latin1").split("\r\n", 1)[0]?.split(" ")[1] ?? "";
    attemptedOffMachine.add(target.replace(/^\w+:\/\//, "").replace(/[/?].*$/, ""));
    socket.destroy();
  });
  socket.on("error", () => {});
});
const trapPort = await freePort();
trap.listen(trapPort, "127.0.0.1");
// chrome-launcher's defaults (background traffic off), with the network time queries off too: a
// second --disable-features would replace the defaults' list, so it is extended instead.
const chromeFlags = [
  ...chromeLauncher.Launcher.defaultFlags().map((flag) =>
    flag.startsWith("--disable-features=") ? `${flag},NetworkTimeServiceQuerying` : flag,
  ),
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  // No host name resolves, and whatever is not for 127.0.0.1 goes to the trap above.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
  `--proxy-server=http://127.0.0.1:${trapPort}`,
  "--proxy-bypass-list=127.0.0.1",
];

/** The lesson with the largest HTML and the lesson with the most exercises (another one if the same). */
async function lessonPages(origin: string): Promise<string[]> {
  const index = await loadExercises({ contentDir: path.join(repositoryRoot, "content"), includeDrafts: false });
  const counts = new Map<string, number>();
  for (const exercise of index.exercises.values())
    counts.set(exercise.pageUrl, (counts.get(exercise.pageUrl) ?? 0) + 1);
  const largest = (await bySize(origin, await lessonsWithExercises(path.join(repositoryRoot, "content"))))[0];
  const longest = largest ? new URL(largest.url).pathname : "/";
  const mostExercises = [...counts].filter(([url]) => url !== longest).sort((a, b) => b[1] - a[1])[0]?.[0];
  return mostExercises ? [longest, mostExercises] : [longest];
}

interface RunResult {
  scores: Record<(typeof categories)[number], number>;
  tbt: number;
  lcp: number;
  cls: number;
  benchmarkIndex: number;
  /** Requests the page made (Lighthouse's network-requests audit; undefined if it is missing). */
  requests: number | undefined;
  /** Those that went anywhere but 127.0.0.1 (must stay empty). */
  offMachine: string[];
  /** Audits that cost points, by category, in this run. */
  losses: Map<string, string[]>;
  error?: string;
}

async function audit(url: string): Promise<RunResult> {
  const chrome = await chromeLauncher.launch({
    chromePath: values.chromium,
    chromeFlags,
    ignoreDefaultFlags: true,
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...categories],
      // Not scored; saves time and memory on pages of a megabyte and more.
      disableFullPageScreenshot: true,
    });
    if (!result) throw new Error("Lighthouse returned no result");
    const lhr = result.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const requests = (lhr.audits["network-requests"]?.details as { items?: Array<{ url?: string }> } | undefined)
      ?.items;
    const offMachine = (requests ?? [])
      .map((item) => item.url ?? "")
      .filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== "127.0.0.1");
    const losses = new Map<string, string[]>();
    for (const id of categories) {
      const lost = (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
        .map((ref) => lhr.audits[ref.id]?.title ?? ref.id);
      losses.set(id, lost);
    }
    return {
      scores: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
        seo: score("seo"),
      },
      tbt: numeric("total-blocking-time"),
      lcp: numeric("largest-contentful-paint"),
      cls: numeric("cumulative-layout-shift"),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      requests: requests?.length,
      offMachine,
      losses,
      ...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {}),
    };
  } finally {
    chrome.kill();
  }
}

console.log(
  `lighthouse bench: Lighthouse 12.2.3, mobile defaults (simulated throttling), ${runs} runs per page, interleaved, ` +
    `${values.chromium} headless\n${machine()}; the app's server on core 1 where taskset exists, Chromium not pinned`,
);
const app = await startApp();
const paths = values.pages ? values.pages.split(",") : ["/", ...(await lessonPages(app.origin))];
const results = new Map<string, RunResult[]>(paths.map((p) => [p, []]));
const offMachine = new Set<string>();
let pageRequests = 0;
let unchecked = 0;
for (let run = 1; run <= runs; run++) {
  for (const p of paths) {
    const result = await audit(`${app.origin}${p}`);
    results.get(p)?.push(result);
    for (const u of result.offMachine) offMachine.add(u);
    if (result.requests === undefined) unchecked++;
    else pageRequests += result.requests;
    console.log(
      `  run ${run} ${p.padEnd(24)} ${categories.map((c) => `${c} ${result.scores[c]}`).join("  ")}  ` +
        `TBT ${result.tbt.toFixed(0)} ms  LCP ${(result.lcp / 1000).toFixed(2)} s  CLS ${result.cls.toFixed(3)}  ` +
        `benchmarkIndex ${result.benchmarkIndex.toFixed(0)}${result.error ? `  ERROR ${result.error}` : ""}`,
    );
  }
}
await app.stop();

const rows = paths.map((p) => {
  const of = results.get(p) ?? [];
  const m = (pick: (r: RunResult) => number) => median(of.map(pick));
  const scores = categories.map((c) => m((r) => r.scores[c]));
  return {
    path: p,
    scores,
    of,
    tbt: m((r) => r.tbt),
    lcp: m((r) => r.lcp),
    cls: m((r) => r.cls),
    index: m((r) => r.benchmarkIndex),
  };
});
const table = markdownTable(
  ["page", "performance", "accessibility", "best practices", "SEO", "TBT", "LCP", "CLS", "benchmarkIndex"],
  rows.map((r) => [
    r.path,
    ...r.scores.map((s) => (s >= target ? String(s) : `**${s}**`)),
    `${r.tbt.toFixed(0)} ms`,
    `${(r.lcp / 1000).toFixed(2)} s`,
    r.cls.toFixed(3),
    r.index.toFixed(0),
  ]),
);
const verdicts = rows.map((r) => {
  const below = categories.filter((_, i) => (r.scores[i] ?? 0) < target);
  return `${r.path}: ${below.length === 0 ? `every category ≥ ${target}: met` : `NOT MET (below ${target}: ${below.join(", ")})`}`;
});
trap.close();
const network = [
  offMachine.size === 0
    ? `all ${pageRequests} requests the pages made went to 127.0.0.1`
    : `WARNING the pages asked other hosts: ${[...offMachine].join(", ")}`,
  unchecked ? `WARNING ${unchecked} runs had no network-requests audit to check` : "",
  attemptedOffMachine.size === 0
    ? "Chromium tried no other host"
    : `nothing left the machine: Chromium's attempts to reach ${[...attemptedOffMachine].join(", ")} were caught by the bench's local proxy`,
]
  .filter(Boolean)
  .join("; ");
console.log(`\nMedians of ${runs} runs:\n\n${table}\n\n${verdicts.join("\n")}\n${network}`);
// What cost points in the last run, for the categories below target.
for (const r of rows) {
  const last = r.of.at(-1);
  for (const [i, c] of categories.entries()) {
    const lost = last?.losses.get(c) ?? [];
    if ((r.scores[i] ?? 0) < target && lost.length) console.log(`  ${r.path} ${c}: ${lost.join("; ")}`);
  }
}

if (!values["no-results"]) {
  recordRun(
    "lighthouse",
    values.label,
    `${new Date().toISOString().slice(0, 10)} · commit ${measuredCommit()} · ${loadDuringRun()}\n\n` +
      `${machine()}; Lighthouse 12.2.3, mobile defaults, ${runs} runs per page, Debian's Chromium headless; ${network}.\n\n` +
      `${table}\n\n${verdicts.map((v) => `- ${v}`).join("\n")}\n`,
  );
}
process.exit(0);
