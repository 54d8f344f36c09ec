import { expect, type Locator, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { reach, seedOf, valueOn } from "./course.ts";

// A learner doing the attention lesson's exercise in the production build, on the real content.
// Each test types and submits answers in exercises fetched per learner, while `npm test`
// runs the unit and fuzz tests on the same two cores: the slow-test budget (no test times anything).
test.slow();

const LESSON = "/attention/";
const EXERCISE = "attention-weights";

function exercise(page: Page, id = EXERCISE): Locator {
  return page.locator(`[data-exercise-id="${id}"]`);
}

async function seedNumberOf(block: Locator): Promise<number> {
  return Number(await seedOf(block));
}

/** The variant's value of an author expression, as a matrix of 4-decimal strings. */
async function matrixOn(seed: number, expression: string, id = EXERCISE): Promise<string[][]> {
  const value = (await valueOn(id, seed, expression)) as number[][];
  return value.map((row) => row.map((x) => x.toFixed(4)));
}

/**
 * The lesson open on a variant where forgetting the scaling gives wrong weights: in about one
 * variant in a thousand every score ties (or nearly) and the unscaled answer is right too, so
 * "new variant" is pressed until it is not.
 */
async function openWithScalingMistake(page: Page): Promise<{ block: Locator; seed: number }> {
  await page.goto(LESSON);
  for (;;) {
    const block = await reach(exercise(page));
    const seed = await seedNumberOf(block);
    const unscaled = (await matrixOn(seed, "softmax(Q * K')")).flat();
    const right = (await matrixOn(seed, "scaledDotProductAttention(Q, K, V).weights")).flat();
    if (unscaled.some((x, i) => Math.abs(Number(x) - Number(right[i])) > 0.01)) return { block, seed };
    await block.getByRole("button", { name: "换一题" }).click();
    await expect(exercise(page)).not.toHaveAttribute("data-seed", String(seed));
  }
}

async function fillCells(block: Locator, rows: string[][]): Promise<void> {
  const cells = block.locator("input[data-cell]");
  const flat = rows.flat();
  await expect(cells).toHaveCount(flat.length);
  for (const [i, value] of flat.entries()) await cells.nth(i).fill(value);
}

/** Waits for the count of wrong attempts the exercise shows. */
async function expectAttempts(block: Locator, count: number): Promise<void> {
  await expect(block.locator(".exercise-attempts")).toHaveAttribute("data-attempts", String(count));
}

test("forgetting the √d_k scaling is named as that mistake; the fixed answer is correct and shows the solution", async ({
  page,
}) => {
  const { block, seed } = await openWithScalingMistake(page);
  const feedback = block.locator(".exercise-feedback");
  await expect(feedback).toHaveAttribute("aria-live", "polite");
  await expect(block.getByRole("heading", { name: "解答" })).toHaveCount(0);

  // Keep what POST /api/answer sends back (its body is gone once the page has moved on).
  // Each on a connection of its own: Playwright keeps its connection open between fetches, and
  // the server closes one idle for 5 s; the second answer, typed 6 s after the first, once went
  // out on the connection the server was closing (ECONNRESET).
  const replies: string[] = [];
  await page.route("**/api/answer", async (route) => {
    const response = await route.fetch({ headers: { ...route.request().headers(), connection: "close" } });
    replies.push(await response.text());
    return route.fulfill({ response });
  });
  await fillCells(block, await matrixOn(seed, "softmax(Q * K')"));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(feedback).toContainText("不正确");
  await expect(feedback).toContainText("常见错误");
  await expect(feedback).toContainText("你没有把 QKᵀ 除以 √d_k");
  await expectAttempts(block, 1);
  // Every cell is marked wrong, with a sign as well as a colour.
  // Every cell is marked (a row whose scores tie is right even unscaled), with a sign as well as a colour.
  await expect(block.locator(".cell-mark")).toHaveCount(6);
  await expect(block.locator(".cell-wrong .cell-mark").first()).toContainText("✗");
  await expect(block.locator(".cell-wrong input").first()).toHaveAttribute("aria-invalid", "true");
  // The first hint is due after one wrong attempt; the second is not.
  await expect(block.getByRole("heading", { name: "提示" })).toBeVisible();
  await expect(block.locator(".exercise-hints li")).toHaveCount(1);
  // The reply holds the verdict and the hint now due, never the tolerance it was judged with.
  expect(replies).toHaveLength(1);
  expect(replies[0]).toContain("先算分数");
  expect(replies[0]).not.toMatch(/atol|rtol|tolerance/);

  await fillCells(block, await matrixOn(seed, "scaledDotProductAttention(Q, K, V).weights"));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(feedback).toContainText("正确");
  await expect(feedback).not.toContainText("不正确");
  await expect(block.locator(".cell-right")).toHaveCount(6);
  await expect(block.getByRole("heading", { name: "解答" })).toBeVisible();
  await expect(block.locator(".exercise-solution")).toContainText("逐行做 softmax");
  await expectAttempts(block, 1);

  // Solved stays solved: the reloaded page shows the hint and the solution again.
  await page.reload();
  await expect(exercise(page).locator(".exercise-solution")).toBeVisible();
  expect(await seedNumberOf(exercise(page))).toBe(seed);
});

test("an unreadable answer does not use an attempt, and says where it went wrong", async ({ page }) => {
  const { block, seed } = await openWithScalingMistake(page);
  const wrong = await matrixOn(seed, "softmax(Q * K')");
  await fillCells(block, wrong);
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-feedback")).toContainText("不正确");
  await expectAttempts(block, 1);

  // A cell that does not read as a number: the cell is named and marked, nothing is used up.
  const cell = block.getByRole("textbox", { name: "第 2 行，第 3 列" });
  await cell.fill("1/");
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-feedback")).toContainText("第 2 行，第 3 列");
  await expect(block.locator(".exercise-feedback")).toContainText("不计入尝试次数");
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  await expect(cell).toBeFocused();
  await expectAttempts(block, 1);

  // One the grader refuses (no function foo): graded invalid on the server, the cell named.
  await cell.fill("foo(2)");
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  await block.getByRole("button", { name: "提交答案" }).click();
  await answered;
  await expect(block.locator(".exercise-verdict")).toContainText("无法读取答案");
  await expect(block.locator(".exercise-feedback")).toContainText("第 2 行，第 3 列");
  await expect(block.locator(".exercise-feedback")).toContainText("这次不计入尝试次数");
  await expectAttempts(block, 1);
  await page.reload();
  await expectAttempts(exercise(page), 1);
});

test("a typed answer the grader cannot read is shown with the place marked, and uses no attempt", async ({ page }) => {
  await page.goto("/softmax/");
  const block = await reach(exercise(page, "softmax-probability"));
  const field = block.getByRole("textbox", { name: "答案" });
  await field.fill("1/(1+e^-1)");
  // The live preview shows how the grader reads it.
  await expect(block.locator(".answer-preview .katex")).toBeVisible();
  await expect(block.locator(".answer-preview annotation")).toHaveText("\\frac{1}{1 + e^{-1}}");
  await field.fill("0.5 +");
  await field.press("Enter");
  const feedback = block.locator(".exercise-feedback");
  await expect(feedback).toContainText("无法读取答案");
  await expect(feedback).toContainText("这次不计入尝试次数");
  await expect(feedback.locator(".exercise-typed mark")).toHaveCount(1);
  await expect(feedback.locator(".exercise-typed")).toContainText("0.5 +");
  await expectAttempts(block, 0);
});

test("a tensor's shape is typed as 2×8×10×64: previewed, heads not split named in words, then right", async ({
  page,
}) => {
  await page.goto("/multi_head_attention/");
  const block = exercise(page, "mha-split-shape");
  const seed = await seedNumberOf(block);
  const [B, h, n, dk] = (await valueOn("mha-split-shape", seed, "[B, h, n, dm / h]")) as number[];
  const field = block.getByRole("textbox", { name: "形状" });
  await field.fill(`${B}×${n}×${(h as number) * (dk as number)}`);
  // The preview shows the sizes the grader reads, not a product.
  await expect(block.locator(".answer-preview annotation")).toHaveText(
    `${B} \\times ${n} \\times ${(h as number) * (dk as number)}`,
  );
  await field.press("Enter");
  const feedback = block.locator(".exercise-feedback");
  await expect(feedback).toContainText("常见错误（多头注意力）");
  await expect(feedback).toContainText("拆分后 heads 是单独的一个轴");
  await expectAttempts(block, 1);
  // A size written as a name: unreadable at its place, and free.
  await field.fill(`[${B}, ${h}, ${n}, d_k]`);
  await field.press("Enter");
  await expect(feedback).toContainText("每个轴的大小要写成一个整数");
  await expect(feedback.locator(".exercise-typed mark")).toHaveText("d_k");
  await expectAttempts(block, 1);
  // Full-width, as a Chinese keyboard types it.
  await field.fill(`（${B}，${h}，${n}，${dk}）`);
  await field.press("Enter");
  await expect(block.locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  await expect(block.locator(".exercise-solution")).toBeVisible();
});

test("a matrix typed cell by cell with the keyboard alone is graded", async ({ page }) => {
  await page.goto(LESSON);
  const block = await reach(exercise(page));
  const right = await matrixOn(await seedNumberOf(block), "scaledDotProductAttention(Q, K, V).weights");
  await block.getByRole("textbox", { name: "第 1 行，第 1 列" }).focus();
  const [first = [], second = []] = right;
  // Arrow keys across the first row (on to the next row at its end), Tab across the second.
  for (const value of first) {
    await page.keyboard.type(value);
    await page.keyboard.press("ArrowRight");
  }
  await expect(block.getByRole("textbox", { name: "第 2 行，第 1 列" })).toBeFocused();
  for (const [i, value] of second.entries()) {
    await page.keyboard.type(value);
    if (i < second.length - 1) await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Enter");
  await expect(block.locator(".exercise-verdict")).toContainText("正确");
  await expect(block.locator(".cell-right")).toHaveCount(6);
});

test("a reload keeps the learner's numbers; a new variant changes them", async ({ page }) => {
  const { block, seed } = await openWithScalingMistake(page);
  const prompt = await block.locator(".exercise-prompt annotation").first().textContent();
  await page.reload();
  expect(await seedNumberOf(exercise(page))).toBe(seed);
  expect(await exercise(page).locator(".exercise-prompt annotation").first().textContent()).toBe(prompt);

  await fillCells(exercise(page), await matrixOn(seed, "softmax(Q * K')"));
  await exercise(page).getByRole("button", { name: "提交答案" }).click();
  await expectAttempts(exercise(page), 1);
  await exercise(page).getByRole("button", { name: "换一题" }).click();
  await expect(exercise(page)).not.toHaveAttribute("data-seed", String(seed));
  await expect(exercise(page).locator(".exercise-feedback")).toContainText("已换成新的一题");
  await expect(exercise(page).locator(".exercise-prompt annotation").first()).not.toHaveText(prompt ?? "");
  await expect(exercise(page).locator("input[data-cell]").first()).toHaveValue("");
  await expectAttempts(exercise(page), 0);
  const next = await seedNumberOf(exercise(page));
  await page.reload();
  expect(await seedNumberOf(exercise(page))).toBe(next);
});

test("pasting a matrix into any cell fills the grid", async ({ page }) => {
  await page.goto(LESSON);
  const block = await reach(exercise(page));
  const paste = (cell: Locator, text: string) =>
    cell.evaluate((input, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  await paste(block.getByRole("textbox", { name: "第 2 行，第 2 列" }), "[[0.1, 0.2, 0.7],\n [0.3, 0.3, 0.4]]");
  const values = await block
    .locator("input[data-cell]")
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values).toEqual(["0.1", "0.2", "0.7", "0.3", "0.3", "0.4"]);
  await paste(block.getByRole("textbox", { name: "第 1 行，第 1 列" }), "1, 2, 3; 4, 5, 6");
  await expect(block.getByRole("textbox", { name: "第 2 行，第 3 列" })).toHaveValue("6");
});

test("a multi-part answer is judged part by part, a later part on the learner's own earlier answer (on a phone)", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  const id = "attention-step-by-step";
  const seed = await seedNumberOf(exercise(page, id));
  // Scores with one entry off: the weights and output computed from them are right on the
  // learner's own scores (a changed entry always changes its row's softmax).
  const wrongScores = "Q * K' + [[1, 0], [0, 0]]";
  const block = exercise(page, id);
  // Part 1 wrong; parts 2 and 3 computed correctly from it.
  const grids = block.locator("fieldset.answer-grid-group");
  await fillCells(grids.nth(0), await matrixOn(seed, wrongScores, id));
  await fillCells(grids.nth(1), await matrixOn(seed, `softmax((${wrongScores}) / 2)`, id));
  await fillCells(grids.nth(2), await matrixOn(seed, `softmax((${wrongScores}) / 2) * V`, id));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-feedback")).toContainText("3 个部分中答对了 2 个");
  const parts = block.locator(".exercise-part");
  await expect(parts.nth(0).locator(".exercise-verdict")).not.toHaveClass(/verdict-correct/);
  await expect(parts.nth(1).locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  await expect(parts.nth(1).locator(".exercise-carried")).toContainText("按你前面的答案计算");
  // Part 3 is right either way: on the learner's weights, or outright when V hides the difference.
  await expect(parts.nth(2).locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  // Grids, marks and feedback fit the phone's width: no sideways scrolling.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a choice is answered with the radio buttons and the keyboard", async ({ page }) => {
  await page.goto(LESSON);
  const block = await reach(exercise(page, "attention-scaling-reason"));
  const wrong = block.getByRole("radio", { name: /让每一行的注意力权重加起来等于 1/ });
  await wrong.check();
  await wrong.press("Enter");
  await expect(block.locator(".exercise-verdict")).toContainText("不正确");
  await block.getByRole("radio", { name: /避免 softmax 饱和/ }).check();
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-verdict")).toContainText("正确");
  await expect(block.locator(".exercise-solution")).toBeVisible();
});

test("the lesson with exercises has no serious accessibility violations, before and after feedback", async ({
  page,
}) => {
  const { block, seed } = await openWithScalingMistake(page);
  expect(await seriousViolations(page)).toEqual([]);
  await fillCells(block, await matrixOn(seed, "softmax(Q * K')"));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-hints")).toBeVisible();
  const typed = exercise(page, "attention-scaling-reason");
  await typed.getByRole("radio").first().check();
  await typed.getByRole("button", { name: "提交答案" }).click();
  await expect(typed.locator(".exercise-verdict")).toBeVisible();
  // Only the exercises changed: check them (the whole page took a run of its own above).
  expect(await seriousViolations(page, ".exercise")).toEqual([]);
});
