// The processes a serving bench starts (the app, nginx, wrk), where they run, and their cleanup.
// Only processes started here are ever signalled, by their own pid.
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import path from "node:path";

/**
 * On a machine of two or more cores with `taskset`: the load generator on core 0, the servers
 * on core 1, so the client never takes the server's core (both still share the machine).
 */
export const pinned = cpus().length >= 2 && spawnSync("taskset", ["-V"]).status === 0;

/** `[command, args]` run on `core` when pinning is possible, as given otherwise. */
export function onCore(core: 0 | 1, command: string, args: string[]): [string, string[]] {
  return pinned ? ["taskset", ["-c", String(core), command, ...args]] : [command, args];
}

/** One line for the bench's header: where the client and the servers run. */
export function placement(): string {
  const cores = `${cpus().length} cores`;
  return pinned
    ? `${cores}: wrk (load generator) on core 0, the server under test on core 1; they share the machine, so read the ratios, not the absolute numbers`
    : `${cores}, not pinned (no taskset or one core): wrk and the server share every core`;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Resolves once `url` answers at all (any status), or rejects after `seconds`. */
export async function waitForHttp(url: string, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

const children = new Set<ChildProcess>();
const directories: string[] = [];
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

/** A fresh directory under the system's temp dir, removed when this process exits. */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  directories.push(dir);
  return dir;
}

/** Keeps `child` to be killed if this process exits first; `stop` ends it earlier. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Sends `signal` to a process this bench started and waits for it to exit (SIGKILL after 10 s). */
export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Exits with the apt-get line to run when nginx or wrk is not on the PATH. */
export function requireNginxAndWrk(): void {
  for (const command of ["nginx", "wrk"]) {
    if (spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status !== 0) {
      console.error(`${command} is not installed: apt-get install -y nginx-light wrk`);
      process.exit(2);
    }
  }
}

/** CPU time a process has used so far, in clock ticks (Linux's /proc); undefined elsewhere. */
function cpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until process `pid` uses almost no CPU (under 5% over a quarter second), at most
 * `seconds`. A server still working through the requests of a run that has ended (a slow page
 * rendered for connections wrk already closed) would otherwise take that time from the next run.
 */
export async function waitUntilIdle(pid: number | undefined, seconds = 120): Promise<void> {
  if (pid === undefined || cpuTicks(pid) === undefined) return;
  const until = Date.now() + seconds * 1000;
  let before = cpuTicks(pid) ?? 0;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuTicks(pid) ?? 0;
    // 100 ticks a second on Linux: 5% of 250 ms is 1.25 ticks.
    if (now - before <= 1) return;
    before = now;
  }
  console.log(`  (process ${pid} was still busy after ${seconds} s)`);
}
