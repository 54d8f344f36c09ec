import { variantValues } from "@llm-basics/grading";
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { course, reach, seedOf, valueOn } from "./course.ts";

// /progress/, the header's indicator and the two route handlers behind them, in the production
// build on the real content: softmax (two exercises), attention (four), matrix_basics (none).
// Pages are graded on two cores shared with the rest of `npm test`: the slow-test budget.
test.slow();

const SOFTMAX = "/softmax/";
const LESSONS_TOTAL = (await course()).lessons.length;
const SOFTMAX_EXERCISES = (await course()).pageAt(SOFTMAX)?.exercises ?? [];

function exercise(page: Page, id: string): Locator {
  return page.locator(`[data-exercise-id="${id}"]`);
}

async function seedNumberOf(block: Locator): Promise<number> {
  return Number(await seedOf(block));
}

/** Answers softmax-probability with an author expression's value on the page's variant; waits for the verdict. */
async function answerProbability(page: Page, expression: string, verdict: "correct" | "incorrect"): Promise<void> {
  const block = exercise(page, "softmax-probability");
  const value = (await valueOn("softmax-probability", await seedNumberOf(block), expression)) as number;
  await block.getByRole("textbox", { name: "答案" }).fill(value.toFixed(4));
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-verdict")).toHaveClass(new RegExp(`verdict-${verdict}`));
}

/** Answers one exercise of a single number, vector, matrix or yes/no correctly, from its expected value. */
async function solve(page: Page, id: string): Promise<void> {
  const block = exercise(page, id);
  const found = (await course()).exercises.get(id);
  if (!found) throw new Error(`no exercise ${id}`);
  const value = variantValues(found.exercise, await seedNumberOf(block)).expected[0];
  if (found.exercise.answers[0]?.spec.type === "boolean") {
    await block.getByRole("radio", { name: value ? "是" : "否", exact: true }).check();
  } else if (typeof value === "number") {
    await block.getByRole("textbox", { name: "答案" }).fill(String(Number(value.toFixed(8))));
  } else {
    const entries = (value as number[] | number[][]).flat();
    const cells = block.locator("input[data-cell]");
    await expect(cells).toHaveCount(entries.length);
    for (const [i, x] of entries.entries()) await cells.nth(i).fill(String(Number(x.toFixed(8))));
  }
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
}

function indicator(page: Page): Locator {
  return page.getByRole("banner").locator(".progress-indicator");
}

function lessonCard(page: Page, title: string): Locator {
  return page.locator(".progress-lesson").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

function topicCard(page: Page, label: string): Locator {
  return page.locator(".progress-topic").filter({ has: page.getByRole("heading", { name: label, exact: true }) });
}

async function summaryOf(request: APIRequestContext): Promise<Record<string, unknown>> {
  const response = await request.get("/api/progress/summary");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  return (await response.json()) as Record<string, unknown>;
}

test("a visitor who has never answered sees a friendly empty state and no indicator", async ({ page }) => {
  const asked = page.waitForResponse((r) => r.url().endsWith("/api/progress/summary"));
  await page.goto("/progress/");
  await expect(page).toHaveTitle(/学习进度/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("学习进度");
  await expect(page.getByRole("heading", { name: "还没有学习记录" })).toBeVisible();
  await expect(page.getByRole("link", { name: /从第一课开始：矩阵基础知识/ })).toHaveAttribute(
    "href",
    "/matrix_basics/",
  );
  // The header asked, was told there is no learner, and shows nothing.
  expect(await (await asked).json()).toEqual({ learner: false });
  await expect(indicator(page)).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the visit and summary handlers check their input and never make a user of a reader", async ({
  playwright,
  baseURL,
}) => {
  const reader = await playwright.request.newContext({ baseURL });
  // Strings go as raw bytes (Playwright would send a JSON string for them otherwise).
  const visit = (data: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    reader.post("/api/progress/visit", {
      data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)),
      headers,
    });

  // A real lesson without a session: nothing is noted, no cookie is set, 204.
  const read = await visit({ path: SOFTMAX });
  expect(read.status()).toBe(204);
  expect(read.headers()["set-cookie"]).toBeUndefined();
  expect(await summaryOf(reader)).toEqual({ learner: false });

  // Bad input: 400 (415 for a body not sent as JSON) with a JSON error that says what is wrong.
  const problems: [unknown, number, string, RegExp][] = [
    [{ path: "/no_such_lesson/" }, 400, "unknown-lesson", /no lesson of the course is at "\/no_such_lesson\/"/],
    [{ path: "/softmax" }, 400, "unknown-lesson", /no lesson/],
    [{ path: "/" }, 400, "unknown-lesson", /no lesson/],
    [{ path: 42 }, 400, "invalid-body", /^path: .*string/],
    [{}, 400, "invalid-body", /^path: /],
    [{ path: SOFTMAX, user: "someone-else" }, 400, "invalid-body", /user/],
    [{ path: "x".repeat(2000) }, 400, "invalid-body", /^path: /],
    ["{", 400, "invalid-json", /not JSON/],
    ["", 400, "invalid-json", /empty/],
  ];
  for (const [data, status, code, message] of problems) {
    const response = await visit(data);
    expect(response.status(), JSON.stringify(data)).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code, JSON.stringify(data)).toBe(code);
    expect(body.error.message).toMatch(message);
  }
  const notJson = await visit("path=/softmax/", { "Content-Type": "application/x-www-form-urlencoded" });
  expect(notJson.status()).toBe(415);
  expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("unsupported-media-type");
  // Only POST: a GET of the visit handler is refused.
  expect((await reader.get("/api/progress/visit")).status()).toBe(405);
  await reader.dispose();
});

