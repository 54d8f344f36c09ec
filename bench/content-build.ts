// Builds the seed home page replicated to N pages (default 1,000) with @llm-basics/content
// and with a plain unified + remark-math + rehype-katex pipeline, in the same run. Each
// pipeline is bundled with esbuild and run in a fresh `node` process (no TypeScript loader
// in the measurement), alternating, for several rounds; medians and ratios are printed.
//
//   pnpm bench                          # 1,000 pages, 3 rounds
//   pnpm bench -- --pages 200 --rounds 1
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { build } from "esbuild";
import type { Measurement } from "./pipelines/shared.ts";

const { values } = parseArgs({
  options: { pages: { type: "string", default: "1000" }, rounds: { type: "string", default: "3" } },
});
const pages = Number(values.pages);
const rounds = Number(values.rounds);
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const seedPath = here("../content/_index.md");
const pipelines = ["plain", "content"] as const;

await build({
  entryPoints: pipelines.map((name) => here(`pipelines/${name}.ts`)),
  outdir: here(".out"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  // Modules a pipeline imports lazily (highlight.js, rehype-raw) stay in their own chunks,
  // loaded only if used, as they would be from node_modules.
  splitting: true,
  // KaTeX and friends are CommonJS in places; give the bundle a require().
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: "warning",
});

const run = promisify(execFile);
const results: Record<string, Measurement[]> = { plain: [], content: [] };
console.log(`Building the seed as ${pages} pages, ${rounds} round(s), each pipeline in a fresh process.`);
for (let round = 1; round <= rounds; round++) {
  for (const name of pipelines) {
    const { stdout } = await run(process.execPath, [here(`.out/${name}.mjs`), seedPath, String(pages)]);
    const m = JSON.parse(stdout) as Measurement;
    results[name]?.push(m);
    console.log(
      `  round ${round} ${name.padEnd(8)}${m.pagesPerSecond.toFixed(1).padStart(8)} pages/s ${m.peakRssMiB.toFixed(0).padStart(6)} MiB peak`,
    );
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const summary = (name: string) => {
  const list = results[name] ?? [];
  return { pps: median(list.map((m) => m.pagesPerSecond)), rss: median(list.map((m) => m.peakRssMiB)) };
};
const plain = summary("plain");
const ours = summary("content");
console.log(`
plain unified + remark-math + rehype-katex  ${plain.pps.toFixed(1).padStart(7)} pages/s ${plain.rss.toFixed(0).padStart(5)} MiB peak
@llm-basics/content                         ${ours.pps.toFixed(1).padStart(7)} pages/s ${ours.rss.toFixed(0).padStart(5)} MiB peak
ratio: ${(ours.pps / plain.pps).toFixed(2)}× the pages per second (target ≥ 3×), ${(ours.rss / plain.rss).toFixed(2)}× the peak memory (target ≤ 1×)`);
