// Pages served by the app's production server against nginx serving the very same bytes as
// static files. The app runs as `npm start` runs it (migrate, then dist/server.mjs; this bench
// builds nothing). The home page and the longest lesson with exercises are fetched once as a
// first-time visitor's browser asks (gzip, no cookie); nginx (gzip on, level 6 as Node's
// default) serves those exact bytes at the same paths. wrk then loads each side in turn, rounds
// interleaved, with `Accept-Encoding: gzip`.
// Target (issue 16): the app ≥ 0.8× nginx's requests/s, and its p99 ≤ 2× nginx's.
//
//   npm run bench -- serve                          # 5 rounds of 10 s per page and side
//   npm run bench -- serve --rounds 7 --seconds 15 --gzip-level 6 --label after
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { median } from "./math/timing.ts";
import { requireProductionBuild, startApp } from "./serving/app-server.ts";
import { nginxVersion, startNginx } from "./serving/nginx.ts";
import {
  benchPages,
  type FetchedPage,
  fetchPage,
  firstDifference,
  header,
  kilobytes,
  staticFile,
} from "./serving/pages.ts";
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
    "gzip-level": { type: "string", default: "6" },
    // Instead of the home page and the longest lesson: "/,/softmax/".
    pages: { type: "string" },
    label: { type: "string" },
    "no-results": { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const gzipLevel = Number(values["gzip-level"]);
const wrkOptions = {
  connections: Number(values.connections),
  threads: Number(values.threads),
  seconds,
  headers: { "Accept-Encoding": "gzip" },
};
if (!(rounds >= 1 && seconds >= 1 && gzipLevel >= 1 && gzipLevel <= 9)) {
  console.error("--rounds and --seconds must be at least 1, --gzip-level 1 … 9");
  process.exit(2);
}
requireProductionBuild();
requireNginxAndWrk();

const targets = { app: 0.8, p99: 2 };
console.log(
  `serve bench: the app's production server against nginx serving the same bytes; ${rounds} rounds of ${seconds} s ` +
    `per page and side, interleaved; wrk -t${wrkOptions.threads} -c${wrkOptions.connections} -H 'Accept-Encoding: gzip'\n` +
    `${placement()}\n${machine()}; ${nginxVersion()} (gzip_comp_level ${gzipLevel}), ${wrkVersion()}; load ${loadavg()[0]?.toFixed(2)}` +
    ((loadavg()[0] ?? 0) > 0.5 ? " (something else is running: the numbers will move)" : ""),
);

const app = await startApp();
const snapshots = await benchPages(app.origin, values.pages);
const pagePath = (page: FetchedPage) => new URL(page.url).pathname;

// nginx serves what a first-time visitor was sent, decoded, at the same paths.
const nginxPort = await freePort();
const nginx = await startNginx({
  readyUrl: `http://127.0.0.1:${nginxPort}/`,
  http: (dir) => {
    for (const page of snapshots) {
      const file = staticFile(path.join(dir, "www"), pagePath(page));
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
      writeFileSync(file, page.html, { mode: 0o644 });
    }
    return `access_log off;
server {
  listen 127.0.0.1:${nginxPort};
  root ${dir}/www;
  index index.html;
  charset utf-8;
  gzip on;
  gzip_comp_level ${gzipLevel};
  gzip_vary on;
  # text/html is always compressed; these are the other types the app's pages load.
  gzip_types text/css application/javascript application/json image/svg+xml text/plain;
}`;
  },
});
const origins = { app: app.origin, nginx: `http://127.0.0.1:${nginxPort}` };

// Before measuring: both sides send gzip, and the same page.
const warnings: string[] = [];
const nginxSent = new Map<string, FetchedPage>();
for (const snapshot of snapshots) {
  const p = pagePath(snapshot);
  const again = await fetchPage(`${origins.app}${p}`);
  const fromNginx = await fetchPage(`${origins.nginx}${p}`);
  nginxSent.set(p, fromNginx);
  if (snapshot.status !== 200) warnings.push(`${p}: the app answered ${snapshot.status}, not 200`);
  if (header(again, "content-encoding") !== "gzip")
    warnings.push(`${p}: the app did NOT send gzip (Content-Encoding: ${header(again, "content-encoding")})`);
  if (header(fromNginx, "content-encoding") !== "gzip") warnings.push(`${p}: nginx did not send gzip`);
  const changed = firstDifference(snapshot.html, again.html);
  if (changed)
    warnings.push(
      `${p}: the app's HTML differs between two cookie-less requests (nginx serves the first one): ${changed}`,
    );
  const differs = firstDifference(snapshot.html, fromNginx.html);
  if (differs) warnings.push(`${p}: nginx's body is not the app's: ${differs}`);
}
for (const warning of warnings) console.log(`WARNING ${warning}`);
if (warnings.length === 0) console.log("checked: both sides send gzip, and the same HTML, for every page");

type Side = keyof typeof origins;
const samples = new Map<string, WrkResult[]>();
const key = (p: string, side: Side) => `${p} ${side}`;
/** One run; then, before the next, the app finishes what that run left it (see waitUntilIdle). */
async function load(side: Side, p: string, runSeconds: number): Promise<WrkResult> {
  const result = await runWrk(`${origins[side]}${p}`, { ...wrkOptions, seconds: runSeconds });
  await waitUntilIdle(app.pid);
  return result;
}
// Warm-up: the JIT, Next's caches, nginx's page cache.
for (const snapshot of snapshots) for (const side of ["app", "nginx"] as const) await load(side, pagePath(snapshot), 2);
for (let round = 1; round <= rounds; round++) {
  for (const snapshot of snapshots) {
    const p = pagePath(snapshot);
    // Interleaved, and each round starting with the other side.
    const order: Side[] = round % 2 ? ["app", "nginx"] : ["nginx", "app"];
    for (const side of order) {
      const result = await load(side, p, seconds);
      samples.set(key(p, side), [...(samples.get(key(p, side)) ?? []), result]);
      const trouble = result.badStatus + result.socketErrors + result.timeouts;
      console.log(
        `  round ${round} ${p.padEnd(18)} ${side.padEnd(5)} ${result.requestsPerSecond.toFixed(0).padStart(7)}/s  ` +
          `p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms  ` +
          `${kilobytes(result.bytesPerResponse)}/response${trouble ? `  (${trouble} errors or non-2xx)` : ""}`,
      );
    }
  }
}
await nginx.stop();
await app.stop();

const fixed = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const perPage = snapshots.map((snapshot) => {
  const p = pagePath(snapshot);
  const of = (side: Side) => samples.get(key(p, side)) ?? [];
  const rate = (side: Side) => median(of(side).map((s) => s.requestsPerSecond));
  const p99 = (side: Side) => median(of(side).map((s) => s.p99));
  // wrk times only the requests that complete within the run. When a round completes fewer than
  // two per connection, most requests were still waiting when it ended: the p99 is a lower bound.
  const censored = (side: Side) => of(side).some((s) => s.requests < 2 * wrkOptions.connections);
  const trouble = (side: Side) => of(side).reduce((n, s) => n + s.badStatus + s.socketErrors + s.timeouts, 0);
  const underLoad = median(of("app").map((s) => s.bytesPerResponse));
  if (underLoad > 0.9 * snapshot.html.length) warnings.push(`${p}: under load the app's responses were not compressed`);
  for (const side of ["app", "nginx"] as const)
    if (trouble(side)) warnings.push(`${p}: ${side} had ${trouble(side)} errors, timeouts or non-2xx responses`);
  // The rounds' spread, shown beside the median: on a busy machine it is wide.
  const spread = (side: Side) => {
    const rates = of(side).map((s) => s.requestsPerSecond);
    return `${fixed(Math.min(...rates))}–${fixed(Math.max(...rates))}`;
  };
  const throughput = rate("app") / rate("nginx");
  const latency = p99("app") / p99("nginx");
  return {
    path: p,
    snapshot,
    app: { rate: rate("app"), spread: spread("app"), p99: p99("app"), censored: censored("app") },
    nginx: { rate: rate("nginx"), spread: spread("nginx"), p99: p99("nginx"), censored: censored("nginx") },
    throughput,
    latency,
    met: throughput >= targets.app && latency <= targets.p99,
  };
});

const measured = markdownTable(
  [
    "page",
    "app req/s (rounds)",
    "nginx req/s (rounds)",
    "app/nginx",
    "app p99",
    "nginx p99",
    "p99 app/nginx",
    "target met",
  ],
  perPage.map((r) => [
    r.path,
    `${fixed(r.app.rate)} (${r.app.spread})`,
    `${fixed(r.nginx.rate)} (${r.nginx.spread})`,
    `${r.throughput.toFixed(2)}×`,
    `${r.app.censored ? "≥ " : ""}${fixed(r.app.p99, 1)} ms`,
    `${r.nginx.censored ? "≥ " : ""}${fixed(r.nginx.p99, 1)} ms`,
    `${r.app.censored && !r.nginx.censored ? "≥ " : ""}${r.latency.toFixed(2)}×`,
    r.met ? "yes" : "**no**",
  ]),
);
const served = markdownTable(
  ["page", "HTML", "app gzip", "nginx gzip", "Cache-Control", "Set-Cookie", "Content-Encoding"],
  perPage.map((r) => [
    r.path,
    kilobytes(r.snapshot.html.length),
    kilobytes(r.snapshot.sent.length),
    kilobytes(nginxSent.get(r.path)?.sent.length ?? 0),
    header(r.snapshot, "cache-control"),
    r.snapshot.headers["set-cookie"] ? "yes" : "no",
    header(r.snapshot, "content-encoding"),
  ]),
);
const verdicts = perPage.map(
  (r) =>
    `${r.path}: requests/s ${r.throughput.toFixed(2)}× nginx's (target ≥ ${targets.app}×), p99 ${r.latency.toFixed(2)}× ` +
    `(target ≤ ${targets.p99}×): ${r.met ? "met" : "NOT MET"}` +
    (r.app.censored || r.nginx.censored
      ? ` (≥: fewer than 2 responses per connection in a round, so requests still waiting at its end are not in the p99)`
      : ""),
);
console.log(
  `\nMedians of ${rounds} rounds:\n\n${measured}\n\nWhat a first-time visitor is sent (the app):\n\n${served}\n`,
);
for (const line of verdicts) console.log(line);
for (const warning of warnings) console.log(`WARNING ${warning}`);

if (!values["no-results"]) {
  recordRun(
    "serve",
    values.label,
    `${new Date().toISOString().slice(0, 10)} · commit ${measuredCommit()} · ${loadDuringRun()}\n\n` +
      `${machine()}; ${nginxVersion()}, gzip_comp_level ${gzipLevel}; ${wrkVersion()} -t${wrkOptions.threads} ` +
      `-c${wrkOptions.connections}, ${rounds} rounds of ${seconds} s, interleaved; ${placement()}.\n\n` +
      `${measured}\n\n${served}\n\n${verdicts.map((v) => `- ${v}`).join("\n")}\n` +
      (warnings.length ? `\n${warnings.map((w) => `- WARNING ${w}`).join("\n")}\n` : ""),
  );
}
// A target not met is a finding, not a failure of the bench.
process.exit(0);
