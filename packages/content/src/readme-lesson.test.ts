import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkContent } from "./check.ts";
import { formatDiagnostic } from "./diagnostics.ts";

// The README's "Writing a lesson" walks through a complete lesson and what content:check says
// about three slips in it. Those blocks are checked here, so the walkthrough stays true.

const workspace = fileURLToPath(new URL("../../../", import.meta.url));
const readme = await readFile(path.join(workspace, "README.md"), "utf8");

/** The fenced block after `<!-- readme-lesson.test.ts checks this block: NAME -->`. */
function readmeBlock(name: string): string {
  const marker = `<!-- readme-lesson.test.ts checks this block: ${name} -->\n`;
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no block marked "${name}"`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (block?.index !== 0) throw new Error(`no fenced block right after the marker "${name}"`);
  return block[1] as string;
}

/** The README's two files in a course with the pages they link to (the homes, matrix_basics). */
async function courseWith(zh: string, en: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "readme-lesson-"));
  for (const file of ["_index.md", "_index.en.md", "matrix_basics.md", "matrix_basics.en.md"]) {
    await copyFile(path.join(workspace, "content", file), path.join(dir, file));
  }
  await writeFile(path.join(dir, "dot_product.md"), zh);
  await writeFile(path.join(dir, "dot_product.en.md"), en);
  return dir;
}

// Only the lesson's own: the copied pages link to lessons this small course does not have.
const problems = async (dir: string) =>
  (await checkContent(dir)).diagnostics
    .filter((d) => d.file.startsWith("dot_product."))
    .map((d) => formatDiagnostic({ ...d, file: `content/${d.file}` }));

describe("the README's annotated lesson", () => {
  const zh = readmeBlock("content/dot_product.md");
  const en = readmeBlock("content/dot_product.en.md");

  it("passes content:check with no error and no warning, comments and all", async () => {
    expect(await problems(await courseWith(zh, en))).toEqual([]);
  });

  it("gets the problems the README shows for its three slips, at the places it shows", async () => {
    const slips: Array<[string, string]> = [
      ['ref "/matrix_basics#矩阵乘法"', 'ref "/matrix_basics#矩阵相乘"'],
      ["\\sum_{i=1}^{n} x_i y_i", "\\sum_{i=1}^{n x_i y_i"],
      ["  expr: dot(x, y)", "  expr: dot(x, z)"],
    ];
    let broken = zh;
    for (const [right, wrong] of slips) {
      expect(broken).toContain(right);
      broken = broken.replace(right, wrong);
    }
    const shown = readmeBlock("content:check after the three slips")
      .split("\n")
      .filter((line) => line.startsWith("content/"));
    expect(shown).toHaveLength(4);
    expect(await problems(await courseWith(broken, en))).toEqual(shown);
  });
});
