import { defineConfig } from "vitest/config";

export default defineConfig({
  // Only the pure helpers of src/lib are unit-tested here; pages are tested in a browser (e2e/).
  test: { include: ["src/**/*.test.ts"] },
});
