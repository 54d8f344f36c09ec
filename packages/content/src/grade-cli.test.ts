import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Exercise, evaluateAuthorExpression, formatValue, type Value, variantValues } from "@llm-basics/grading";
import { describe, expect, it } from "vitest";
import { loadExercises } from "./exercise-index.ts";
import { gradeCommand } from "./grade-cli.ts";

const fixtures = fileURLToPath(new URL("../test/fixtures/", import.meta.url));
const launcher = fileURLToPath(new URL("../bin/grade.mjs", import.meta.url));
const workspaceRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in this process, as `pnpm grade` typed in the fixtures directory would. */
async function grade(args: string[], options: { stdin?: string } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await gradeCommand([...args, "--content-dir", "exercises"], {
    stdout: (text) => {
      stdout += `${text}\n`;
    },
    stderr: (text) => {
      stderr += `${text}\n`;
    },
    readStdin: async () => options.stdin ?? "",
    userDir: fixtures,
  });
  return { code, stdout, stderr };
}

/** Runs it as its own process through a command line, the way a user does. */
function spawnGrade(command: string, args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd ?? fixtures, env: { ...process.env, INIT_CWD: options.cwd ?? fixtures } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.stdin ?? "");
  });
}

const index = await loadExercises({ contentDir: path.join(fixtures, "exercises"), includeDrafts: true });
function exercise(id: string): Exercise {
  const found = index.exercises.get(id);
  if (!found) throw new Error(`the fixture has no exercise ${id}`);
  return found.exercise;
}
const expected = (id: string, seed: number) => variantValues(exercise(id), seed).expected;
const typed = (value: Value | undefined) => formatValue(value as Value);

