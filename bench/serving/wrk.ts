// One wrk run: GET one URL on keep-alive connections for a fixed time. A Lua done() hook prints
// wrk's own totals and exact latency percentiles as JSON, so nothing is read off its table.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { onCore, temporaryDirectory } from "./processes.ts";

export interface WrkOptions {
  connections: number;
  threads: number;
  seconds: number;
  headers: Record<string, string>;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Latency percentiles of the completed requests, in milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Bytes read per response, headers included (shows whether responses came compressed). */
  bytesPerResponse: number;
  /** Responses with a status ≥ 400. */
  badStatus: number;
  /** Connect, read and write errors, and requests that took longer than wrk's timeout. */
  socketErrors: number;
  timeouts: number;
}

const marker = "WRK-RESULT ";
// wrk calls done() once, after the run, with every thread's numbers merged.
const doneScript =
  `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('${marker}{"requests":%d,"microseconds":%d,"bytes":%d,"p50":%d,"p99":%d,"max":%d,` +
  `"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
`;
let scriptFile: string | undefined;

/** `wrk 4.1.0` from its usage text (it has no --version). */
export function wrkVersion(): string {
  const shown = spawnSync("wrk", ["-v"], { encoding: "utf8" });
  const match = /wrk (\S+)/.exec(`${shown.stdout}${shown.stderr}`);
  return `wrk ${match?.[1] ?? "(unknown version)"}`;
}

/** Runs wrk against `url` on the load generator's core and returns its totals. */
export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  if (!scriptFile) {
    scriptFile = path.join(temporaryDirectory("llmb-bench-wrk-"), "done.lua");
    writeFileSync(scriptFile, doneScript);
  }
  const args = [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    // wrk leaves a request slower than its timeout (2 s by default) out of the latencies: a long
    // timeout keeps a slow server's tail in the p99.
    "--timeout",
    "60s",
    "-s",
    scriptFile,
    ...Object.entries(options.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(...onCore(0, "wrk", args), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(marker));
      if (code !== 0 || !line) {
        reject(new Error(`wrk failed (exit ${code}) on ${url}:\n${out}${err}`));
        return;
      }
      const raw = JSON.parse(line.slice(marker.length)) as Record<string, number>;
      const n = (key: string) => raw[key] ?? 0;
      resolve({
        requestsPerSecond: n("requests") / (n("microseconds") / 1e6),
        requests: n("requests"),
        p50: n("p50") / 1000,
        p99: n("p99") / 1000,
        max: n("max") / 1000,
        bytesPerResponse: n("requests") ? n("bytes") / n("requests") : 0,
        badStatus: n("status"),
        socketErrors: n("connect") + n("read") + n("write"),
        timeouts: n("timeout"),
      });
    });
  });
}
