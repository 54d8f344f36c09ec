import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe's serious and critical WCAG 2.2 AA violations on the page (or the part `include` selects),
 * one line each: rule, help, how many nodes, the first one's selector.
 *
 * A lesson's blocks away from the screen are not laid out (`content-visibility: auto`), and axe
 * judges what is not laid out wrongly: a skipped table looks like a region scrolling up and
 * down, a skipped formula's colours are read against whatever is at its empty box. A reader
 * only ever sees a block laid out, on the screen: so is every block while axe looks.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const laidOut = await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
  // Two frames: laid out, and the page's ResizeObservers (scroll regions) have run.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  try {
    const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]);
    const results = await (include ? builder.include(include) : builder).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
  } finally {
    await laidOut.evaluate((style) => (style as Element).remove());
  }
}