test("the first answer shows the lesson in progress on /progress/, with its attempts and the misconception's topic", async ({
  page,
}) => {
  await page.goto(SOFTMAX);
  // A misconception: only the numerator, exp(a).
  await answerProbability(page, "exp(a)", "incorrect");
  // The first answer made this browser a learner: the header shows the course's progress.
  await expect(indicator(page)).toContainText(`已完成 0/${LESSONS_TOTAL} 课`);
  await expect(indicator(page)).toHaveAttribute("href", "/progress/");

  await indicator(page).click();
  await expect(page).toHaveURL(/\/progress\/$/);
  await expect(indicator(page)).toHaveAttribute("aria-current", "page");
  const softmax = lessonCard(page, "Softmax 函数");
  await expect(softmax.locator(".progress-status")).toHaveText("进行中");
  await expect(softmax.locator(".progress-solved")).toHaveText(`0/${SOFTMAX_EXERCISES.length}`);
  await expect(softmax.locator(".progress-attempts")).toHaveText("1 次");
  await expect(lessonCard(page, "缩放点积注意力").locator(".progress-status")).toHaveText("未开始");
  await expect(lessonCard(page, "矩阵基础知识").locator(".progress-status")).toHaveText("未开始");
  // The misconception's topic, with the mistake itself, once, not yet put right.
  const topic = topicCard(page, "Softmax");
  await expect(topic.locator(".progress-status")).toHaveText("需要巩固");
  const mistake = topic.locator(".progress-misconception");
  await expect(mistake).toHaveCount(1);
  await expect(mistake).toContainText("你只算了分子");
  await expect(mistake).toContainText("1 次");
  await expect(mistake).toContainText("还没有答对");
  await expect(mistake.getByRole("link", { name: "「第一个词的概率」" })).toHaveAttribute(
    "href",
    "/softmax/#exercise-softmax-probability",
  );
  await expect(page.getByRole("link", { name: /继续学习：Softmax 函数/ })).toHaveAttribute("href", SOFTMAX);
  expect(await seriousViolations(page)).toEqual([]);
});

