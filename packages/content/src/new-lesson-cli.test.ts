import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { newLessonCommand } from "./new-lesson-cli.ts";

const launcher = fileURLToPath(new URL("../bin/content-new.mjs", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A workspace-like directory with a course of two lessons (weights 10 and 35) and one exercise. */
async function course(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "content-new-"));
  const content = path.join(root, "content");
  await mkdir(content);
  await writeFile(path.join(content, "_index.md"), '---\ntitle: "首页"\n---\n');
  await writeFile(path.join(content, "matrices.md"), '---\ntitle: "矩阵"\nweight: 10\n---\n');
  await writeFile(
    path.join(content, "softmax.md"),
    '---\ntitle: "Softmax"\nweight: 35\nslug: soft\n---\n\n{{< exercise id="old-lesson-example" >}}\nanswer: { type: scalar, expr: "1" }\n{{< /exercise >}}\n',
  );
  return root;
}

/** Runs the command in this process, as `pnpm content:new …` typed in `root` would. */
async function contentNew(root: string, args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await newLessonCommand(
    ["--content-dir", "content", ...args],
    {
      stdout: (text) => {
        stdout += `${text}\n`;
      },
      stderr: (text) => {
        stderr += `${text}\n`;
      },
      userDir: root,
    },
    new Date(2026, 11, 1, 9, 30),
  );
  return { code, stdout, stderr };
}

const files = (root: string) => readdir(path.join(root, "content"));

describe("pnpm content:new", () => {
  it("writes the lesson in both languages after the heaviest lesson, and says where and what next", async () => {
    const root = await course();
    const run = await contentNew(root, [
      "positional_encoding",
      "--title",
      "位置编码",
      "--title-en",
      "Positional encoding",
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("content/positional_encoding.md");
    expect(run.stdout).toContain("content/positional_encoding.en.md");
    expect(run.stdout).toContain("http://localhost:3000/positional_encoding/ and /en/positional_encoding/");
    const zh = await readFile(path.join(root, "content/positional_encoding.md"), "utf8");
    const en = await readFile(path.join(root, "content/positional_encoding.en.md"), "utf8");
    expect(zh).toMatch(/^---\ntitle: "位置编码"\n[\s\S]*\nweight: 40\ndate: 2026-12-01\ndraft: true\n/);
    expect(en).toMatch(/^---\ntitle: "Positional encoding"\n[\s\S]*\nweight: 40\n/);
    expect(zh).toContain('{{< exercise id="positional-encoding-example" >}}');
    expect(en).toContain('{{< exercise id="positional-encoding-example" />}}');
  });

  it("never overwrites: a second run, or a lesson with either file already there, is refused and writes nothing", async () => {
    const root = await course();
    expect((await contentNew(root, ["demo"])).code).toBe(0);
    await writeFile(path.join(root, "content/demo.md"), "mine");
    const again = await contentNew(root, ["demo"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("content/demo.md already exists");
    expect(again.stderr).toContain("nothing was written");
    expect(await readFile(path.join(root, "content/demo.md"), "utf8")).toBe("mine");

    await writeFile(path.join(root, "content/other.en.md"), "an English page without its original");
    const before = await files(root);
    const refused = await contentNew(root, ["other"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("content/other.en.md already exists");
    expect(await files(root)).toEqual(before);
  });

  it.each([
    [["注意力"], '"注意力" is not a lesson slug'],
    [["my lesson"], '"my lesson" is not a lesson slug'],
    [["../x"], '"../x" is not a lesson slug'],
    [[], "name the lesson: pnpm content:new <slug>"],
    [["a", "b"], "one lesson at a time"],
    [["demo", "--title"], "argument missing"],
    [["demo", "--colour", "red"], "Unknown option '--colour'"],
    // The URL /soft/ is softmax.md's (its front matter's slug), the id old-lesson-example an exercise's.
    [["soft"], "/soft/ is already the page of content/softmax.md"],
    [
      ["old_lesson"],
      'the exercise id "old-lesson-example" (made from the slug) is already used at content/softmax.md:7',
    ],
  ])("refuses %j with exit code 1, saying why, and writes nothing", async (args, says) => {
    const root = await course();
    const before = await files(root);
    const run = await contentNew(root, args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(says);
    expect(await files(root)).toEqual(before);
  });

  it("refuses a content directory that is not there", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "content-new-"));
    const run = await contentNew(root, ["demo"]);
    expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining("no content directory at content") });
  });

  it("runs as its own process from the bin, the way pnpm content:new starts it", async () => {
    const root = await course();
    const run = await new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [launcher, "from_bin", "--content-dir", "content"],
        { cwd: root, env: { ...process.env, INIT_CWD: root } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(await files(root)).toContain("from_bin.en.md");
    const refused = await new Promise<number>((resolve) => {
      execFile(process.execPath, [launcher, "../x"], { cwd: root, env: { ...process.env, INIT_CWD: root } }, (error) =>
        resolve(error ? Number(error.code) : 0),
      );
    });
    expect(refused).toBe(1);
  });
});
