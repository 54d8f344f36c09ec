// `pnpm grade <exercise-id> --seed 42 --answer "[[0.5, 0.5], [0.2, 0.8]]"`: grades one answer
// to one variant of a course exercise, without a server. Exit code 0 when correct, 1 when
// graded but not correct, 2 for a usage error or an unknown exercise. bin/grade.mjs runs it.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { grade, type Locale } from "@llm-basics/grading";
import { workspaceContentDir } from "./course-files.ts";
import { formatDiagnostic } from "./diagnostics.ts";
import { closeExerciseIds, loadExercises } from "./exercise-index.ts";
import type { SiteExercise } from "./site.ts";
import { verdictText } from "./verdict-text.ts";

const USAGE = `usage: grade <exercise-id> --seed N (--answer TEXT | --answer-file FILE | --part ID=TEXT ...) [options]

  --seed N            the variant, an integer 0 … 2147483647 (as the lesson page and the API use it)
  --answer TEXT       the answer as a learner types it; "-" reads it from standard input
  --answer-file FILE  the answer from a file ("-": standard input)
  --part ID=TEXT      one part of a multi-part exercise (repeat for each part)
  --locale zh|en      the language of the feedback (default zh)
  --json              print the verdict as JSON
  --content-dir DIR   the course (default: the workspace's content/)
  --list              list the exercise ids and exit

exit code: 0 correct, 1 graded but not correct (partial, incorrect or invalid), 2 usage error or unknown exercise`;

const MAX_SEED = 2 ** 31 - 1;

class UsageError extends Error {}

/** Where the command reads and writes: the process's own streams, or a test's. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** The directory the user typed the command in (pnpm runs scripts elsewhere: INIT_CWD). */
  userDir: string;
}

/** The real terminal. */
export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  userDir: process.env.INIT_CWD ?? process.cwd(),
};

/** Runs `grade` with these arguments; resolves to the exit code. */
export async function gradeCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    // Never 1, which says "graded, not correct": a script must not mistake a failure for a verdict.
    if (error instanceof UsageError) {
      io.stderr(`grade: ${error.message}`);
      if (!error.message.includes("\n")) io.stderr("run `pnpm grade --help` for the options");
    } else io.stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 2;
  }
}

async function main(argv: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  // Paths on the command line are relative to where the user typed it; the default course is
  // the workspace's content/.
  const { userDir } = io;
  const contentDir = values["content-dir"] ? path.resolve(userDir, values["content-dir"]) : workspaceContentDir();
  if (!existsSync(contentDir)) throw new UsageError(`no content directory at ${contentDir}`);
  const index = await loadExercises({ contentDir, includeDrafts: true });

  if (values.list) {
    for (const e of index.exercises.values())
      io.stdout(`${e.id}\t${e.file}:${e.line}\t${e.exercise.answers.map((a) => a.id ?? a.spec.type).join(", ")}`);
    return 0;
  }
  const id = positionals[0];
  if (id === undefined) throw new UsageError("name the exercise: grade <exercise-id> --seed N --answer TEXT");
  if (positionals.length > 1) {
    throw new UsageError(`one exercise at a time (got ${positionals.join(", ")}); quote an answer that has spaces`);
  }
  const exercise = index.exercises.get(id);
  if (!exercise) {
    const close = closeExerciseIds(id, index.exercises.keys());
    const broken = index.diagnostics.filter((d) => d.severity === "error" && d.message.includes(`"${id}"`));
    const lines = [
      `no exercise "${id}" in ${path.relative(userDir, contentDir) || "."}`,
      ...broken.map((d) => `  ${formatDiagnostic(d)}`),
      close.length > 0
        ? `did you mean: ${close.join(", ")}?`
        : `known: ${[...index.exercises.keys()].join(", ") || "none"}`,
    ];
    throw new UsageError(lines.join("\n"));
  }
  const seed = parseSeed(values.seed);
  const locale = parseLocale(values.locale);
  const answer = await readGivenAnswer(values, exercise, io);
  const verdict = grade(exercise.exercise, seed, answer, { locale });
  if (values.json) io.stdout(JSON.stringify(verdict, null, 2));
  else {
    const title = exercise.exercise.spec.title;
    const shownTitle = title === undefined ? "" : ` · ${typeof title === "string" ? title : title[locale]}`;
    io.stdout(`${exercise.id} · seed ${seed}${shownTitle}`);
    io.stdout(verdictText(verdict, answer, locale));
  }
  return verdict.status === "correct" ? 0 : 1;
}

