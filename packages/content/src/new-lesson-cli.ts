// `pnpm content:new <slug> [--title 标题] [--title-en Title]`: writes a new draft lesson,
// content/<slug>.md and its English twin content/<slug>.en.md (scaffold.ts), after making sure
// it takes nothing another lesson has: no file is ever overwritten. Exit code 0 when written,
// 1 when refused (nothing written). bin/content-new.mjs runs it.
import { existsSync } from "node:fs";
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { listMarkdownFiles, pageUrl, workspaceContentDir } from "./course-files.ts";
import { withoutByteOrderMark } from "./diagnostics.ts";
import { loadExercises } from "./exercise-index.ts";
import { parseFrontMatter } from "./front-matter.ts";
import type { CommandIo } from "./grade-cli.ts";
import { type LessonScaffold, nextLessonWeight, scaffoldLesson } from "./scaffold.ts";
import { languageOfFile, readSettings, siteLanguages } from "./site-settings.ts";

const USAGE = `usage: content:new <slug> [--title 标题] [--title-en Title] [--content-dir DIR]

Writes a new draft lesson in both languages: content/<slug>.md (Chinese, the default language)
and content/<slug>.en.md (English), each with front matter, a section with a formula and an
example exercise that content:check passes. Never overwrites a file.

  <slug>              the file name and URL: lowercase letters, digits, - and _ (positional_encoding)
  --title TEXT        the Chinese title (default: the slug as words)
  --title-en TEXT     the English title (default: the slug as words)
  --content-dir DIR   the course (default: the workspace's content/)

exit code: 0 written, 1 refused (nothing written)`;

/** Where the command writes its messages, and where the user typed it (pnpm runs scripts elsewhere: INIT_CWD). */
export type NewLessonIo = Pick<CommandIo, "stdout" | "stderr" | "userDir">;

/** The real terminal. */
const processIo: NewLessonIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  userDir: process.env.INIT_CWD ?? process.cwd(),
};

class Refusal extends Error {}

/** Runs `content:new` with these arguments; resolves to the exit code. */
export async function newLessonCommand(
  argv: string[],
  io: NewLessonIo = processIo,
  today: Date = new Date(),
): Promise<number> {
  try {
    return await main(argv, io, today);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    io.stderr(`content:new: ${error.message}`);
    io.stderr("nothing was written; run `pnpm content:new --help` for the options");
    return 1;
  }
}

async function main(argv: string[], io: NewLessonIo, today: Date): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new Refusal((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const slug = positionals[0];
  if (slug === undefined)
    throw new Refusal("name the lesson: pnpm content:new <slug>, like pnpm content:new positional_encoding");
  if (positionals.length > 1) {
    throw new Refusal(
      `one lesson at a time (got ${positionals.join(", ")}); a title with spaces goes in quotes after --title`,
    );
  }
  const contentDir = values["content-dir"] ? path.resolve(io.userDir, values["content-dir"]) : workspaceContentDir();
  const shown = (file: string) => path.relative(io.userDir, path.join(contentDir, file)) || ".";
  if (!existsSync(contentDir)) throw new Refusal(`no content directory at ${shown("")}`);

  const course = await surveyCourse(contentDir);
  const scaffold: LessonScaffold = scaffoldLesson({
    slug,
    weight: course.nextWeight,
    date: localDate(today),
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values["title-en"] === undefined ? {} : { titleEn: values["title-en"] }),
  });
  if (!scaffold.ok) throw new Refusal(scaffold.problem);

  // Everything the new lesson would take must be free: its files, its URLs, its exercise id.
  for (const { file } of scaffold.files) {
    if (existsSync(path.join(contentDir, file))) {
      throw new Refusal(`${shown(file)} already exists; content:new never overwrites a lesson: choose another slug`);
    }
  }
  for (const url of [scaffold.urls.zh, scaffold.urls.en]) {
    const owner = course.urls.get(url);
    if (owner) throw new Refusal(`${url} is already the page of ${shown(owner)}: choose another slug`);
  }
  const taken = course.exerciseIds.get(scaffold.exerciseId);
  if (taken) {
    throw new Refusal(
      `the exercise id "${scaffold.exerciseId}" (made from the slug) is already used at ${shown(taken)}: choose another slug`,
    );
  }

  const written: string[] = [];
  try {
    for (const { file, text } of scaffold.files) {
      // "wx": a file that appeared since the check above is still not overwritten.
      await writeFile(path.join(contentDir, file), text, { encoding: "utf8", flag: "wx" });
      written.push(file);
    }
  } catch (error) {
    await Promise.all(written.map((file) => unlink(path.join(contentDir, file))));
    const code = (error as NodeJS.ErrnoException).code;
    throw new Refusal(`could not write the lesson: ${code ?? (error as Error).message}`);
  }

  const [zh, en] = scaffold.files;
  // Two columns; a left cell too wide for the first goes on a line of its own.
  const rows = (pairs: Array<[string, string]>, width = 20) => {
    for (const [left, right] of pairs) {
      if (left.length < width) io.stdout(`  ${left.padEnd(width)}${right}`);
      else io.stdout(`  ${left}\n  ${" ".repeat(width)}${right}`);
    }
  };
  io.stdout(`content:new: wrote a draft lesson (weight ${course.nextWeight}, exercise ${scaffold.exerciseId})`);
  const fileWidth = Math.max(shown(zh.file).length, shown(en.file).length) + 2;
  rows(
    [
      [shown(zh.file), `Chinese, the default language: ${scaffold.urls.zh}`],
      [shown(en.file), `English: ${scaffold.urls.en}`],
    ],
    fileWidth,
  );
  io.stdout("next:");
  rows([
    ["pnpm dev", `open http://localhost:3000${scaffold.urls.zh} and ${scaffold.urls.en} (drafts show in dev)`],
    ["pnpm content:check", "after each change: 0 errors, 0 warnings"],
    [`pnpm grade ${scaffold.exerciseId} --seed 1 --answer "…"`, "grades an answer to one variant of the exercise"],
    ["draft: false", "in both files, once the lesson is ready to publish"],
  ]);
  return 0;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    allowPositionals: true,
    options: {
      title: { type: "string" },
      "title-en": { type: "string" },
      "content-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

/** What a new lesson must fit around: the course's weights, the URLs and the exercise ids in use. */
async function surveyCourse(contentDir: string): Promise<{
  nextWeight: number;
  urls: Map<string, string>;
  exerciseIds: Map<string, string>;
}> {
  const languages = siteLanguages(await readSettings(contentDir, []));
  const files = await listMarkdownFiles(contentDir);
  const urls = new Map<string, string>();
  const weights: number[] = [];
  for (const file of files) {
    const source = withoutByteOrderMark(await readFile(path.join(contentDir, file), "utf8"));
    const { data } = parseFrontMatter(source, file);
    weights.push(data.weight);
    const { language, baseFile } = languageOfFile(file, languages);
    urls.set(`${language.root}${pageUrl(baseFile, data.slug).slice(1)}`, file);
  }
  const { exercises } = await loadExercises({ contentDir, includeDrafts: true });
  return {
    nextWeight: nextLessonWeight(weights),
    urls,
    exerciseIds: new Map([...exercises.values()].map((e) => [e.id, `${e.file}:${e.line}`])),
  };
}

/** The date on the author's clock, as front matter writes it: 2026-12-01. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
