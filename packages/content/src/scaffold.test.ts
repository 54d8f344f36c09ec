import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { evaluateAuthorExpression, formatValue, grade, variantValues } from "@llm-basics/grading";
import { describe, expect, it } from "vitest";
import { checkContent } from "./check.ts";
import { EXERCISE_ID } from "./exercises.ts";
import { parseFrontMatter } from "./front-matter.ts";
import {
  exampleExerciseId,
  type LessonScaffold,
  lessonSlugProblem,
  MAX_SLUG_LENGTH,
  nextLessonWeight,
  scaffoldLesson,
} from "./scaffold.ts";
import { loadSite } from "./site.ts";

function scaffolded(options: Partial<Parameters<typeof scaffoldLesson>[0]> = {}) {
  const scaffold: LessonScaffold = scaffoldLesson({ slug: "demo_lesson", weight: 110, date: "2026-12-01", ...options });
  if (!scaffold.ok) throw new Error(scaffold.problem);
  return scaffold;
}

/** A course holding only the home pages (the lesson links to them) and the new lesson. */
async function courseWith(scaffold: ReturnType<typeof scaffolded>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "scaffold-"));
  await writeFile(path.join(dir, "_index.md"), '---\ntitle: "首页"\n---\n\n欢迎。\n');
  await writeFile(path.join(dir, "_index.en.md"), '---\ntitle: "Home"\n---\n\nWelcome.\n');
  for (const { file, text } of scaffold.files) await writeFile(path.join(dir, file), text);
  return dir;
}

