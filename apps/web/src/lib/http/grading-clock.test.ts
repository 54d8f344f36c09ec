import { describe, expect, it } from "vitest";
import { gradingClock, millisecondsSince } from "./grading-clock";

/** Busy for `ms` of this process's CPU time (however long that takes on a loaded machine). */
const spin = (ms: number) => {
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const until = cpu() + ms;
  while (cpu() < until) {}
};

describe("grading time", () => {
  it("charges work done on the thread, never more than the clock's time", () => {
    const wallStart = performance.now();
    const start = gradingClock();
    spin(20);
    const charged = millisecondsSince(start);
    const wall = performance.now() - wallStart;
    expect(charged).toBeLessThanOrEqual(wall);
    // 20 ms of the process's CPU time, most of it this thread's: other threads may run meanwhile.
    expect(charged).toBeGreaterThanOrEqual(10);
  });

  it("does not charge time spent waiting", async () => {
    // The process's CPU time also counts its other threads, which may be busy while this one
    // waits (V8 compiling just-loaded modules in the background, the garbage collector's
    // helpers): 16 ms of it once showed up during a 40 ms wait in CI. Such bursts do not grow
    // with the wait, so the wait is long enough that charging it would be told from them.
    const start = gradingClock();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(millisecondsSince(start)).toBeLessThan(50);
  });

  it("charges a short grading its clock time", () => {
    const start = gradingClock();
    const charged = millisecondsSince(start);
    expect(charged).toBeGreaterThanOrEqual(0);
    expect(charged).toBeLessThan(1);
  });
});
