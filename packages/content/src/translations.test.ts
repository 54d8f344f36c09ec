import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSite } from "./site.ts";
import { annotations } from "./test-helpers.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function site(files: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), "llm-basics-i18n-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return loadSite({ contentDir: dir, includeDrafts: false });
}

const exercise = `{{< exercise id="add-one" >}}
title: { zh: 加一, en: Add one }
prompt: { zh: "求 \\\\( {{a}} + 1 \\\\)。", en: "Find \\\\( {{a}} + 1 \\\\)." }
params: { a: { integer: [1, 5] } }
answer: { type: scalar, expr: a + 1 }
{{< /exercise >}}`;

describe("translations, Hugo's way", () => {
  it("puts name.en.md at /en/name/, in its own language, with refs to the English pages", async () => {
    const s = await site({
      "_index.md": '---\ntitle: 首页\n---\n去 [第一课]({{< ref "/one" >}})。\n',
      "_index.en.md": '---\ntitle: Home\n---\nGo to [lesson one]({{< ref "/one" >}}).\n',
      "one.md": `---\ntitle: 第一课\nweight: 1\n---\n## 练习\n\n${exercise}\n`,
      "one.en.md": '---\ntitle: Lesson one\nweight: 1\n---\n## Exercises\n\n{{< exercise id="add-one" />}}\n',
    });
    expect(s.diagnostics).toEqual([]);
    expect(s.languages.map((l) => [l.code, l.root, l.lang])).toEqual([
      ["zh", "/", "zh-CN"],
      ["en", "/en/", "en"],
    ]);
    const en = s.pageAt("/en/one/");
    expect(en).toMatchObject({ title: "Lesson one", lang: "en", language: "en", exercises: ["add-one"] });
    expect(s.homeIn("en")?.html).toContain('href="/en/one/"');
    expect(s.home?.html).toContain('href="/one/"');
    expect(s.lessonsIn("en").map((p) => p.url)).toEqual(["/en/one/"]);
    expect(s.lessons.map((p) => p.url)).toEqual(["/one/"]);
    expect([...s.translationsOf(en as never).keys()]).toEqual(["zh", "en"]);
    // One exercise, defined once: progress is shared by both pages.
    expect([...s.exercises.keys()]).toEqual(["add-one"]);
    expect(s.exercises.get("add-one")?.pageUrl).toBe("/one/");
    expect(en?.html).toContain('data-exercise="add-one"');
  });

  it("warns about a page without its translation and an exercise text in one language", async () => {
    const s = await site({
      "one.md": `---\ntitle: 第一课\n---\n\n${exercise.replace("title: { zh: 加一, en: Add one }", "title: 加一")}\n`,
      "one.en.md": '---\ntitle: Lesson one\n---\n\n{{< exercise id="add-one" />}}\n',
      "two.md": "---\ntitle: 第二课\n---\n正文\n",
    });
    expect(s.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      'one.md:5 warning exercise-translation exercise "add-one": title is written in one language only; write it as { zh: …, en: … }',
      "two.md:1 warning translation-missing /two/ has no en translation: write two.en.md",
    ]);
  });

  it("reports a page whose URL the app serves itself, in either language, and one under another language's prefix", async () => {
    const s = await site({
      "_index.md": "---\ntitle: 首页\n---\n",
      "progress.md": "---\ntitle: 我的进度\n---\n",
      "signin.en.md": "---\ntitle: Sign in\n---\n",
      "en.md": "---\ntitle: 英文\n---\n",
      "search_index.md": "---\ntitle: 搜索\nslug: Search-Index\n---\n",
      "progression.md": "---\ntitle: 递进\n---\n",
    });
    const reserved = s.diagnostics.filter((d) => d.rule === "reserved-url");
    expect(reserved.map((d) => [d.file, d.message.split(" (")[0]])).toEqual([
      ["en.md", "/en/ is a page of the site itself"],
      ["progress.md", "/progress/ is a page of the site itself"],
      ["search_index.md", "/search-index/ is a page of the site itself"],
      ["signin.en.md", "/en/signin/ is a page of the site itself"],
    ]);
    expect(reserved[0]).toMatchObject({ severity: "error", line: 1, column: 1 });
    expect(s.pageAt("/progression/")).toBeDefined();
  });

  it("says where a placed exercise does not exist", async () => {
    const s = await site({ "one.en.md": '---\ntitle: One\n---\n\ntext\n\n{{< exercise id="nope" />}}\n' });
    expect(s.diagnostics).toMatchObject([{ file: "one.en.md", line: 7, column: 1, rule: "exercise-not-found" }]);
  });
});

describe("worked examples' numbers come from the math core", () => {
  const page = (
    body: string,
    values = 'values:\n  A: "[[1, 2], [3, 4]]"\n  AA: "A * A"\n  p: "softmax([2, 1, 0])"\n',
  ) => `---\ntitle: 例\n${values}---\n${body}\n`;

  it("writes a value into a formula as LaTeX, rounded as asked, and a translation uses its original's values", async () => {
    const s = await site({
      "one.md": page(
        '$$ A^2 = {{< value "AA" >}} $$\n\n概率 \\( p_1 \\approx {{< value "dot(p, [1, 0, 0])" digits="2" >}} \\)',
      ),
      "one.en.md":
        '---\ntitle: Example\n---\n\\( A^2 = {{< value "AA" >}} \\), \\( \\det A = {{< value "det(A)" >}} \\), \\( {{< value "A * inverse(A) - identity(2)" >}} + {{< value "pi" digits="2" >}} \\)\n',
    });
    expect(s.diagnostics).toEqual([]);
    expect(annotations(s.pageAt("/one/")?.html ?? "")).toEqual([
      "A^2 = \\begin{bmatrix} 7 & 10 \\\\ 15 & 22 \\end{bmatrix}",
      "p_1 \\approx 0.67",
    ]);
    expect(annotations(s.pageAt("/en/one/")?.html ?? "")).toEqual([
      "A^2 = \\begin{bmatrix} 7 & 10 \\\\ 15 & 22 \\end{bmatrix}",
      "\\det A = -2",
      "\\begin{bmatrix} 0 & 0 \\\\ 0 & 0 \\end{bmatrix} + 3.14",
    ]);
  });

  it("reports a value that does not compute at its own line, and one written outside a formula", async () => {
    const s = await site({
      "one.md": page(
        '\\( {{< value "B" >}} \\)\n\nA is {{< value "A" >}}.',
        'values:\n  A: "[[1, 2], [3, 4]]"\n  B: "A * [1, 2, 3]"\n',
      ),
    });
    expect(s.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      "5:3 page-values",
      "7:4 page-values",
      "9:1 shortcode-placement",
    ]);
    expect(s.diagnostics[0]?.message).toMatch(/^values: B = "A \* \[1, 2, 3\]" does not compute: /);
    expect(s.diagnostics[1]?.message).toMatch(/^value "B" does not compute: .*\(the page's values: A\)$/);
  });
});