describe("scaffoldLesson", () => {
  it("writes content/<slug>.md in Chinese and content/<slug>.en.md beside it", () => {
    const scaffold = scaffolded({ title: "位置编码", titleEn: "Positional encoding" });
    expect(scaffold.files.map((f) => f.file)).toEqual(["demo_lesson.md", "demo_lesson.en.md"]);
    expect(scaffold.urls).toEqual({ zh: "/demo_lesson/", en: "/en/demo_lesson/" });
    expect(scaffold.exerciseId).toBe("demo-lesson-example");
    const [zh, en] = scaffold.files.map((f) => parseFrontMatter(f.text, f.file));
    expect(zh?.diagnostics).toEqual([]);
    expect(zh?.data).toMatchObject({ title: "位置编码", weight: 110, date: "2026-12-01", draft: true });
    expect(en?.data).toMatchObject({ title: "Positional encoding", weight: 110, date: "2026-12-01", draft: true });
  });

  it("passes content:check's own check with no error and no warning", async () => {
    const report = await checkContent(await courseWith(scaffolded()));
    expect(report.diagnostics).toEqual([]);
    // Both languages' pages and formulas, and the one exercise tried on every checked variant.
    expect(report).toMatchObject({ pages: 2, exercises: 1 });
    expect(report.formulas).toBeGreaterThan(0);
  });

  it("is still clean with titles that YAML would otherwise read as something else", async () => {
    const scaffold = scaffolded({ title: '注意力: "Q, K, V" # 第一部分', titleEn: "yes" });
    const report = await checkContent(await courseWith(scaffold));
    expect(report.diagnostics).toEqual([]);
    expect(parseFrontMatter(scaffold.files[1].text, "x.en.md").data.title).toBe("yes");
  });

  it("links the two languages as translations, shows them in development and keeps them out of production", async () => {
    const dir = await courseWith(scaffolded({ title: "位置编码", titleEn: "Positional encoding" }));
    const site = await loadSite({ contentDir: dir, includeDrafts: true });
    const zh = site.pageAt("/demo_lesson/");
    const en = site.pageAt("/en/demo_lesson/");
    expect(zh).toMatchObject({ title: "位置编码", language: "zh", draft: true });
    expect(en).toMatchObject({ title: "Positional encoding", language: "en", draft: true });
    expect(zh && site.translationsOf(zh).get("en")).toBe(en);
    // One exercise, written in the Chinese page and placed by id in the English one.
    expect(zh?.exercises).toEqual(["demo-lesson-example"]);
    expect(en?.exercises).toEqual(["demo-lesson-example"]);
    expect(zh?.toc.map((t) => t.id)).toEqual(["点积", "练习"]);
    // The worked example's numbers come from the math core: x · y = 1·4 + 2·(−1) + 3·2 = 8.
    expect(zh?.html).toMatch(/<annotation encoding="application\/x-tex">x \\cdot y = 8<\/annotation>/);
    const published = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(published.pageAt("/demo_lesson/")).toBeUndefined();
    expect(published.pageAt("/en/demo_lesson/")).toBeUndefined();
  });

  it("has an exercise the grader marks right for its own expected answer, and wrong otherwise", async () => {
    const site = await loadSite({ contentDir: await courseWith(scaffolded()), includeDrafts: true });
    const exercise = site.exercises.get("demo-lesson-example")?.exercise;
    if (!exercise) throw new Error("the scaffold's exercise did not compile");
    for (const seed of [0, 1, 2, 42, 2 ** 31 - 1]) {
      const expected = variantValues(exercise, seed).expected[0];
      if (typeof expected !== "number") throw new Error(`seed ${seed}: no expected number`);
      expect(grade(exercise, seed, formatValue(expected)).status, `seed ${seed}`).toBe("correct");
      expect(grade(exercise, seed, formatValue(expected + 1)).status, `seed ${seed}`).toBe("incorrect");
    }
    // Its own mistake, adding instead of multiplying, is named (seed 0, as its author test says).
    const added = evaluateAuthorExpression("sum(x + y)", variantValues(exercise, 0).values);
    expect(grade(exercise, 0, formatValue(added)).misconception?.id).toBe("dot-product-added");
  });

  it("derives the exercise id from the slug, so it is a valid id unique as the slug", () => {
    expect(exampleExerciseId("attention_heads")).toBe("attention-heads-example");
    expect(exampleExerciseId("2d_rotation")).toBe("lesson-2d-rotation-example");
    for (const slug of ["a", "2d", "x".repeat(MAX_SLUG_LENGTH), `9${"x".repeat(MAX_SLUG_LENGTH - 1)}`]) {
      expect(exampleExerciseId(slug)).toMatch(EXERCISE_ID);
      expect(scaffoldLesson({ slug, weight: 10, date: "2026-12-01" }).ok).toBe(true);
    }
  });

  it.each([
    ["注意力", "is not a lesson slug"],
    ["my lesson", "is not a lesson slug"],
    ["../x", "is not a lesson slug"],
    ["a/b", "is not a lesson slug"],
    ["Demo", "(perhaps demo)"],
    ["_index", "is not a lesson slug"],
    ["-x", "is not a lesson slug"],
    ["", "the slug is empty"],
    ["index", "taken by the site itself"],
    ["en", "taken by the site itself"],
    ["progress", "taken by the site itself"],
    ["search-index", "taken by the site itself"],
    ["x".repeat(MAX_SLUG_LENGTH + 1), `at most ${MAX_SLUG_LENGTH}`],
  ])("refuses the slug %j", (slug, says) => {
    expect(lessonSlugProblem(slug)).toContain(says);
    const scaffold = scaffoldLesson({ slug, weight: 110, date: "2026-12-01" });
    expect(scaffold).toEqual({ ok: false, problem: expect.stringContaining(says) });
  });

  it("refuses an empty or multi-line title and a date that is not YYYY-MM-DD", () => {
    const refused = (options: Partial<Parameters<typeof scaffoldLesson>[0]>) => {
      const scaffold = scaffoldLesson({ slug: "demo", weight: 110, date: "2026-12-01", ...options });
      return scaffold.ok ? "accepted" : scaffold.problem;
    };
    expect(refused({ title: " " })).toContain("--title is empty");
    expect(refused({ titleEn: "a\nb" })).toContain("--title-en must be one line");
    expect(refused({ date: "1/12/2026" })).toContain("not YYYY-MM-DD");
    expect(refused({ weight: 0 })).toContain("positive whole number");
  });
});

describe("nextLessonWeight", () => {
  it.each([
    [[], 10],
    [[10, 20, 100], 110],
    [[10, 35], 40],
    [[0, 0], 10],
    [[30, 0, -5], 40],
  ])("after %j comes %d", (weights, next) => {
    expect(nextLessonWeight(weights)).toBe(next);
  });
});
