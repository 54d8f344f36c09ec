// bench/RESULTS.md: one section per bench (`## serve`), one entry per run (`### <commit> · <label>`),
// newest first. A run of the same commit and label replaces its earlier entry; others are kept,
// so a "before" entry stays beside the runs that follow it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const resultsFile = fileURLToPath(new URL("../RESULTS.md", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

const preamble = `# Bench results

Written by the benches themselves (\`npm run bench -- serve\`, \`serve-cache\`, \`lighthouse\`; see
README.md): one section per bench, newest run first. A run of the same commit and label replaces its
earlier entry. These machines have 2 cores that the load generator shares with the servers: compare
the ratios measured within one run, not absolute numbers across machines.
`;

const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout.trim();

/**
 * The commit measured: HEAD, with `+ local changes` when tracked files differ from it (RESULTS.md
 * aside), and the last commit that changed what is served (apps/, packages/, content/).
 */
export function measuredCommit(): string {
  const head = git("rev-parse", "--short", "HEAD") || "(no git)";
  const changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md");
  const served = git("log", "-1", "--format=%h", "--", "apps", "packages", "content");
  return `${head}${changed ? " + local changes" : ""}${served && served !== head ? ` (app last changed in ${served})` : ""}`;
}

/** One line about the machine: cores, memory, OS, Node. */
export function machine(): string {
  const debian = existsSync("/etc/debian_version")
    ? `Debian ${readFileSync("/etc/debian_version", "utf8").trim()}`
    : process.platform;
  const model = cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  return `${cpus().length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GB, ${debian}, Node ${process.version}`;
}

const loadAtStart = loadavg()[0] ?? 0;

/** The 1-minute load average when this process started and now: what else the machine was doing. */
export function loadDuringRun(): string {
  return `load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (2 cores)`;
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Puts a run's entry (`body`, Markdown) into the bench's section of bench/RESULTS.md. */
export function recordRun(bench: string, label: string | undefined, body: string): void {
  const heading = `### ${git("rev-parse", "--short", "HEAD") || "no-git"}${label ? ` · ${label}` : ""}`;
  const entry = `${heading}\n\n${body.trim()}\n`;
  const text = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : preamble;
  // Sections by their `## ` line, entries by their `### ` line.
  const sections = text.split(/^(?=## )/m);
  const top = sections[0]?.startsWith("## ") ? preamble : (sections.shift() ?? preamble);
  let section = sections.find((s) => s.startsWith(`## ${bench}\n`));
  if (!section) {
    section = `## ${bench}\n\n`;
    sections.push(section);
  }
  const [intro = "", ...entries] = section.split(/^(?=### )/m);
  const kept = entries.filter((e) => !e.startsWith(`${heading}\n`));
  const updated = `${intro.trimEnd()}\n\n${[entry, ...kept].map((e) => e.trimEnd()).join("\n\n")}\n\n`;
  sections[sections.indexOf(section)] = updated;
  writeFileSync(resultsFile, `${top.trimEnd()}\n\n${sections.map((s) => s.trimEnd()).join("\n\n")}\n`);
  console.log(`\nWritten to bench/RESULTS.md, section "${bench}", entry "${heading.slice(4)}".`);
}
