import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Migrates one template database per provider; each test file copies it (test/databases.ts).
    globalSetup: ["./test/global-setup.ts"],
    // Argon2 hashing and real databases on two cores shared with the rest of `npm test`.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
