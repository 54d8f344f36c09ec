import type { Page as CoursePage, SiteExercise } from "@llm-basics/content";
import { variantValues } from "@llm-basics/grading";
import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { asNewVisitor, course, firstSeed, reach } from "./course.ts";

// Every lesson of the course, in Chinese and in English, as a learner opens it in the production
// build: formulas all render, there are exercises, the language switcher goes to the translation
// and back, axe finds nothing serious, and one exercise answered with the right value (computed
// here from the packages, never read from the page) is graded correct.
// Exercises are fetched per learner on two cores shared with the rest of `npm test`.
test.slow();

const site = await course();
const WORDS = {
  zh: { submit: "提交答案", answer: "答案" },
  en: { submit: "Check answer", answer: "Answer" },
} as const;

/** The first exercise of a page answered with one number, vector or matrix. */
function answerable(page: CoursePage): SiteExercise {
  for (const id of page.exercises) {
    const exercise = site.exercises.get(id);
    const [only, ...more] = exercise?.exercise.answers ?? [];
    if (exercise && only && more.length === 0 && ["scalar", "vector", "matrix"].includes(only.spec.type)) {
      return exercise;
    }
  }
  throw new Error(`${page.url} has no exercise answered with a number, vector or matrix`);
}

const typed = (x: number) => String(Number(x.toFixed(8)));

async function answerCorrectly(page: Page, exercise: SiteExercise, seed: number, locale: "zh" | "en"): Promise<void> {
  const block = await reach(page.locator(`[data-exercise-id="${exercise.id}"]`));
  const value = variantValues(exercise.exercise, seed).expected[0];
  if (typeof value === "number") {
    await block.getByRole("textbox", { name: WORDS[locale].answer, exact: true }).fill(typed(value));
  } else {
    const entries = (value as number[] | number[][]).flat();
    const cells = block.locator("input[data-cell]");
    await expect(cells).toHaveCount(entries.length);
    for (const [i, x] of entries.entries()) await cells.nth(i).fill(typed(x));
  }
  await block.getByRole("button", { name: WORDS[locale].submit }).click();
  await expect(block.locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  // The solution the server sends back is in the page's language, not the exercise's lesson's.
  const solution = (await block.locator(".exercise-solution").textContent()) ?? "";
  if (locale === "en") expect(solution).not.toMatch(/[\u4e00-\u9fff]/);
  else expect(solution).toMatch(/[\u4e00-\u9fff]/);
}

/**
 * What every lesson page has, in either language: its language, formulas that render, exercises,
 * and (with `axe`) no serious axe finding.
 */
async function checkLesson(page: Page, lesson: CoursePage, { axe }: { axe: boolean }): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", lesson.lang);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(lesson.title);
  expect(await page.locator(".katex").count()).toBeGreaterThan(0);
  await expect(page.locator(".katex-error")).toHaveCount(0);
  // Under the title: the reading time the content package computed, and the front matter's date.
  const meta = page.locator(".lesson-meta");
  const english = lesson.lang.startsWith("en");
  await expect(meta).toContainText(
    english ? `${lesson.readingMinutes} min read` : `约 ${lesson.readingMinutes} 分钟读完`,
  );
  const date = String((lesson.frontMatter as { date?: string }).date);
  await expect(meta.locator("time")).toHaveAttribute("datetime", date);
  await expect(meta.locator("time")).toHaveText(date.slice(0, 10));
  expect(await page.locator("[data-exercise-id]").count()).toBeGreaterThanOrEqual(4);
  if (!axe) return;
  expect(await seriousViolations(page)).toEqual([]);
}

// One test per lesson covers both its pages: the exercise is answered in Chinese on every other
// lesson and in English on the rest, and the switcher makes the round trip. axe reads the first
// of the two, so every lesson's content is checked, and both languages are across the course: on
// a lesson of 1 MB it takes 12-15 s on two busy cores, and both pages of every lesson took `npm
// test` past its 20 minutes.
for (const [i, chinese] of site.lessons.entries()) {
  const english = site.translationsOf(chinese).get("en");
  const [first, second] = i % 2 === 0 ? [chinese, english] : [english, chinese];
  test(`${chinese.url} and its translation: formulas, exercises, the switcher and one correct answer`, async ({
    page,
    context,
    baseURL,
  }) => {
    if (!first || !second) throw new Error(`${chinese.url} has no English translation`);
    const visitor = await asNewVisitor(context, baseURL);
    await page.goto(first.url);
    await checkLesson(page, first, { axe: true });
    const exercise = answerable(first);
    await answerCorrectly(page, exercise, firstSeed(visitor, exercise.id), first.language === "en" ? "en" : "zh");

    // The switcher goes to the translation, and back. The navigation waits for the whole
    // page, however busy the server.
    const switcher = page.getByRole("banner").locator(".language-switcher a");
    await Promise.all([page.waitForURL(`**${second.url}`), switcher.click()]);
    await checkLesson(page, second, { axe: false });
    // The same learner, the same variant: the exercise is solved in the other language too.
    const solved = await reach(page.locator(`[data-exercise-id="${exercise.id}"]`));
    await expect(solved.locator(".exercise-solution")).toBeVisible();
    await Promise.all([page.waitForURL(`**${first.url}`), switcher.click()]);
    await expect(page.locator("html")).toHaveAttribute("lang", first.lang);
  });
}

test("the home page in English is at /en/, and a lesson links its translation", async ({ page }) => {
  await page.goto("/en/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator(".katex-error")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Course contents" }).first()).toBeVisible();
  await page.goto("/attention/");
  await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "/en/attention/");
  // Without a base URL no hreflang links (they must be absolute): the sitemap names the versions
  // (web-conventions.spec); with SITE_URL the head has them (page-metadata.test.ts).
  await expect(page.locator('head link[rel="alternate"][hreflang]')).toHaveCount(0);
});
