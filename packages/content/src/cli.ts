#!/usr/bin/env node
// `pnpm content:check [dir] [--json]`: prints every problem in the course's Markdown as
// file:line:column and exits 1 when any is an error.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CHECKED_SEEDS, checkContent } from "./check.ts";
import { workspaceContentDir } from "./course-files.ts";
import { formatDiagnostic } from "./diagnostics.ts";
import { HUGO_CONFIG_FILES } from "./hugo-config.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
});
if (values.help) {
  console.log(
    "usage: content:check [content-dir | hugo-site-root] [--json]\nChecks every Markdown file: front matter, refs, shortcodes, formulas, and every exercise on 50 variants.\nA directory with a Hugo configuration (hugo.toml, config.yaml, …) is read as a Hugo site: its content/ and per-language content directories.",
  );
  process.exit(0);
}

// pnpm runs this inside packages/content: a directory given on the command line is taken
// relative to where the user typed it, the default is the workspace's content/.
const userDir = process.env.INIT_CWD ?? process.cwd();
const given = positionals[0] ? path.resolve(userDir, positionals[0]) : workspaceContentDir();
// A Hugo site's root (its configuration there) stands for its content/ directory.
const isSiteRoot = [...HUGO_CONFIG_FILES, "config/_default"].some((name) => existsSync(path.join(given, name)));
const contentDir = isSiteRoot ? path.join(given, "content") : given;
const shown = path.relative(userDir, contentDir) || ".";

try {
  const report = await checkContent(contentDir);
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.length - errors;
  if (values.json) {
    console.log(JSON.stringify({ ...report, contentDir: shown, errors, warnings }, null, 2));
  } else {
    // A language's own content directory (Hugo's contentDir) is beside content/: `content/../content.en/x.md`.
    for (const d of report.diagnostics)
      console.log(formatDiagnostic({ ...d, file: path.posix.normalize(`${shown}/${d.file}`) }));
    console.log(
      `content:check: ${report.pages} pages, ${report.formulas} formulas, ${report.exercises} exercises (${CHECKED_SEEDS} variants each), ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
    );
  }
  // exitCode, not exit(): a long --json report piped elsewhere must be written out in full.
  process.exitCode = errors > 0 ? 1 : 0;
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "ENOENT" ? `content:check: no content directory at ${shown}` : error);
  process.exitCode = 2;
}
