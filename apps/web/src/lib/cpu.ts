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

/** Reads both clocks now. */
export function gradingClock(): GradingClock {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

/** Milliseconds of grading since `start`: the smaller of clock time and process CPU time. */
export function millisecondsSince(start: GradingClock): number {
  const now = gradingClock();
  return Math.max(0, Math.min(now.wall - start.wall, now.cpu - start.cpu));
}
