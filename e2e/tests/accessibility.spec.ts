import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";

/**
 * How many wide formulas, code blocks and tables scroll sideways, and how many of them take focus.
 * `lessonOnly`: leave out the exercises, whose formulas hold each visitor's own random numbers.
 *
 * Blocks away from the screen are not laid out (`content-visibility: auto`), and a region among
 * them measures as exactly as wide as its content: each is shown for the measurement and hidden
 * again within the same task, so the page's own code sees nothing of it.
 */
function scrollableRegions(
  page: Page,
  { lessonOnly = false } = {},
): Promise<{ overflowing: number; focusable: number; unreachable: string[] }> {
  const regions = ".prose .math-display, .prose pre, .prose table";
  return page.locator(lessonOnly ? `:is(${regions}):not(.exercise *)` : regions).evaluateAll((elements) => {
    const blocks = [...document.querySelectorAll<HTMLElement>(".prose > [data-markup-key] > *, .prose > .exercise")];
    for (const block of blocks) block.style.contentVisibility = "visible";
    const overflowing = elements.filter((element) => element.scrollWidth > element.clientWidth + 1);
    for (const block of blocks) block.style.contentVisibility = "";
    const focusable = overflowing.filter((element) => element.getAttribute("tabindex") === "0");
    return {
      overflowing: overflowing.length,
      focusable: focusable.length,
      unreachable: overflowing
        .filter((element) => !focusable.includes(element))
        .map((element) => (element.textContent ?? "").slice(0, 60)),
    };
  });
}

/**
 * Waits for the page's code to have run: the header's account area is filled in once
 * /api/session answers, after the layout has hydrated.
 */
async function pageCodeHasRun(page: Page): Promise<void> {
  await expect(page.getByRole("navigation", { name: "账户" }).getByRole("link", { name: "登录" })).toBeVisible();
}

/**
 * Waits until the page is as a learner meets it: its code has run and, once its web fonts are
 * in, every region that then scrolls sideways can take focus (KaTeX's fonts widen formulas).
 * Which regions overflow is asked again each time, in the same look as their focus: the page
 * keeps changing while it settles (exercises' prompts arrive, fonts a region needs are fetched
 * only once it is laid out).
 */
async function settled(page: Page): Promise<void> {
  await pageCodeHasRun(page);
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await expect.poll(async () => (await scrollableRegions(page)).unreachable).toEqual([]);
}

for (const url of ["/", "/matrix_basics/", "/no_such_lesson/"]) {
  test(`${url} has no serious accessibility violations`, async ({ page }) => {
    // axe walks every node of a page full of KaTeX markup: about 10 s on two busy cores, so
    // give it the room that the rest of `npm test` running beside it can take away.
    test.slow();
    await page.goto(url);
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("a formula that overflows only in KaTeX's own fonts can still be scrolled with the keyboard", async ({ page }) => {
  // Hold KaTeX's fonts back until the page's code has run, as a slow connection does.
  let releaseFonts = (): void => {};
  const fontsHeld = new Promise<void>((resolve) => {
    releaseFonts = resolve;
  });
  await page.route(/KaTeX_.*\.woff2$/, async (route) => {
    await fontsHeld;
    await route.continue();
  });
  // Not until `load`: that waits for the fonts.
  // The SVD lesson: none of its own formulas overflows in the fallback font, one does in KaTeX's.
  // Only the lesson's own formulas are counted: an exercise's depend on the visitor's numbers
  // (counting them made this test fail on some visitors, with every font loaded).
  await page.goto("/svd/", { waitUntil: "domcontentloaded" });
  await pageCodeHasRun(page);
  const before = await scrollableRegions(page, { lessonOnly: true });
  releaseFonts();
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const after = await scrollableRegions(page, { lessonOnly: true });
  // In KaTeX's fonts more formulas overflow than in the fallback font...
  expect(after.overflowing).toBeGreaterThan(before.overflowing);
  // ...and each of them is made focusable once the fonts are in.
  await expect
    .poll(async () => (await scrollableRegions(page, { lessonOnly: true })).focusable)
    .toBe(after.overflowing);
});
