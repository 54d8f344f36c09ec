import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../client.ts";
import { signIn, signUp } from "../index.ts";

// The real command, as `pnpm db:create-instructor` runs it (tsx in packages/db), on SQLite files
// it has to migrate itself. Its interactive prompt needs a terminal: checked by hand (README).
const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const tsx = path.join(packageDir, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(path.join(tmpdir(), "llmb-create-instructor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function createInstructor(args: string[], { env = {}, stdin }: { env?: Record<string, string>; stdin?: string }) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(tsx, ["src/cli/create-instructor.ts", ...args], {
      cwd: packageDir,
      env: { ...inherited, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

describe("pnpm db:create-instructor", () => {
  const file = path.join(dir, "instructors.db");
  const env = { DATABASE_URL: `file:${file}` };

  it("refuses a bad email or name before touching the database (exit 2)", async () => {
    const bad = await createInstructor(["--email", "not-an-address"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email: "not-an-address" is not an email address');
    const missing = await createInstructor(["--name", "x"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--email is required");
    const unknown = await createInstructor(["--email", "a@b.co", "--pasword-stdin"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--pasword-stdin");
    const name = await createInstructor(["--email", "a@b.co", "--name", " "], { env });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("--name");
    expect(existsSync(file)).toBe(false);
  });

  it("migrates a new database and makes an instructor with the password from standard input", async () => {
    const run = await createInstructor(["--email", " Ann@Example.COM ", "--name", "王老师", "--password-stdin"], {
      env,
      stdin: "tiger lily passphrase\n",
    });
    expect(run.stderr).toContain(`database: file:${file}`);
    expect(run.stdout).toContain("Made an instructor account for ann@example.com (王老师)");
    expect(run.code).toBe(0);
    const db = openDatabase(env.DATABASE_URL);
    try {
      // The line's end is not part of the password.
      const signedIn = await signIn(db, { email: "ann@example.com", password: "tiger lily passphrase" });
      expect(signedIn.ok && signedIn.user).toMatchObject({ role: "instructor", displayName: "王老师" });
    } finally {
      await db.close();
    }
  });

  it("refuses weak passwords and a missing one, making no account (exit 1)", async () => {
    const common = await createInstructor(["--email", "bo@example.com", "--password-stdin"], {
      env,
      stdin: "password1\n",
    });
    expect(common.code).toBe(1);
    expect(common.stderr).toContain("one of the most common passwords");
    const short = await createInstructor(["--email", "bo@example.com", "--password-stdin"], { env, stdin: "abc" });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("too short: use at least 8 characters");
    const none = await createInstructor(["--email", "bo@example.com"], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no terminal to ask for it: pipe it in with --password-stdin");
    const db = openDatabase(env.DATABASE_URL);
    try {
      expect((await signIn(db, { email: "bo@example.com", password: "password1" })).ok).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("promotes an existing account without asking for or changing its password", async () => {
    const db = openDatabase(env.DATABASE_URL);
    try {
      const learner = await signUp(db, { email: "cy@example.com", password: "cypress hill walk", displayName: "Cy" });
      expect(learner.ok && learner.user.role).toBe("learner");
      const run = await createInstructor(["--email", "CY@example.com", "--password-stdin"], {
        env,
        stdin: "an entirely new password",
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("cy@example.com is an instructor now");
      expect(run.stdout).toContain("its password is unchanged");
      expect(run.stdout).toContain("not used");
      const old = await signIn(db, { email: "cy@example.com", password: "cypress hill walk" });
      expect(old.ok && old.user).toMatchObject({ role: "instructor", displayName: "Cy" });
      expect((await signIn(db, { email: "cy@example.com", password: "an entirely new password" })).ok).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("uses <DATA_DIR>/llm-basics.db, as the server does, when DATABASE_URL is unset", async () => {
    const dataDir = path.join(dir, "data-dir");
    const run = await createInstructor(["--email", "dee@example.com", "--password-stdin"], {
      env: { DATA_DIR: dataDir },
      stdin: "dee's own passphrase",
    });
    expect(run.code).toBe(0);
    const db = openDatabase(`file:${path.join(dataDir, "llm-basics.db")}`);
    try {
      expect((await signIn(db, { email: "dee@example.com", password: "dee's own passphrase" })).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});