const VALUE_OPTIONS = new Set(["--seed", "--answer", "--answer-file", "--part", "--locale", "--content-dir"]);

function parseOptions(argv: string[]) {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  // `--answer -0.5`: an answer may start with a minus sign; parseArgs would take it for an option.
  for (let i = 0; i < args.length - 1; i++) {
    const next = args[i + 1] as string;
    if (VALUE_OPTIONS.has(args[i] as string) && /^-[^-h]/.test(next)) args.splice(i, 2, `${args[i]}=${next}`);
  }
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      answer: { type: "string" },
      "answer-file": { type: "string" },
      part: { type: "string", multiple: true },
      locale: { type: "string" },
      json: { type: "boolean", default: false },
      "content-dir": { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

type Options = ReturnType<typeof parseOptions>["values"];

function parseSeed(text: string | undefined): number {
  if (text === undefined) throw new UsageError("--seed is required: the variant to grade, an integer 0 … 2147483647");
  const seed = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(seed <= MAX_SEED)) throw new UsageError(`--seed ${text}: expected an integer 0 … ${MAX_SEED}`);
  return seed;
}

function parseLocale(text: string | undefined): Locale {
  if (text === undefined || text === "zh" || text === "en") return text ?? "zh";
  throw new UsageError(`--locale ${text}: expected zh or en`);
}

/** The answer from exactly one of --answer, --answer-file and --part, shaped for the exercise. */
async function readGivenAnswer(
  values: Options,
  exercise: SiteExercise,
  io: CommandIo,
): Promise<string | Record<string, string>> {
  const given = [values.answer, values["answer-file"], values.part].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new UsageError(
      given === 0
        ? "give the answer: --answer TEXT, --answer-file FILE, or --part ID=TEXT for each part"
        : "give the answer one way only: --answer, --answer-file or --part",
    );
  }
  const partIds = exercise.exercise.answers.flatMap((a) => (a.id === undefined ? [] : [a.id]));
  const partsHelp = `${exercise.id} has the parts ${partIds.join(", ")}: give each as --part ID=TEXT`;
  if (values.part) {
    if (!exercise.exercise.multiPart) {
      throw new UsageError(`${exercise.id} has a single answer: use --answer instead of --part`);
    }
    const parts: Record<string, string> = {};
    for (const item of values.part) {
      const equals = item.indexOf("=");
      const partId = equals === -1 ? "" : item.slice(0, equals).trim();
      if (!partIds.includes(partId)) throw new UsageError(`--part ${item}: ${partsHelp}`);
      if (partId in parts) throw new UsageError(`--part ${partId} is given twice`);
      parts[partId] = item.slice(equals + 1);
    }
    return parts;
  }
  const text =
    values.answer !== undefined && values.answer !== "-"
      ? values.answer
      : await readText(values.answer === "-" ? "-" : (values["answer-file"] as string), io);
  if (!exercise.exercise.multiPart) return text;
  // A multi-part answer may also come as one JSON object, as the API takes it.
  const object = parseJsonObject(text);
  if (!object) throw new UsageError(`${partsHelp} (or one JSON object of part id → text)`);
  const unknown = Object.keys(object).filter((k) => !partIds.includes(k));
  if (unknown.length > 0) throw new UsageError(`unknown part ${unknown.join(", ")}: ${partsHelp}`);
  return object;
}

function parseJsonObject(text: string): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return Object.values(value).every((v) => typeof v === "string") ? (value as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

/** A file's text, or standard input's for "-"; one final line break is dropped. */
async function readText(file: string, io: CommandIo): Promise<string> {
  let text: string;
  if (file === "-") text = await io.readStdin();
  else {
    try {
      text = await readFile(path.resolve(io.userDir, file), "utf8");
    } catch (error) {
      throw new UsageError(
        `--answer-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  return text.replace(/\r?\n$/, "");
}
