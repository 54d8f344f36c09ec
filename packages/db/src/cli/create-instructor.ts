// `pnpm db:create-instructor --email ann@example.com [--name "王老师"] [--password-stdin]`:
// makes an instructor account, or makes an existing account an instructor (its password and
// name unchanged). It brings the server's database up to date first, so it works before the
// server has ever started. Exit code 0 done, 1 refused or failed, 2 a usage error.
import path from "node:path";
import readline from "node:readline";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { makeInstructor, normalizeDisplayName, normalizeEmail } from "../accounts.ts";
import { openDatabase } from "../client.ts";
import { resolveDatabaseUrl } from "../database-url.ts";
import { migrateDatabase } from "../migrate.ts";
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  type PasswordContext,
  type PasswordProblem,
  passwordProblem,
} from "../passwords.ts";

const USAGE = `usage: pnpm db:create-instructor --email ADDRESS [--name NAME] [--password-stdin]

  --email ADDRESS    the instructor's sign-in email
  --name NAME        the name shown for a new account (1–50 characters; default: the email's local part)
  --password-stdin   read the new account's password from standard input (one line)
                     without it, the password is asked for twice on the terminal, not echoed

An existing account with that email becomes an instructor; its password and name stay as they
are, and no password is asked for. The database is the server's: DATABASE_URL, or SQLite at
<DATA_DIR>/llm-basics.db (DATA_DIR defaults to data/ in the repository). It is migrated first.

exit code: 0 done, 1 refused (a weak password, passwords that differ) or failed, 2 usage error`;

/** A problem with the command line: exit code 2. */
class UsageError extends Error {}
/** A refusal or failure the user can act on: exit code 1. */
class Refusal extends Error {}

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

const passwordAdvice: Record<PasswordProblem, string> = {
  "too-short": `the password is too short: use at least ${PASSWORD_MIN} characters (a few words make a good one)`,
  "too-long": `the password is too long: use at most ${PASSWORD_MAX} characters`,
  blank: "the password has nothing visible in it (only spaces or invisible characters): choose another",
  repeated: "the password is one character (or a short group) over and over, which is guessed at once: choose another",
  sequence:
    "the password is a run of the alphabet, the digits or the keyboard (like abcdefgh, 87654321, qwertyui), which is guessed at once: choose another",
  personal: "the password is the account's email, its name or the site's name, which are tried first: choose another",
  common: "the password is one of the most common passwords, which are tried first: choose another",
};
const isPasswordProblem = (problem: string): problem is PasswordProblem => problem in passwordAdvice;

async function main(argv: string[]): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  if (args.email === undefined) throw new UsageError("--email is required");
  const email = normalizeEmail(args.email);
  if (!email) throw new UsageError(`--email: "${args.email}" is not an email address`);
  const name = args.name === undefined ? undefined : normalizeDisplayName(args.name);
  if (name === null) throw new UsageError("--name: use 1–50 characters, without control characters");

  // Read a piped password now, before the database: the pipe's writer is not kept waiting.
  const piped = args.passwordStdin ? stripNewline(await readAll(process.stdin)) : undefined;

  const url = resolveDatabaseUrl({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR }, repoDir);
  process.stderr.write(`database: ${redacted(url)}\n`);
  try {
    await migrateDatabase(url);
  } catch (error) {
    throw new Refusal(
      `could not bring the database up to date (is DATABASE_URL right, and the database reachable?)\n${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const db = openDatabase(url);
  try {
    const promoted = await makeInstructor(db, { email });
    if (promoted.ok) {
      process.stdout.write(`${email} is an instructor now. The account already existed: its password is unchanged.\n`);
      if (piped !== undefined) process.stdout.write("(The password given on standard input was not used.)\n");
      if (name !== undefined) process.stdout.write(`(--name is for new accounts: it keeps its name.)\n`);
      return;
    }
    if (promoted.problem !== "password-required") throw new Refusal(`refused: ${promoted.problem}`);
    const context = { email, displayName: name };
    const password = piped ?? (await askPassword(context));
    const problem = passwordProblem(password, context);
    if (problem) throw new Refusal(passwordAdvice[problem]);
    const made = await makeInstructor(db, { email, password, ...(name ? { displayName: name } : {}) });
    if (!made.ok) {
      throw new Refusal(isPasswordProblem(made.problem) ? passwordAdvice[made.problem] : `refused: ${made.problem}`);
    }
    process.stdout.write(
      `Made an instructor account for ${email} (${made.user.displayName}). Sign in with it, then open /instructor/.\n`,
    );
  } finally {
    await db.close();
  }
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
  return {
    email: values.email,
    name: values.name,
    passwordStdin: values["password-stdin"] === true,
    help: values.help === true,
    positionals,
  };
}

/** The password from a terminal, typed twice and never echoed. */
async function askPassword(context: PasswordContext): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Refusal(
      "a new account needs a password, and there is no terminal to ask for it: pipe it in with --password-stdin",
    );
  }
  // readline edits the line on the terminal as usual but writes its echo nowhere.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  const lines = rl[Symbol.asyncIterator]();
  let cancelled = false;
  rl.on("SIGINT", () => {
    cancelled = true;
    rl.close();
  });
  const ask = async (question: string): Promise<string> => {
    process.stderr.write(question);
    const next = await lines.next();
    process.stderr.write("\n");
    if (next.done || cancelled) throw new Refusal("cancelled: no account was made");
    return next.value;
  };
  try {
    const first = await ask(`Password for the new account (${PASSWORD_MIN}+ characters, not shown): `);
    const problem = passwordProblem(first, context);
    if (problem) throw new Refusal(passwordAdvice[problem]);
    const again = await ask("The same password again: ");
    if (again !== first) throw new Refusal("the two passwords differ: no account was made");
    return first;
  } finally {
    rl.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** `echo secret | …` sends "secret\n": the line's end is not part of the password. */
const stripNewline = (text: string) => text.replace(/\r?\n$/, "");

/** A URL fit to print: a PostgreSQL password replaced by ***. */
function redacted(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}

main(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`create-instructor: ${error.message}\nrun it with --help for the options\n`);
      process.exitCode = 2;
    } else if (error instanceof Refusal) {
      process.stderr.write(`create-instructor: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`create-instructor failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
