// Runs the benches, each in its own `node --import tsx` process, one after the other.
//
//   npm run bench                               # every bench, default options
//   npm run bench -- math-core --quick          # one bench; options after its name go to it
//   npm run bench -- content --pages 200 --rounds 1
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const benches: Record<string, string> = {
  content: "content-build.ts",
  "math-core": "math-core.ts",
  grading: "grading.ts",
  "api-grading": "api-grading.ts",
  attempts: "attempts.ts",
  serve: "serve.ts",
  "serve-cache": "serve-cache.ts",
  lighthouse: "lighthouse.ts",
};
const here = fileURLToPath(new URL(".", import.meta.url));

let args = process.argv.slice(2);
if (args[0] === "--") args = args.slice(1);
const firstOption = args.findIndex((arg) => arg.startsWith("-"));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const usage = `usage: bench [${Object.keys(benches).join(" | ")}]... [options for that one bench]`;

const unknown = names.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.map((n) => JSON.stringify(n)).join(", ")}\n${usage}`);
  process.exit(1);
}
const selected = names.length > 0 ? names : Object.keys(benches);
if (options.length > 0 && selected.length !== 1) {
  console.error(`Options (${options.join(" ")}) need exactly one bench named before them\n${usage}`);
  process.exit(1);
}

for (const name of selected) {
  if (selected.length > 1) console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", benches[name] ?? "", ...options], {
    cwd: here,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
