import { variantValues } from "@llm-basics/grading";
import { expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { asNewVisitor, courseExercise, firstSeed, reach } from "./course.ts";

// Widgets (src/widgets/, placed with `{{< widget … >}}`): each is drawn in the browser from
// math-core, answers its controls by keyboard, says in words what it shows, and its code comes
// only to the lessons that have it.

const MARK = "llm-basics-widget:";

/** The probabilities the softmax widget's bars are drawn from. */
async function bars(page: Page): Promise<number[]> {
  return page
    .locator("figure.widget .widget-bar")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-probability"))));
}

/** Every script the page loads, read back, so a widget's chunk can be told by its mark. */
function collectScripts(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().endsWith(".js")) return;
    bodies.push(await response.text().catch(() => ""));
  });
  return bodies;
}

test("the softmax widget follows its slider and its scores, by keyboard, and says what it shows", async ({ page }) => {
  await page.goto("/softmax/");
  const widget = page.locator("figure.widget[data-widget=softmax]");
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator(".widget-bar")).toHaveCount(3);
  const start = await bars(page);
  // softmax([2, 1, 0]) at T = 1 (numpy: [0.66524096 0.24472847 0.09003057]).
  expect(start.map((p) => p.toFixed(4))).toEqual(["0.6652", "0.2447", "0.0900"]);
  const description = widget.locator(".widget-description");
  await expect(description).toHaveAttribute("aria-live", "polite");
  await expect(description).toContainText("T = 1 时");

  // Colder: the largest score takes nearly everything, the others fade, the order stays.
  const slider = widget.getByRole("slider", { name: "温度 T" });
  await slider.focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowLeft");
  await expect(description).toContainText("T = 0.1 时");
  const cold = await bars(page);
  expect(cold[0]).toBeGreaterThan(0.9999);
  expect(cold[1]).toBeLessThan(1e-4);
  // Hotter: flatter than at T = 1.
  await page.keyboard.press("End");
  await expect(description).toContainText("T = 5 时");
  const hot = await bars(page);
  expect(hot[0]).toBeLessThan(start[0] as number);
  expect(hot[2]).toBeGreaterThan(start[2] as number);

  // A new score: z₃ = 3 becomes the largest, and the sentence says so.
  const z3 = widget.getByRole("spinbutton", { name: "z₃ 的分数" });
  await z3.fill("3");
  await expect(description).toContainText("最大的是 z₃");
  const changed = await bars(page);
  expect(changed[2]).toBeGreaterThan(changed[0] as number);
  expect(changed.reduce((a, b) => a + b)).toBeCloseTo(1, 10);

  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

test("in English the widget speaks English; on a 360 px phone it fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/en/softmax/");
  const widget = page.locator("figure.widget[data-widget=softmax]");
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator(".widget-description")).toContainText("At T = 1, softmax(z / T) = (0.665, 0.245, 0.090)");
  const fits = await widget.evaluate((figure) => ({
    figure: figure.getBoundingClientRect().right,
    svg: (figure.querySelector("svg") as SVGElement).getBoundingClientRect().right,
    screen: document.documentElement.clientWidth,
  }));
  expect(fits.figure).toBeLessThanOrEqual(fits.screen);
  expect(fits.svg).toBeLessThanOrEqual(fits.figure);
  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

/** The attention heatmap's weights, row by row. */
async function heatmap(page: Page): Promise<number[][]> {
  return page
    .locator("figure.widget[data-widget=attention] .widget-heatmap tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => Number(cell.getAttribute("data-weight")))),
    );
}

