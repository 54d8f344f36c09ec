import { readFileSync } from "node:fs";

/** Everything a worker process reports back to content-build.ts. */
export interface Measurement {
  pipeline: string;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMiB: number;
}

/** The seed home page holds 33 formulas; every page must render all of them. */
export const SEED_FORMULAS = 33;

export function countKatex(html: string): number {
  return html.split('<span class="katex">').length - 1;
}

/**
 * Runs `build` over `pages` copies of the seed (path and count from argv) and prints one
 * JSON measurement. Each pipeline runs in a fresh process, so peak memory is its own.
 */
export async function measure(pipeline: string, build: (seed: string, pages: number) => Promise<number>) {
  const [seedPath, pagesArg] = process.argv.slice(2);
  if (!seedPath || !pagesArg) throw new Error("usage: <worker> <seed.md> <pages>");
  const seed = readFileSync(seedPath, "utf8");
  const pages = Number(pagesArg);
  const started = performance.now();
  const katex = await build(seed, pages);
  const seconds = (performance.now() - started) / 1000;
  if (katex !== pages * SEED_FORMULAS)
    throw new Error(`${pipeline}: ${katex} formulas, expected ${pages * SEED_FORMULAS}`);
  const measurement: Measurement = {
    pipeline,
    pages,
    seconds,
    pagesPerSecond: pages / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(measurement));
}
