import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The CLI tests start a process, and `npm test` runs them beside `next build` on two
    // cores: a generous limit, so only a real hang fails (no test asserts timing).
    testTimeout: 30_000,
  },
});