test("solving every exercise completes the lesson; a lesson opened later is where to continue", async ({
  page,
  baseURL,
}) => {
  await page.goto(SOFTMAX);
  await answerProbability(page, "exp(a)", "incorrect");
  await answerProbability(page, "exp(a) / (exp(a) + exp(b) + exp(c))", "correct");
  await expect(indicator(page)).toContainText(`已完成 0/${LESSONS_TOTAL} 课`);
  for (const id of SOFTMAX_EXERCISES.filter((id) => id !== "softmax-probability")) await solve(page, id);
  // The header says so without a reload.
  await expect(indicator(page)).toContainText(`已完成 1/${LESSONS_TOTAL} 课`);

  await page.goto("/progress/");
  const softmax = lessonCard(page, "Softmax 函数");
  await expect(softmax.locator(".progress-status")).toHaveText("已完成");
  const total = SOFTMAX_EXERCISES.length;
  await expect(softmax.locator(".progress-solved")).toHaveText(`${total}/${total}`);
  await expect(softmax).toContainText("100%");
  await expect(softmax.locator(".progress-attempts")).toHaveText(`${total + 1} 次`);
  await expect(topicCard(page, "Softmax").locator(".progress-misconception")).toContainText("之后已答对");
  await expect(page.getByRole("link", { name: /继续学习：Softmax 函数/ })).toHaveAttribute("href", SOFTMAX);
  await expect(page.locator(".progress-next")).toContainText("下一课：缩放点积注意力");
  expect(await seriousViolations(page)).toEqual([]);

  // Opening another lesson, in English, is noted under that lesson: it is where to continue now.
  // (Once in CI the indicator was missing here, with no server error logged: if it is again, the
  // failure says what the page asked for and what went wrong in it.)
  const seen: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/progress/")) seen.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  page.on("requestfailed", (r) => seen.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`));
  page.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && seen.push(`console: ${m.text()}`));
  await page.goto("/en/attention/");
  await expect(indicator(page))
    .toContainText(`1/${LESSONS_TOTAL} lessons done`)
    .catch((error: Error) => {
      throw new Error(`${error.message}\nwhat the page did: ${JSON.stringify(seen, null, 1)}`);
    });
  await page.goto("/progress/");
  await expect(lessonCard(page, "缩放点积注意力").locator(".progress-status")).toHaveText("已浏览");
  await expect(page.getByRole("link", { name: /继续学习：缩放点积注意力/ })).toHaveAttribute("href", "/attention/");
  expect(await summaryOf(page.request)).toMatchObject({
    learner: true,
    lessonsCompleted: 1,
    lessonsTotal: LESSONS_TOTAL,
    exercisesSolved: total,
    continueAt: { url: "/attention/", reason: "resume" },
  });
  // The English progress page links to the English lessons.
  await page.goto("/en/progress/");
  await expect(page.getByRole("link", { name: /Continue: Scaled Dot-Product Attention/ })).toHaveAttribute(
    "href",
    "/en/attention/",
  );

  // A learner with a session still gets the lessons everyone gets: the same cacheable document.
  expect((await page.context().cookies()).map((c) => c.name)).toContain("lb_session");
  for (const url of ["/", SOFTMAX]) {
    const fetched = await page.request.get(`${baseURL}${url}`);
    expect(fetched.headers()["cache-control"]).toMatch(/^public, /);
    expect(await fetched.text()).toBe(await (await fetch(`${baseURL}${url}`)).text());
  }
});

test("two learners never see each other's progress", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();

  // A: a softmax misconception. B: one wrong choice in the attention lesson.
  await pageA.goto(SOFTMAX);
  await answerProbability(pageA, "exp(a)", "incorrect");
  await pageB.goto("/attention/");
  const choice = await reach(exercise(pageB, "attention-scaling-reason"));
  await choice.getByRole("radio", { name: /让每一行的注意力权重加起来等于 1/ }).check();
  await choice.getByRole("button", { name: "提交答案" }).click();
  await expect(choice.locator(".exercise-verdict")).toContainText("不正确");

  await pageB.goto("/progress/");
  await expect(lessonCard(pageB, "缩放点积注意力").locator(".progress-status")).toHaveText("进行中");
  await expect(lessonCard(pageB, "Softmax 函数").locator(".progress-status")).toHaveText("未开始");
  await expect(lessonCard(pageB, "Softmax 函数").locator(".progress-attempts")).toHaveText("0 次");
  await expect(pageB.locator("[data-misconception]")).toHaveCount(0);
  await expect(pageB.getByText("你只算了分子")).toHaveCount(0);
  await expect(pageB.getByRole("link", { name: /继续学习：缩放点积注意力/ })).toBeVisible();
  // The handler answers about the session's learner only, whatever the query says.
  const summaryB = await pageB.request.get("/api/progress/summary?userId=anyone&user=a");
  expect(await summaryB.json()).toMatchObject({
    learner: true,
    lessonsCompleted: 0,
    exercisesSolved: 0,
    continueAt: { url: "/attention/" },
  });

  await pageA.goto("/progress/?user=b");
  await expect(lessonCard(pageA, "缩放点积注意力").locator(".progress-status")).toHaveText("未开始");
  await expect(lessonCard(pageA, "Softmax 函数").locator(".progress-attempts")).toHaveText("1 次");
  await expect(pageA.getByRole("link", { name: /继续学习：Softmax 函数/ })).toBeVisible();
  expect(await summaryOf(pageA.request)).toMatchObject({ learner: true, continueAt: { url: SOFTMAX } });

  // A third browser that has only read has nothing at all.
  const reader = await browser.newContext();
  const pageC = await reader.newPage();
  await pageC.goto("/progress/");
  await expect(pageC.getByRole("heading", { name: "还没有学习记录" })).toBeVisible();
  expect(await summaryOf(pageC.request)).toEqual({ learner: false });
  await Promise.all([a.close(), b.close(), reader.close()]);
});

test("/progress/ reads well on a phone: nothing wider than the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(SOFTMAX);
  await answerProbability(page, "exp(a)", "incorrect");
  await page.goto("/progress/");
  await expect(page.getByRole("heading", { name: "各主题掌握情况" })).toBeVisible();
  await expect(indicator(page)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
