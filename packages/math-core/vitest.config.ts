import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Picks (or takes from FC_SEED) the seed every property test in the run uses, and prints it.
    globalSetup: ["./test/fast-check-seed.ts"],
    setupFiles: ["./test/fast-check-setup.ts"],
  },
});
