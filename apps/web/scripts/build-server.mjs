// Bundles server/main.ts (the production server: Next.js plus the grading API's lean handler)
// into dist/server.mjs, after `next build`. The app's own code and the workspace packages
// (TypeScript sources) are bundled; every other package stays an import, resolved now to the
// file the app would load, so the bundle finds packages/db's dependencies as packages/db does.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bare imports outside the workspace become external imports of the resolved file. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@/") || args.path.startsWith("@llm-basics/") || args.path.startsWith("node:"))
        return undefined;
      if (args.path === "server-only") return { path: path.join(webDir, "server/server-only.ts") };
      if (args.pluginData === "resolving") return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

// Chunk names carry a hash: an earlier build's would stay beside this one's.
rmSync(path.join(webDir, "dist"), { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: [path.join(webDir, "server/main.ts")],
  outdir: path.join(webDir, "dist"),
  // server.mjs sets NODE_ENV first, then loads the rest (a chunk of its own, so the packages it
  // imports load after that: React picks its production build by NODE_ENV as it loads).
  splitting: true,
  outExtension: { ".js": ".mjs" },
  entryNames: "server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(webDir, "tsconfig.json"),
  plugins: [externalPackages],
  // Bundled CommonJS (none expected) would need these in an ES module.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`dist/server.mjs (and its chunks): ${inputs} modules bundled`);
