import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The pure helpers of src/lib and the attempt pipeline (lib/attempts, against a real SQLite
  // file) are tested here; pages are tested in a browser (e2e/).
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./src/", import.meta.url)),
      // Tests are server code: `server-only` is the empty module the server's bundle uses too.
      "server-only": fileURLToPath(new URL("./server/server-only.ts", import.meta.url)),
    },
  },
  test: { include: ["src/**/*.test.ts", "server/**/*.test.ts", "scripts/**/*.test.ts"] },
});
