import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The CLI tests start a process, and `npm test` runs them beside `next build` and the
    // browser tests on two cores, where a 3 s process start was seen to take over 30 s: a
    // generous limit, so only a real hang fails (no test asserts timing).
    testTimeout: 90_000,
  },
});
