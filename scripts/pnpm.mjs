#!/usr/bin/env node
// Runs the pinned pnpm without needing it installed globally: `npm start` and `npm test`
// must work on a machine that has only Node and npm. corepack would need its signature
// keys disabled here, so the exact version comes from the npm registry through npx.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const rootManifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const pnpmSpec = rootManifest.packageManager; // "pnpm@10.34.9"

const env = {
  ...process.env,
  // No telemetry, no browser or engine downloads: these machines reach only the npm registry.
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  // Native addons compile against Node's own headers instead of downloading them.
  npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr",
};

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const result = spawnSync(npx, ["-y", pnpmSpec, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
if (result.error) {
  console.error(`Could not run ${pnpmSpec} through npx: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
