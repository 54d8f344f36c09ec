// The app behind nginx as docs/nginx/llm-basics.conf deploys it (proxy_cache honouring the app's
// Cache-Control), the same file with this run's ports and paths. First it asks for each page a
// few times as a first-time visitor (no cookie) and shows nginx's X-Cache-Status for each: the
// second and later must be HIT, or the page is not cacheable. Then wrk loads the app directly and
// through the cache, rounds interleaved, and the access log counts HITs under load.
//
//   npm run bench -- serve-cache                    # 5 rounds of 10 s per page and side
//   npm run bench -- serve-cache --rounds 3 --seconds 5 --pages /,/softmax/ --label after
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { median } from "./math/timing.ts";
import { repositoryRoot, requireProductionBuild, startApp } from "./serving/app-server.ts";
import { nginxVersion, startNginx } from "./serving/nginx.ts";
import { benchPages, type FetchedPage, fetchPage, header, kilobytes } from "./serving/pages.ts";
import { freePort, placement, requireNginxAndWrk, waitUntilIdle } from "./serving/processes.ts";
import { loadDuringRun, machine, markdownTable, measuredCommit, recordRun } from "./serving/results.ts";
import { runWrk, type WrkResult, wrkVersion } from "./serving/wrk.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    threads: { type: "string", default: "2" },
    pages: { type: "string" },
    label: { type: "string" },
    "no-results": { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const wrkOptions = {
  connections: Number(values.connections),
  threads: Number(values.threads),
  seconds,
  headers: { "Accept-Encoding": "gzip" },
};
requireProductionBuild();
requireNginxAndWrk();

const siteFile = path.join(repositoryRoot, "docs/nginx/llm-basics.conf");

/** docs/nginx/llm-basics.conf with this run's ports and cache directory (each replaced exactly once). */
function siteConfig(dir: string, ports: { nginx: number; app: number }): string {
  let text = readFileSync(siteFile, "utf8");
  const replacements: Array<[string, string]> = [
    ["listen 80;", `listen 127.0.0.1:${ports.nginx};`],
    ["listen [::]:80;", ""],
    ["server 127.0.0.1:3000;", `server 127.0.0.1:${ports.app};`],
    ["/var/cache/nginx/llm-basics", `${dir}/cache`],
  ];
  for (const [from, to] of replacements) {
    if (text.split(from).length !== 2) throw new Error(`${siteFile} should have "${from}" exactly once`);
    text = text.replace(from, to);
  }
  return text;
}

console.log(
  `serve-cache bench: the app behind nginx with ${path.relative(repositoryRoot, siteFile)}; ${rounds} rounds of ${seconds} s ` +
    `per page and side, interleaved; wrk -t${wrkOptions.threads} -c${wrkOptions.connections} -H 'Accept-Encoding: gzip'\n` +
    `${placement()} (nginx and the app both on the servers' core)\n${machine()}; ${nginxVersion()}, ${wrkVersion()}; ` +
    `load ${loadavg()[0]?.toFixed(2)}${(loadavg()[0] ?? 0) > 0.5 ? " (something else is running: the numbers will move)" : ""}`,
);

// As a deployment behind one proxy runs it.
const app = await startApp({ env: { TRUST_PROXY: "1" } });
const pages = await benchPages(app.origin, values.pages);
const pagePath = (page: FetchedPage) => new URL(page.url).pathname;
const nginxPort = await freePort();
let statusLog = "";
const nginx = await startNginx({
  // An API path: ready-checking with a page would put it in the cache before the first probe.
  readyUrl: `http://127.0.0.1:${nginxPort}/api/bench-ready`,
  http: (dir) => {
    statusLog = path.join(dir, "cache-status.log");
    return `# As Debian's nginx.conf has it.
gzip on;
# The bench counts cache statuses under load from this log.
log_format llmb_cache_status '$upstream_cache_status';
access_log ${statusLog} llmb_cache_status buffer=64k flush=1s;

${siteConfig(dir, { nginx: nginxPort, app: app.port })}`;
  },
});
const origins = { app: app.origin, cache: `http://127.0.0.1:${nginxPort}` };

// A first-time visitor, four times, then a returning one (with a cookie).
const probes = [];
for (const page of pages) {
  const p = pagePath(page);
  const visits: FetchedPage[] = [];
  for (let i = 0; i < 4; i++) visits.push(await fetchPage(`${origins.cache}${p}`));
  const returning = await fetchPage(`${origins.cache}${p}`, { cookie: "lb_learner=bench-returning-visitor" });
  const statuses = visits.map((v) => header(v, "x-cache-status"));
  const first = visits[0] as FetchedPage;
  probes.push({
    path: p,
    statuses,
    returning: header(returning, "x-cache-status"),
    cacheControl: header(first, "cache-control"),
    setCookie: first.headers["set-cookie"] !== undefined,
    encoding: header(first, "content-encoding"),
    size: first.sent.length,
    cacheable: statuses.slice(1).every((s) => s === "HIT"),
  });
}
const probeTable = markdownTable(
  [
    "page",
    "X-Cache-Status, 4 visits without cookie",
    "with a cookie",
    "Cache-Control",
    "Set-Cookie",
    "Content-Encoding",
    "cacheable",
  ],
  probes.map((p) => [
    p.path,
    p.statuses.join(", "),
    p.returning,
    p.cacheControl,
    p.setCookie ? "yes" : "no",
    `${p.encoding} (${kilobytes(p.size)})`,
    p.cacheable ? "yes" : "**NO**",
  ]),
);
const cacheVerdicts = probes.map((p) =>
  p.cacheable
    ? `${p.path}: cacheable: the second and later cookie-less requests were HITs`
    : `${p.path}: NOT CACHEABLE: ${p.statuses.join(", ")}: every request went to the app ` +
      `(it sends Cache-Control: ${p.cacheControl}${p.setCookie ? ", and a Set-Cookie" : ""})`,
);
console.log(`\n${probeTable}\n\n${cacheVerdicts.join("\n")}\n`);

/** Cache statuses logged since `offset` (nginx flushes its log buffer every second). */
let logOffset = 0;
async function statusesSinceLastRun(): Promise<Map<string, number>> {
  await new Promise((r) => setTimeout(r, 1500));
  const text = readFileSync(statusLog);
  const lines = text.subarray(logOffset).toString().split("\n").filter(Boolean);
  logOffset = text.length;
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

type Side = keyof typeof origins;
type Sample = WrkResult & { hits?: number };
const samples = new Map<string, Sample[]>();
const key = (p: string, side: Side) => `${p} ${side}`;
async function load(side: Side, p: string, runSeconds: number): Promise<Sample> {
  await statusesSinceLastRun();
  const result = await runWrk(`${origins[side]}${p}`, { ...wrkOptions, seconds: runSeconds });
  await waitUntilIdle(app.pid);
  if (side === "app") return result;
  const counts = await statusesSinceLastRun();
  const all = [...counts.values()].reduce((a, b) => a + b, 0);
  return { ...result, hits: all ? (counts.get("HIT") ?? 0) / all : 0 };
}
for (const page of pages) for (const side of ["app", "cache"] as const) await load(side, pagePath(page), 2);
for (let round = 1; round <= rounds; round++) {
  for (const page of pages) {
    const p = pagePath(page);
    const order: Side[] = round % 2 ? ["app", "cache"] : ["cache", "app"];
    for (const side of order) {
      const result = await load(side, p, seconds);
      samples.set(key(p, side), [...(samples.get(key(p, side)) ?? []), result]);
      const trouble = result.badStatus + result.socketErrors + result.timeouts;
      console.log(
        `  round ${round} ${p.padEnd(18)} ${side === "app" ? "app directly " : "through cache"} ` +
          `${result.requestsPerSecond.toFixed(0).padStart(7)}/s  p99 ${result.p99.toFixed(1).padStart(7)} ms` +
          (result.hits === undefined ? "" : `  ${(result.hits * 100).toFixed(1)}% HIT`) +
          (trouble ? `  (${trouble} errors or non-2xx)` : ""),
      );
    }
  }
}
await nginx.stop();
await app.stop();

const rows = pages.map((page) => {
  const p = pagePath(page);
  const of = (side: Side) => samples.get(key(p, side)) ?? [];
  const rate = (side: Side) => median(of(side).map((s) => s.requestsPerSecond));
  const p99 = (side: Side) => median(of(side).map((s) => s.p99));
  const spread = (side: Side) => {
    const rates = of(side).map((s) => s.requestsPerSecond);
    return `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}`;
  };
  const low = (side: Side) => (of(side).some((s) => s.requests < 2 * wrkOptions.connections) ? "≥ " : "");
  return [
    p,
    `${rate("app").toFixed(0)} (${spread("app")})`,
    `${rate("cache").toFixed(0)} (${spread("cache")})`,
    `${(rate("cache") / rate("app")).toFixed(2)}×`,
    `${low("app")}${p99("app").toFixed(1)} ms`,
    `${low("cache")}${p99("cache").toFixed(1)} ms`,
    `${(median(of("cache").map((s) => s.hits ?? 0)) * 100).toFixed(1)}%`,
  ];
});
const measured = markdownTable(
  [
    "page",
    "app req/s (rounds)",
    "through cache req/s (rounds)",
    "cache/app",
    "app p99",
    "through cache p99",
    "HITs under load",
  ],
  rows,
);
console.log(`\nMedians of ${rounds} rounds (≥: a lower bound, most requests were still waiting when a round ended):\n`);
console.log(measured);
for (const line of cacheVerdicts) console.log(line);

if (!values["no-results"]) {
  recordRun(
    "serve-cache",
    values.label,
    `${new Date().toISOString().slice(0, 10)} · commit ${measuredCommit()} · ${loadDuringRun()}\n\n` +
      `${machine()}; ${nginxVersion()} with docs/nginx/llm-basics.conf; ${wrkVersion()} -t${wrkOptions.threads} ` +
      `-c${wrkOptions.connections}, ${rounds} rounds of ${seconds} s, interleaved; ${placement()}.\n\n` +
      `${probeTable}\n\n${measured}\n\n${cacheVerdicts.map((v) => `- ${v}`).join("\n")}\n`,
  );
}
process.exit(0);