test("the attention heatmap: the causal mask and the scaling switch, a focused cell shows its row", async ({
  page,
}) => {
  await page.goto("/attention/");
  const widget = page.locator("figure.widget[data-widget=attention]");
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator(".widget-heatmap tbody td")).toHaveCount(9);
  // The lesson's causal example: softmax of the masked, scaled scores (numpy, 4 places).
  const masked = await heatmap(page);
  expect(masked.map((row) => row.map((w) => w.toFixed(4)))).toEqual([
    ["1.0000", "0.0000", "0.0000"],
    ["0.5000", "0.5000", "0.0000"],
    ["0.2119", "0.5761", "0.2119"],
  ]);
  for (const row of masked) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 10);

  await widget.getByRole("checkbox", { name: /因果掩码/ }).uncheck();
  const open = await heatmap(page);
  expect(open[0]?.[1]).toBeGreaterThan(0);
  expect(open[2]).toEqual(masked[2]);
  // Without 1/√d_k (d_k = 4, so the scores double) every row is sharper: its largest weight grows.
  await widget.getByRole("checkbox", { name: /√d_k/ }).uncheck();
  const sharp = await heatmap(page);
  for (const [i, row] of sharp.entries()) expect(Math.max(...row)).toBeGreaterThan(Math.max(...(open[i] ?? [])));

  // Keyboard: the grid has one tab stop; arrows move, and the row below follows the focus.
  await widget.locator('td[tabindex="0"]').focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(widget.locator('td[data-cell="2-1"]')).toBeFocused();
  await expect(widget.locator(".widget-row caption")).toHaveText("“词3”这一行");
  await expect(widget.locator(".widget-description")).toContainText("“词3”这一行最关注“词2”");
  expect(
    await widget.locator("td[data-score]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-score"))),
  ).toEqual(["0", "2", "0"]);

  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