describe("pnpm grade", () => {
  it("exits 0 for a right answer, with a ✓ for every cell", async () => {
    const run = await grade([
      "attention-weights",
      "--seed",
      "42",
      "--answer",
      typed(expected("attention-weights", 42)[0]),
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("attention-weights · seed 42 · 注意力权重");
    expect(run.stdout).toContain("✓ 正确 · 得分 1");
    expect(run.stdout).toContain("  ✓ ✓ ✓\n  ✓ ✓ ✓");
  });

  it("exits 1 for a wrong answer: the misconception by name and a ✓/✗ grid", async () => {
    const right = expected("attention-weights", 7)[0] as number[][];
    // softmax(QKᵀ), without the 1/√d_k: a built-in detector names it.
    const { values } = variantValues(exercise("attention-weights"), 7);
    const noScaling = typed(evaluateAuthorExpression("softmax(Q * K')", values));
    const run = await grade(["attention-weights", "--seed", "7", "--answer", noScaling, "--locale", "en"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("misconception: attention-no-scaling (attention)");

    const oneWrong = right.map((row, i) => row.map((x, j) => (i === 1 && j === 2 ? x + 0.5 : x)));
    const partly = await grade(["attention-weights", "--seed", "7", "--answer", typed(oneWrong), "--locale", "en"]);
    expect(partly.code).toBe(1);
    expect(partly.stdout).toMatch(/^(✗ incorrect|◐ partial) · score /m);
    expect(partly.stdout).toContain("  ✓ ✓ ✓\n  ✓ ✓ ✗");
  });

  it("points at the problem in an unreadable answer, counting wide characters twice", async () => {
    const run = await grade(["attention-weights", "--seed", "1", "--answer", "［［0.5，0.5］，［0.2"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("! 无法识别 · 得分 0");
    const lines = run.stdout.split("\n");
    const at = lines.indexOf("  ［［0.5，0.5］，［0.2");
    expect(at).toBeGreaterThan(0);
    // The last "［" is not closed: it starts 16 columns in (7 wide characters, 2 of "0.5").
    expect(lines[at + 1]).toBe(`  ${" ".repeat(16)}^^ unclosed-bracket`);
  });

  it("prints the verdict as JSON with --json", async () => {
    const run = await grade(["attention-weights", "--seed", "3", "--answer", "[[1, 0, 0], [0, 1, 0]]", "--json"]);
    expect(run.code).toBe(1);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({ status: "incorrect", score: 0, tolerance: { atol: 0.005, rtol: 0 } });
    expect(verdict.cells).toHaveLength(2);
  });

  it("reads a long answer from a file or from standard input, and answers beginning with a minus", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "grade-"));
    const file = path.join(dir, "answer.txt");
    // Rows on separate lines, as a learner might paste them.
    await writeFile(
      file,
      `${(expected("attention-weights", 5)[0] as number[][]).map((r) => r.join(", ")).join("\n")}\n`,
    );
    expect((await grade(["attention-weights", "--seed", "5", "--answer-file", file])).code).toBe(0);
    const stdin = await grade(["attention-weights", "--seed", "5", "--answer", "-"], {
      stdin: typed(expected("attention-weights", 5)[0]),
    });
    expect(stdin.code).toBe(0);
    const negative = await grade(["attention-weights", "--seed", "5", "--answer", "-1", "--json"]);
    expect(JSON.parse(negative.stdout).status).toBe("incorrect");
  });

  it("grades a multi-part exercise from --part ID=TEXT or from one JSON object", async () => {
    const [scale, scores, weights] = expected("attention-steps", 9);
    const parts = await grade([
      "attention-steps",
      "--seed",
      "9",
      "--part",
      `scale=${typed(scale)}`,
      "--part",
      `scores=${typed(scores)}`,
      "--part",
      `weights=${typed(weights)}`,
      "--locale",
      "en",
    ]);
    expect(parts.stderr).toBe("");
    expect(parts.code).toBe(0);
    expect(parts.stdout).toContain("3 of 3 parts are right.");
    expect(parts.stdout).toContain("[part scores]\n  ✓ correct · score 1");

    const json = await grade(["attention-steps", "--seed", "9", "--answer-file", "-", "--json"], {
      stdin: JSON.stringify({ scale: "1.414", scores: typed(scores), weights: "[[0.5, 0.5], [0.5" }),
    });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).parts.map((p: { status: string }) => p.status)).toEqual([
      "correct",
      "correct",
      "invalid",
    ]);
  });

  it("exits 2 for an unknown exercise, naming the close ids", async () => {
    const run = await grade(["attention-weight", "--seed", "1", "--answer", "1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('no exercise "attention-weight" in exercises');
    expect(run.stderr).toContain("did you mean: attention-weights?");
  });

  it.for<[string[], string]>([
    [["attention-weights", "--answer", "1"], "--seed is required"],
    [["attention-weights", "--seed", "-1", "--answer", "1"], "--seed -1: expected an integer 0 … 2147483647"],
    [["attention-weights", "--seed", "2147483648", "--answer", "1"], "expected an integer"],
    [["attention-weights", "--seed", "1"], "give the answer"],
    [["attention-weights", "--seed", "1", "--answer", "1", "--locale", "fr"], "--locale fr: expected zh or en"],
    [["attention-weights", "--seed", "1", "--part", "a=1"], "has a single answer"],
    [["attention-steps", "--seed", "1", "--answer", "1"], "has the parts scale, scores, weights"],
    [["attention-steps", "--seed", "1", "--part", "softmax=1"], "--part softmax=1: attention-steps has the parts"],
    [["attention-weights", "--seed", "1", "--answer-file", "nowhere.txt"], "--answer-file nowhere.txt: ENOENT"],
    [["--seed", "1", "--answer", "1"], "name the exercise"],
    [["attention-weights", "--seed", "1", "--bogus"], "Unknown option '--bogus'"],
  ])("exits 2 for a usage error: %j", async ([args, message]) => {
    const run = await grade(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it("lists the exercises, drafts included", async () => {
    const run = await grade(["--list"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter(Boolean)).toEqual([
      "attention-weights\tattention.md:6\tmatrix",
      "attention-steps\tattention.md:21\tscale, scores, weights",
      "draft-probability\tdraft.md:6\tscalar",
    ]);
  });

  // The command as a user runs it: its own process, arguments through npm and pnpm, exit codes.
  it("runs as a process: exit 0 for a right answer, the answer from standard input", async () => {
    const run = await spawnGrade(
      process.execPath,
      [launcher, "attention-weights", "--seed", "11", "--answer", "-", "--content-dir", "exercises"],
      {
        stdin: typed(expected("attention-weights", 11)[0]),
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✓ 正确 · 得分 1");
  });

  it("is reached through the root's `npm run grade --`, arguments intact, exit code 1 for a wrong answer", async () => {
    const run = await spawnGrade(
      "npm",
      [
        "run",
        "--silent",
        "grade",
        "--",
        "attention-weights",
        "--seed",
        "0",
        "--answer",
        "[[9, 9, 9], [9, 9, 9]]",
        "--content-dir",
        path.join(fixtures, "exercises"),
        "--json",
      ],
      { cwd: workspaceRoot },
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).status).toBe("incorrect");
  });

  it("exits 2 as a process for an unknown exercise", async () => {
    const run = await spawnGrade(process.execPath, [
      launcher,
      "attention-weight",
      "--seed",
      "1",
      "--answer",
      "1",
      "--content-dir",
      "exercises",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("did you mean: attention-weights?");
  });
});
