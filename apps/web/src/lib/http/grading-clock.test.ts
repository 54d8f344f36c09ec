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
    const start = gradingClock();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(millisecondsSince(start)).toBeLessThan(10);
  });

  it("charges a short grading its clock time", () => {
    const start = gradingClock();
    const charged = millisecondsSince(start);
    expect(charged).toBeGreaterThanOrEqual(0);
    expect(charged).toBeLessThan(1);
  });
});
