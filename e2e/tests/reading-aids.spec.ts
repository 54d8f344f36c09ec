import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { course } from "./course.ts";

// What helps a learner read a lesson: copying its code and formulas, knowing where they are in
// it, and printing it with their exercises.

const source = (file: string) => readFile(path.resolve(import.meta.dirname, "../../content", file), "utf8");

test.describe("copy buttons", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  });

  test("a displayed formula's button copies its LaTeX source as the author wrote it", async ({ page }) => {
    const markdown = await source("attention.md");
    await page.goto("/attention/");
    const formula = page.locator(".copyable-formula").first();
    await formula.scrollIntoViewIfNeeded();
    const button = formula.getByRole("button", { name: "复制公式的 LaTeX 源码" });
    await button.click();
    await expect(button).toHaveText("已复制");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/softmax/);
    // Exactly the source of the lesson's first displayed formula, $$ … $$.
    const first = /\$\$([\s\S]*?)\$\$/.exec(markdown)?.[1]?.trim();
    expect(copied).toBe(first);
    await expect(page.getByRole("status").filter({ hasText: "已复制" })).toBeAttached();
  });

  test("a code block's button copies its code, in English too", async ({ page }) => {
    await page.goto("/en/softmax/");
    const code = page.locator(".copyable-code").first();
    await code.scrollIntoViewIfNeeded();
    await code.getByRole("button", { name: "Copy the code" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.trim()).toBe((await code.locator("code").textContent())?.trim());
    expect(await source("softmax.en.md")).toContain(copied.trim().split("\n")[0]);
  });

  test("every code block and displayed formula of the lesson has one, none in exercises", async ({ page }) => {
    await page.goto("/softmax/");
    const blocks = page.locator(".prose [data-markup-key] :is(pre, .math-display)");
    await expect(page.locator(".copy-button")).toHaveCount(await blocks.count());
    await expect(page.locator(".exercise .copy-button")).toHaveCount(0);
  });
});

test("the table of contents marks the section being read as the learner scrolls", async ({ page }) => {
  const lesson = (await course()).pageAt("/gradient_descent/");
  const [, second, third] = lesson?.toc.filter((h) => h.depth === 2) ?? [];
  if (!second || !third) throw new Error("the lesson has fewer than three sections");
  await page.goto("/gradient_descent/");
  const toc = page.getByRole("navigation", { name: "本页目录" });
  for (const heading of [third, second]) {
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), heading.id);
    await expect(toc.locator('a[aria-current="location"]')).toHaveText(heading.text);
  }
  await expect(toc.locator("a[aria-current]")).toHaveCount(1);
});

test("Print loads every exercise's prompt first; on paper the lesson stands alone", async ({ page }) => {
  await page.goto("/attention/");
  const exercises = page.locator(".prose .exercise");
  const count = await exercises.count();
  expect(count).toBeGreaterThan(3);
  // The last exercises are far from the screen: not loaded yet.
  await expect(exercises.last()).toHaveAttribute("aria-busy", "true");
  await page.evaluate(() => {
    window.print = () => {
      document.documentElement.dataset.printedWithBusy = String(
        document.querySelectorAll('.prose .exercise[aria-busy="true"]').length,
      );
    };
  });
  await page.getByRole("button", { name: "打印" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-printed-with-busy", "0");
  await expect(page.locator(".exercise-prompt")).toHaveCount(count);

  await page.emulateMedia({ media: "print" });
  for (const hidden of [".site-header", ".course-nav", ".page-aside", ".pager", ".exercise-form", ".copy-button"]) {
    await expect(page.locator(hidden).first(), hidden).toBeHidden();
  }
  await expect(page.locator(".exercise-prompt").last()).toBeVisible();
  await expect(page.locator(".prose h1")).toBeVisible();
});
