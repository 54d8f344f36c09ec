import { performance } from "node:perf_hooks";

/**
 * A clock for what grading costs, in milliseconds. Grading runs synchronously on the server's
 * one thread, so the time between two readings around it is the CPU time it took, unless the
 * operating system ran something else meanwhile (then a client may be charged a little of that
 * too, on an overloaded machine only: charges start past 1 ms an answer, and an ordinary answer
 * takes 0.1–0.3 ms). `process.cpuUsage()` would leave that out, but reading it costs about
 * 65 µs (getrusage over every thread): twice an answer, it was 3.8% of the server's time under
 * the attempts bench.
 */
export function cpuMilliseconds(): number {
  return performance.now();
}
