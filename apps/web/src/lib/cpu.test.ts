import { describe, expect, it } from "vitest";
import { gradingClock, millisecondsSince } from "./cpu";

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
  it("charges work done on the thread", () => {
    const start = gradingClock();
    spin(20);
    const charged = millisecondsSince(start);
    // The CPU reading at the start may be up to a millisecond old (two cores' worth at most).
    expect(charged).toBeGreaterThanOrEqual(18);
    expect(charged).toBeLessThanOrEqual(23);
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
