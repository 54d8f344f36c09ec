import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { reach } from "./course.ts";

// Dark colours: the system's setting, or the learner's choice with the header's switch, kept in
// the browser (not a cookie: lessons stay one document for everyone) and in place before the
// first paint, so a reload never flashes the other theme.

const DARK_BG = "rgb(13, 17, 23)";
const LIGHT_BG = "rgb(255, 255, 255)";

/** Records the page's background in its first animation frame, which comes before its first paint. */
async function watchFirstFrame(page: Page): Promise<void> {
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      const root = document.documentElement;
      (window as unknown as { firstFrame: unknown }).firstFrame = {
        theme: root.dataset.theme,
        background: getComputedStyle(root).backgroundColor,
      };
    });
  });
}

const firstFrame = (page: Page) =>
  page.evaluate(() => (window as unknown as { firstFrame?: { theme?: string; background: string } }).firstFrame);

test.describe("a system set to dark", () => {
  test.use({ colorScheme: "dark" });

  test("gets dark colours from the first frame, with no choice stored", async ({ page }) => {
    await watchFirstFrame(page);
    await page.goto("/attention/");
    expect(await firstFrame(page)).toEqual({ theme: "dark", background: DARK_BG });
    await expect(page.getByRole("button", { name: "深色模式" })).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => localStorage.getItem("llm-basics-theme"))).toBeNull();
  });

  // A 404 for an unknown path is rendered by Next.js as an error shell, without the layout's
  // inline script: it turns dark once its scripts run, not from the first frame.
  test("every kind of page reads in dark colours: axe finds no serious contrast or other problem", async ({ page }) => {
    for (const url of ["/", "/en/signin/", "/signup/", "/progress/", "/no-such-page/"]) {
      await page.goto(url);
      await expect(page.locator("html"), url).toHaveAttribute("data-theme", "dark");
      expect(await seriousViolations(page), url).toEqual([]);
    }
    // A lesson's widget, code, formulas and an exercise with its form, as a learner reaches them.
    await page.goto("/softmax/");
    const widget = page.locator("figure.widget[data-widget=softmax]");
    await widget.scrollIntoViewIfNeeded();
    await expect(widget.locator(".widget-bar")).toHaveCount(3);
    const exercise = await reach(page.locator('[data-exercise-id="softmax-temperature"]'));
    await expect(exercise.locator("input[data-cell]")).toHaveCount(3);
    expect(await seriousViolations(page, "main")).toEqual([]);
  });
});

test("the switch's choice outlasts a reload and the system's setting, and the reload shows no other theme", async ({
  page,
}) => {
  await watchFirstFrame(page);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/en/softmax/");
  expect(await firstFrame(page)).toEqual({ theme: "light", background: LIGHT_BG });
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => localStorage.getItem("llm-basics-theme"))).toBe("dark");

  // Reloaded, in a light system: dark from the first frame, as chosen.
  await page.reload();
  expect(await firstFrame(page)).toEqual({ theme: "dark", background: DARK_BG });
  // The system changing does not overrule a choice.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  // Back to light, by keyboard; the next page keeps it.
  await page.getByRole("button", { name: "Dark mode" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.goto("/en/attention/");
  expect(await firstFrame(page)).toEqual({ theme: "light", background: LIGHT_BG });
});
