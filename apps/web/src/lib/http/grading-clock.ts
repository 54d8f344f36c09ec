import { performance } from "node:perf_hooks";

// What grading costs a client, in milliseconds. Grading runs synchronously on the server's one
// thread, and Node 20 cannot read that thread's CPU time alone, so two readings bound it from
// above: the time on the clock (which also counts other processes running meanwhile on a busy
// machine) and the process's CPU time (which also counts its other threads: password hashing,
// the garbage collector's helpers). The smaller of the two is charged: either alone can bill a
// client for work not theirs. (A pause of the main thread itself, such as a garbage collection,
// is in both: the free allowance in rate-limit.ts covers it.)

/** A reading of both clocks. */
export interface GradingClock {
  wall: number;
  cpu: number;
}

// Reading the process's CPU time is a system call that sums every thread's time: a few
// microseconds alone, but 20 µs and more in the server under a class's load, where asking twice an
// answer cost 3–9% of its time (bench/attempts.ts, node --cpu-prof). So a grading under a
// millisecond on the clock is charged its clock time without asking (far inside every request's
// free allowance), and a start takes a reading up to REREAD_MS old. The charge is never more than
// the clock time; an old reading can only weaken the CPU bound, by what the process's threads
// used since it was taken (at most REREAD_MS on each core).
const SHORT_MS = 1;
const REREAD_MS = 5;
let lastCpu = { wall: Number.NEGATIVE_INFINITY, cpu: 0 };

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Reads both clocks now (the CPU time may be up to REREAD_MS old). */
export function gradingClock(): GradingClock {
  const wall = performance.now();
  if (wall - lastCpu.wall >= REREAD_MS) lastCpu = { wall, cpu: cpuMilliseconds() };
  return { wall, cpu: lastCpu.cpu };
}

/** Milliseconds of grading since `start`: the smaller of clock time and process CPU time. */
export function millisecondsSince(start: GradingClock): number {
  const wall = performance.now() - start.wall;
  if (wall < SHORT_MS) return Math.max(0, wall);
  return Math.max(0, Math.min(wall, cpuMilliseconds() - start.cpu));
}
