import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

for (const url of ["/", "/matrix_basics/", "/no_such_lesson/"]) {
  test(`${url} has no serious accessibility violations`, async ({ page }) => {
    // axe walks every node of a page full of KaTeX markup: about 10 s on two busy cores, so
    // give it the room that the rest of `npm test` running beside it can take away.
    test.slow();
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
    expect(serious).toEqual([]);
  });
}
