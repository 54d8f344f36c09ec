import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The fuzz test grades 100,000 answers; give it room on two busy cores (no test asserts timing).
    testTimeout: 120_000,
  },
});