test("the LayerNorm widget: the output's mean is β and its spread γ, whatever x is shifted by", async ({ page }) => {
  await page.goto("/layer_norm/");
  const widget = page.locator("figure.widget[data-widget=layernorm]");
  await widget.scrollIntoViewIfNeeded();
  const output = () =>
    widget
      .locator('[data-kind="after"] .widget-bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute("data-value"))));
  // The lesson's x = (3, −1, 2, 0): μ = 1, σ² = 2.5, x̂ = (x − 1)/√(2.5 + 1e-5) (numpy).
  await expect(widget.locator(".widget-description")).toContainText("均值 μ = 1.00，方差 σ² = 2.50");
  expect((await output()).map((v) => v.toFixed(4))).toEqual(["1.2649", "-1.2649", "0.6325", "-0.6325"]);

  // γ and β by keyboard: γ 1 → 2, β 0 → 0.5.
  const [gamma, beta] = [widget.getByRole("slider", { name: /γ/ }), widget.getByRole("slider", { name: /β/ })];
  await gamma.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await beta.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(widget.locator(".widget-description")).toContainText("均值是 β = 0.5，标准差约为 γ = 2.0");
  const stretched = await output();
  const mean = stretched.reduce((a, b) => a + b) / stretched.length;
  expect(mean).toBeCloseTo(0.5, 6);
  expect(await widget.locator('[data-kind="after"] .widget-mean').getAttribute("data-mean")).toBe(String(mean));

  // Shifting every component of x by the same number changes nothing after normalization.
  for (const [i, value] of ["13", "9", "12", "10"].entries()) {
    await widget.getByRole("spinbutton", { name: `x 的第 ${i + 1} 个分量` }).fill(value);
  }
  await expect(widget.locator(".widget-description")).toContainText("均值 μ = 11.00");
  const shifted = await output();
  for (const [i, v] of shifted.entries()) expect(v).toBeCloseTo(stretched[i] as number, 6);

  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

test("the SVD widget: the ellipse's half-axes are the singular values, and follow the matrix", async ({ page }) => {
  await page.goto("/svd/");
  const widget = page.locator("figure.widget[data-widget=svd]");
  await widget.scrollIntoViewIfNeeded();
  const ellipse = widget.locator(".widget-ellipse");
  // numpy: np.linalg.svd([[3, 0], [4, 5]])[1] → [6.70820393 2.23606798]
  await expect(ellipse).toHaveAttribute("data-sigma1", /^6\.7082039/);
  await expect(ellipse).toHaveAttribute("data-sigma2", /^2\.236067/);
  await expect(widget.locator(".widget-description")).toContainText("σ₁ = 6.71");
  // σ₁u₁ is A v₁: drawn where A sends v₁.
  const vectors = await widget
    .locator(".widget-vector")
    .evaluateAll((groups) => groups.map((g) => [Number(g.getAttribute("data-x")), Number(g.getAttribute("data-y"))]));
  const [v1 = [0, 0], , s1u1 = [0, 0]] = vectors;
  expect(3 * (v1[0] ?? 0)).toBeCloseTo(s1u1[0] ?? 0, 6);
  expect(4 * (v1[0] ?? 0) + 5 * (v1[1] ?? 0)).toBeCloseTo(s1u1[1] ?? 0, 6);

  // A singular matrix flattens the circle: σ₂ = 0, det A = 0.
  for (const [name, value] of [
    ["A 的第 1 行第 1 列", "1"],
    ["A 的第 1 行第 2 列", "2"],
    ["A 的第 2 行第 1 列", "2"],
    ["A 的第 2 行第 2 列", "4"],
  ] as const) {
    await widget.getByRole("spinbutton", { name }).fill(value);
  }
  await expect(widget.locator(".widget-description")).toContainText("σ₂ = 0.00");
  await expect(widget.locator(".widget-description")).toContainText("det A = 0.00");
  expect(Number(await ellipse.getAttribute("data-sigma2"))).toBeLessThan(1e-9);

  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

/** The gradient-descent widget's path θ₀ … θₙ, as drawn. */
async function descentPath(page: Page): Promise<number[][]> {
  const points = await page.locator("figure.widget[data-widget=descent] .widget-path").getAttribute("data-points");
  return JSON.parse(points ?? "[]");
}

test("the gradient-descent widget: converges below 2/λ_max, visibly diverges above it, starts where clicked", async ({
  page,
}) => {
  await page.goto("/gradient_descent/");
  const widget = page.locator("figure.widget[data-widget=descent]");
  await widget.scrollIntoViewIfNeeded();
  const path = widget.locator(".widget-path");
  await expect(path).toHaveAttribute("data-diverged", "false");
  // The lesson's example, η = 0.2 (numpy: θ₁ = [1. 1.4], θ₂ = [1.12 1.76], θ₂₀ = [1.00001828 1.99998172]).
  const calm = await descentPath(page);
  expect(calm).toHaveLength(21);
  expect(calm.slice(0, 3)).toEqual([
    [0, 0],
    [1, 1.4],
    [1.12, 1.76],
  ]);
  expect(calm[20]?.map((v) => v.toFixed(5))).toEqual(["1.00002", "1.99998"]);
  await expect(widget.locator(".widget-contour")).toHaveCount(9);
  const description = widget.locator(".widget-description");
  await expect(description).toContainText("每一步都更接近最低点");

  // By keyboard, to the limit 2/λ_max = 0.5: the steep direction is multiplied by −1 a step, for ever.
  const slider = widget.getByRole("slider", { name: "学习率 η" });
  await slider.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", "η = 0.50");
  await expect(description).toContainText("1 − ηλ_max = -1.00，那个方向的误差不会变小，收敛不了");
  // Past it: η = 0.55 multiplies the steep direction by −1.2 a step.
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", "η = 0.55");
  await expect(path).toHaveAttribute("data-diverged", "true");
  await expect(description).toContainText("1 − ηλ_max = -1.20");
  await expect(description).toContainText("发散");
  const wild = await descentPath(page);
  const away = (p: number[] | undefined) => Math.hypot((p?.[0] ?? 0) - 1, (p?.[1] ?? 0) - 2);
  // The error along (1, 1), 3/√2 at the start, grows 1.2-fold a step: 1.2²⁰ · 3/√2 ≈ 81 against 2.24.
  expect(away(wild[20])).toBeGreaterThan(30 * away(wild[0]));

  // Back below: a new start from the keyboard, then from a click on the picture's centre (θ* itself).
  await page.keyboard.press("Home");
  await widget.getByRole("spinbutton", { name: "起点 θ₀ 的第 1 个分量" }).fill("3");
  await expect.poll(async () => (await descentPath(page))[0]).toEqual([3, 0]);
  const box = await widget.locator("svg").boundingBox();
  await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
  await expect.poll(async () => (await descentPath(page))[0]).toEqual([1, 2]);

  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

test("the matrix multiplication widget: each entry of AB from its row and column, step by step, on a phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/en/matrix_basics/");
  const widget = page.locator("figure.widget[data-widget=matmul]");
  await widget.scrollIntoViewIfNeeded();
  const product = () =>
    widget
      .locator("[data-matrix=c] tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => Number(c.dataset.value))));
  await expect(widget.locator("[data-matrix=c] td")).toHaveCount(4);
  // numpy: np.array([[1, 2], [3, 4]]) @ np.array([[5, 6], [7, 8]]) → [[19 22] [43 50]]
  expect(await product()).toEqual([
    [19, 22],
    [43, 50],
  ]);
  const description = widget.locator(".widget-description");
  await expect(description).toContainText("Row 1, column 1 of AB: row 1 of A (1, 2) and column 1 of B (5, 7)");

  // The grid by keyboard: the entry, its row of A and its column of B are marked together.
  await widget.locator('[data-matrix=c] td[tabindex="0"]').focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(widget.locator('td[data-cell="1-1"]')).toBeFocused();
  await expect(description).toContainText("3·6 + 4·8 = 50");
  const marked = (matrix: string, kind: string) =>
    widget
      .locator(`[data-matrix=${matrix}] td.${kind} input`)
      .evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value)));
  expect(await marked("a", "is-row")).toEqual([3, 4]);
  expect(await marked("b", "is-col")).toEqual([6, 8]);

  // The step buttons walk AB in reading order; an edit to A computes AB again.
  await widget.getByRole("button", { name: "Previous entry" }).click();
  await expect(description).toContainText("Row 2, column 1 of AB");
  await widget.getByRole("spinbutton", { name: /^row 2, column 1 of A(,|$)/ }).fill("-3");
  await expect(description).toContainText("(-3)·5 + 4·7 = 13");
  expect(await product()).toEqual([
    [19, 22],
    [13, 14],
  ]);

  const fits = await widget.evaluate((figure) => ({
    figure: figure.getBoundingClientRect().right,
    widest: Math.max(...[...figure.querySelectorAll("table")].map((t) => t.getBoundingClientRect().right)),
    screen: document.documentElement.clientWidth,
  }));
  expect(fits.figure).toBeLessThanOrEqual(fits.screen);
  expect(fits.widest).toBeLessThanOrEqual(fits.figure);
  expect(await seriousViolations(page, "figure.widget")).toEqual([]);
});

test("a lesson without widgets loads no widget code; one with a widget loads it once the widget is near", async ({
  page,
}) => {
  const scripts = collectScripts(page);
  await page.goto("/feed_forward/");
  await page.waitForLoadState("networkidle");
  await page.mouse.wheel(0, 100000);
  await page.waitForLoadState("networkidle");
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((body) => body.includes(MARK))).toEqual([]);

  scripts.length = 0;
  await page.goto("/softmax/");
  await page.waitForLoadState("networkidle");
  expect(scripts.filter((body) => body.includes(MARK))).toEqual([]);
  await page.locator("figure.widget").scrollIntoViewIfNeeded();
  await expect(page.locator("figure.widget .widget-bar")).toHaveCount(3);
  expect(scripts.some((body) => body.includes(`${MARK}softmax`))).toBe(true);
});

/** What GET /api/my-exercises tells the page about one exercise, each time the island asks. */
function collectVariants(page: Page, id: string): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  page.on("response", async (response) => {
    if (!response.url().includes("/api/my-exercises")) return;
    const body = (await response.json().catch(() => ({}))) as { exercises?: Record<string, Record<string, unknown>> };
    const mine = body.exercises?.[id];
    if (mine) seen.push(mine);
  });
  return seen;
}

test("a solved softmax exercise draws the learner's own numbers, which never reached the page before", async ({
  page,
  context,
  baseURL,
}) => {
  const visitor = await asNewVisitor(context, baseURL);
  const id = "softmax-temperature";
  const exercise = await courseExercise(id);
  const seed = firstSeed(visitor, id);
  const { values, expected } = variantValues(exercise.exercise, seed);
  const variants = collectVariants(page, id);
  await page.goto("/softmax/");
  const block = await reach(page.locator(`[data-exercise-id="${id}"]`));
  const cells = block.locator("input[data-cell]");
  await expect(cells).toHaveCount(3);
  // Before: the learner's variant came without a widget, and none is drawn in the exercise.
  expect(variants).toEqual([expect.objectContaining({ seed, solved: false })]);
  expect(variants[0]).not.toHaveProperty("widget");
  await expect(block.locator("figure.widget")).toHaveCount(0);

  for (const [i, x] of (expected[0] as number[]).entries()) await cells.nth(i).fill(String(Number(x.toFixed(6))));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  // After: the same widget as the lesson's, drawn with this variant's z and T.
  const drawn = block.locator("figure.widget[data-widget=softmax]");
  await expect(drawn.locator(".widget-bar")).toHaveCount(3);
  await expect(block.getByRole("heading", { name: "你这道题的数，画出来" })).toBeVisible();
  const heights = await drawn
    .locator(".widget-bar")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-probability"))));
  for (const [i, p] of heights.entries()) expect(p).toBeCloseTo((expected[0] as number[])[i] as number, 9);
  await expect(drawn.locator(".widget-description")).toContainText(`T = ${values.get("T")} 时`);
  expect(
    await drawn
      .getByRole("spinbutton")
      .evaluateAll((inputs) => inputs.map((i) => Number((i as HTMLInputElement).value))),
  ).toEqual(values.get("z"));
  expect(await seriousViolations(page, `[data-exercise-id="${id}"]`)).toEqual([]);

  // Solved stays solved: on the next visit the variant comes with its widget.
  await page.reload();
  const again = await reach(page.locator(`[data-exercise-id="${id}"]`));
  await expect(again.locator("figure.widget[data-widget=softmax] .widget-bar")).toHaveCount(3);
  expect(variants.at(-1)).toMatchObject({ solved: true, widget: { name: "softmax" } });
});

test("a cross-attention exercise whose solution is shown draws the learner's weights, keys apart from queries", async ({
  page,
  context,
  baseURL,
}) => {
  const visitor = await asNewVisitor(context, baseURL);
  const id = "attention-weights";
  const exercise = await courseExercise(id);
  const { expected } = variantValues(exercise.exercise, firstSeed(visitor, id));
  const weights = expected[0] as number[][];
  await page.goto("/en/attention/");
  const block = await reach(page.locator(`[data-exercise-id="${id}"]`));
  const cells = block.locator("input[data-cell]");
  await expect(cells).toHaveCount(6);
  // Three wrong answers (every weight 0.5) bring the solution, and the picture with it.
  for (let attempt = 1; attempt <= 3; attempt++) {
    for (let i = 0; i < 6; i++) await cells.nth(i).fill("0.5");
    await block.getByRole("button", { name: "Check answer" }).click();
    await expect(block.locator(".exercise-attempts")).toHaveAttribute("data-attempts", String(attempt));
    if (attempt < 3) await expect(block.locator("figure.widget")).toHaveCount(0);
  }
  await expect(block.locator(".exercise-solution")).toBeVisible();
  const drawn = block.locator("figure.widget[data-widget=attention]");
  await expect(drawn.locator(".widget-heatmap tbody td")).toHaveCount(6);
  // Two queries, three keys: rows q₁ q₂, columns k₁ k₂ k₃, and no causal mask to switch.
  await expect(drawn.locator(".widget-heatmap thead th")).toHaveText(["k₁", "k₂", "k₃"]);
  await expect(drawn.locator(".widget-heatmap tbody th")).toHaveText(["q₁", "q₂"]);
  await expect(drawn.getByRole("checkbox", { name: /Causal/ })).toHaveCount(0);
  const heat = await drawn
    .locator(".widget-heatmap tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => Number(c.dataset.weight))));
  for (const [i, row] of heat.entries()) {
    for (const [j, w] of row.entries()) expect(w).toBeCloseTo(weights[i]?.[j] as number, 9);
  }
  await expect(drawn.locator(".widget-description")).toContainText("The row of “q₁” attends most to");
});
