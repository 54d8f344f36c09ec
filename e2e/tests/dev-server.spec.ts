import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { devContentDir, devUrl, reportDevServerLog } from "./servers.ts";

// These tests edit the dev server's copy of content/, so they run one after another, after
// dev-server.setup.ts has had every route they use compiled. Each edit still has the course
// read and rendered again, and a page opened in `next dev` loads its unbundled client code:
// the slow-test budget (the edit test took 13–18 s of its 90 s in CI).
test.describe.configure({ mode: "serial" });
test.slow();
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructuring pattern; this hook needs none.
test.afterEach(async ({}, testInfo) => reportDevServerLog(testInfo));

const lesson = path.join(devContentDir, "matrix_basics.md");

test("an edit to a lesson shows up in the open page without a restart or a reload", async ({ page }) => {
  const original = await readFile(lesson, "utf8");
  try {
    await page.goto(devUrl("/matrix_basics/"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("矩阵基础知识");
    await expect(page.locator("html")).toHaveAttribute("data-content-reload", "connected", { timeout: 20_000 });
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = "same page";
    });
    await writeFile(
      lesson,
      `${original}\n\n## 实时更新的小节\n\n这一段是在开发服务器运行时加上的：\\( x_1 + x_2 \\)。\n`,
    );
    // The watcher's event, the refresh and the recompile all wait for two cores that the production
    // tests keep busy meanwhile: 20 s was once not enough.
    await expect(page.getByRole("heading", { name: "实时更新的小节" })).toBeVisible({ timeout: 45_000 });
    await expect(
      page.getByRole("navigation", { name: "本页目录" }).getByRole("link", { name: "实时更新的小节" }),
    ).toBeVisible();
    // Still the same document: it refreshed itself, nobody reloaded it.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  } finally {
    await writeFile(lesson, original);
  }
});

test("drafts appear in development, and content errors are shown to the author", async ({ page }) => {
  const draft = path.join(devContentDir, "draft-attention.md");
  await writeFile(
    draft,
    '---\ntitle: "注意力（草稿）"\ndraft: true\nweight: 99\n---\n\n## 未完成\n\n坏公式：\\( \\frac{1}{ \\)\n',
  );
  try {
    await page.goto(devUrl("/draft-attention/"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("注意力（草稿）");
    await expect(page.getByRole("navigation", { name: "课程目录" }).getByText("草稿", { exact: true })).toBeVisible();
    const alert = page.getByRole("alert", { name: "内容检查" });
    await expect(alert).toContainText("content/draft-attention.md:9:");
    await expect(alert).toContainText("math-parse");
    await expect(page.locator(".katex-error")).toHaveCount(0);
  } finally {
    await rm(draft, { force: true });
  }
});

test("an English lesson's exercise speaks English; an exercise whose spec has errors shows the author why", async ({
  page,
}) => {
  const lesson = path.join(devContentDir, "en-exercise.md");
  await writeFile(
    lesson,
    [
      "---",
      'title: "Softmax in English"',
      "lang: en",
      "weight: 98",
      "---",
      "",
      '{{< exercise id="en-scalar" >}}',
      "title: { zh: 指数, en: An exponential }",
      "prompt:",
      "  zh: 求 \\( e^{ {{a}} } \\)。",
      "  en: Find \\( e^{ {{a}} } \\).",
      "params: { a: { integer: [1, 3] } }",
      "answer: { type: scalar, expr: exp(a) }",
      "{{< /exercise >}}",
      "",
      '{{< exercise id="en-broken" >}}',
      "answer: { type: scalar }",
      "{{< /exercise >}}",
      "",
      // Compiles, but no variant can be shown (content:check would say so; dev serves it anyway).
      '{{< exercise id="en-no-variant" >}}',
      "prompt: Find \\( {{ 1 / (a - a) }} \\).",
      "params: { a: { integer: [1, 3] } }",
      "answer: { type: scalar, expr: a }",
      "{{< /exercise >}}",
      "",
      "The end of the lesson.",
      "",
    ].join("\n"),
  );
  try {
    await page.goto(devUrl("/en-exercise/"));
    const block = page.locator('[data-exercise-id="en-scalar"]');
    await block.scrollIntoViewIfNeeded();
    await expect(block.getByRole("heading", { name: /Exercise.*An exponential/ })).toBeVisible();
    await expect(block.locator(".exercise-prompt")).toContainText("Find");
    const field = block.getByRole("textbox", { name: "Answer" });
    await field.fill("e^");
    await expect(block.locator(".answer-preview")).toContainText("Cannot read this yet");
    await field.fill("2");
    await field.press("Enter");
    // The answer comes back with the lesson rendered again by `next dev` (1.3–1.5 s idle).
    await expect(block.locator(".exercise-verdict")).toContainText("Not correct", { timeout: 30_000 });
    await expect(block.locator(".exercise-attempts")).toContainText("Wrong attempts: 1.");
    await expect(block.getByRole("button", { name: "New variant" })).toBeVisible();
    // The broken one: not shown to learners (production refuses to build), explained to the author.
    await expect(page.locator(".exercise-author-error")).toContainText("en-broken");
    await expect(page.getByRole("alert", { name: "内容检查" })).toContainText("exercise-spec");
    // An exercise whose variant cannot be shown does not take the page down with it.
    const stuck = page.locator('[data-exercise-id="en-no-variant"]');
    await stuck.scrollIntoViewIfNeeded();
    await expect(stuck.getByRole("alert")).toContainText("cannot be shown");
    await expect(stuck.getByRole("button", { name: "New variant" })).toBeVisible();
    await expect(page.getByText("The end of the lesson.")).toBeVisible();
  } finally {
    await rm(lesson, { force: true });
  }
});
