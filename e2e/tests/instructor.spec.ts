import path from "node:path";
import { loadExercises } from "@llm-basics/content";
import { createApiToken, listApiTokens } from "@llm-basics/db";
import {
  type Exercise,
  evaluateAuthorExpression,
  formatValue,
  grade,
  type Value,
  variantValues,
} from "@llm-basics/grading";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import {
  closeServerDatabases,
  newPerson,
  type Person,
  serverDatabase,
  sessionCookie,
  signInBrowser,
} from "./people.ts";
import { actionIdOf, formsOf } from "./server-actions.ts";
import { PRODUCTION_PORT, RATE_LIMITED_PORT, TINY_RATE_LIMIT, TINY_TOKEN_RATE_LIMIT } from "./servers.ts";

// The instructor view (/instructor/) and the grading API's tokens over real HTTP, against
// the production server (`dist/server.mjs`). Accounts are made in the server's own database
// (people.ts). Answers are recorded for learners only on causal-attention-weights and
// softmax-temperature, which no other spec answers, so their statistics are this file's alone.

const root = path.resolve(import.meta.dirname, "../..");
const course = await loadExercises({ contentDir: path.join(root, "content"), includeDrafts: false });
const base = `http://127.0.0.1:${PRODUCTION_PORT}`;

function exercise(id: string): Exercise {
  const found = course.exercises.get(id)?.exercise;
  if (!found) throw new Error(`content/ has no exercise ${id}`);
  return found;
}
const causal = exercise("causal-attention-weights");
/** A value as a learner types it: four decimals. */
const rounded = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(rounded) : typeof value === "number" ? Math.round(value * 1e4) / 1e4 : value;
const typedValue = (ex: Exercise, seed: number, expr: string) =>
  formatValue(rounded(evaluateAuthorExpression(expr, variantValues(ex, seed).values)) as Value);
const rightAnswer = (ex: Exercise, seed: number) => formatValue(rounded(variantValues(ex, seed).expected[0]) as Value);

/** The first seed where forgetting the causal mask is told apart as that mistake (not a tie). */
function seedShowingMissingMask(): { seed: number; wrong: string } {
  for (let seed = 1; seed < 1000; seed++) {
    const wrong = typedValue(causal, seed, "scaledDotProductAttention(Q, K, V).weights");
    if (grade(causal, seed, wrong, { locale: "zh" }).misconception?.id === "causal-mask-missing")
      return { seed, wrong };
  }
  throw new Error("no seed shows causal-mask-missing");
}

test.afterAll(closeServerDatabases);

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = (data: unknown, headers: Record<string, string> = {}) => ({
  data: JSON.stringify(data),
  headers: { "Content-Type": "application/json", ...headers },
});

/** The instructor page's three actions (making a token, revoking one, finding a learner), as an instructor sees them. */
async function instructorActions(request: APIRequestContext, instructor: Person) {
  const page = await request.get("/instructor/", { headers: { Cookie: sessionCookie(instructor) } });
  expect(page.status()).toBe(200);
  const forms = formsOf(await page.text());
  const create = forms.find((f) => f.visible.includes("name"))?.hidden;
  const lookup = forms.find((f) => f.visible.includes("email"))?.hidden;
  const revoke = forms.find((f) => "tokenId" in f.hidden)?.hidden;
  if (!create || !revoke || !lookup) throw new Error("the instructor page lacks a token, revoke or lookup form");
  return { create, revoke, lookup };
}

test.describe("who may use /instructor/", () => {
  test("a visitor is sent to sign in, and gets 401 from the actions", async ({ request }) => {
    const page = await request.get("/instructor/", { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toBe("/signin/?next=/instructor/");
    const refused = await request.post("/instructor/", { multipart: { name: "x" } });
    expect(refused.status()).toBe(401);
    expect(await refused.text()).toContain("需要登录");
    // In the language of the page the form was on.
    const english = await request.post("/en/instructor/", { multipart: { name: "x" } });
    expect(english.status()).toBe(401);
    expect(await english.text()).toContain("Sign-in needed");
  });

  test("a learner gets 403 from the page and from every action, posted with or without JavaScript", async ({
    request,
    browser,
  }) => {
    const [learner, instructor] = await Promise.all([newPerson("learner"), newPerson("instructor")]);
    // A token to revoke, so the page shows its revoke form.
    const target = await createApiToken(serverDatabase(), { createdById: instructor.id, name: "target" });

    const context = await browser.newContext({ baseURL: base });
    await signInBrowser(context, learner, base);
    const page = await context.newPage();
    const response = await page.goto("/instructor/");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("403 · 没有权限");
    await expect(page.getByText("教师面板")).toHaveCount(0);
    await context.close();

    const { create, revoke, lookup } = await instructorActions(request, instructor);
    const revokeThis = { ...revoke, tokenId: target.view.id };
    const asLearner = { Cookie: sessionCookie(learner), Origin: base };
    // As a form posts them without JavaScript…
    for (const fields of [{ ...create, name: "learner's token" }, revokeThis, { ...lookup, email: instructor.email }]) {
      const posted = await request.post("/instructor/", { multipart: fields, headers: asLearner });
      expect(posted.status()).toBe(403);
      const text = await posted.text();
      expect(text).toContain("没有权限");
      expect(text).not.toContain(instructor.id);
    }
    // …and as the page's JavaScript calls them.
    for (const id of [actionIdOf(create), actionIdOf(revoke), actionIdOf(lookup)]) {
      const called = await request.post("/instructor/", {
        data: "[]",
        headers: { ...asLearner, "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" },
      });
      expect(called.status()).toBe(403);
    }
    // Posted to another page, an action is not run either (Next answers for the page).
    await request.post("/", {
      data: "[]",
      headers: { ...asLearner, "Next-Action": actionIdOf(revoke), "Content-Type": "text/plain;charset=UTF-8" },
    });
    const tokens = await listApiTokens(serverDatabase());
    expect(tokens.find((t) => t.id === target.view.id)?.revokedAt).toBeNull();
    expect(tokens.some((t) => t.name === "learner's token")).toBe(false);

    // The same requests from the instructor do what they say: the refusals above are the role's.
    const made = await request.post("/instructor/", {
      multipart: { ...create, name: "made by a raw post" },
      headers: { Cookie: sessionCookie(instructor), Origin: base },
    });
    expect(made.status()).toBe(200);
    expect(await made.text()).toMatch(/lbk_[\w-]{43}/);
    const revoked = await request.post("/instructor/", {
      multipart: revokeThis,
      headers: { Cookie: sessionCookie(instructor), Origin: base },
    });
    expect(revoked.status()).toBe(200);
    const after = await listApiTokens(serverDatabase());
    expect(after.some((t) => t.name === "made by a raw post")).toBe(true);
    expect(after.find((t) => t.id === target.view.id)?.revokedAt).not.toBeNull();
  });
});

test("an instructor makes a token, records learners' answers with it, sees them in the statistics, and revokes it", async ({
  browser,
  request,
}) => {
  test.slow();
  const [instructor, learner] = await Promise.all([newPerson("instructor"), newPerson("learner")]);
  const context = await browser.newContext({ baseURL: base });
  await signInBrowser(context, instructor, base);
  const page = await context.newPage();
  expect((await page.goto("/instructor/"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("教师面板");
  await expect(page.getByText(instructor.email)).toBeVisible();
  // Every exercise of the course, in course order, answered or not.
  const cards = page.locator(".stat-card");
  await expect(cards).toHaveCount(course.exercises.size);
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-exercise-id")))).toEqual([
    ...course.exercises.keys(),
  ]);
  const causalCard = page.locator('.stat-card[data-exercise-id="causal-attention-weights"]');
  await expect(causalCard).toContainText("还没有人作答");

  // Make a token: shown once, with the warning and a copy button.
  const name = `批改脚本 ${learner.id.slice(0, 6)}`;
  await page.getByLabel("新令牌的名称").fill(name);
  await page.getByRole("button", { name: "创建令牌" }).click();
  const created = page.getByRole("region", { name: `令牌“${name}”已创建` });
  await expect(created).toContainText("只显示这一次");
  await expect(created.getByRole("button", { name: "复制" })).toBeVisible();
  const token = await created.getByLabel("新令牌", { exact: true }).inputValue();
  expect(token).toMatch(/^lbk_[\w-]{43}$/);
  const item = page.locator(".token-item", { hasText: name });
  await expect(item).toContainText(token.slice(0, 10));
  await expect(item).toContainText("有效");
  await expect(item).toContainText("从未使用");
  await expect(item).toContainText(instructor.email);
  // Never again: not after a reload, not in the page's HTML.
  await page.reload();
  await expect(page.locator(".token-item", { hasText: name })).toBeVisible();
  expect(await page.content()).not.toContain(token);
  expect(
    await (await request.get("/instructor/", { headers: { Cookie: sessionCookie(instructor) } })).text(),
  ).not.toContain(token);

  // The learner's id, for the API's `learner` field, found by their email.
  await page.getByLabel("查找学习者的用户 ID").fill(learner.email.toUpperCase());
  await page.getByRole("button", { name: "查找", exact: true }).click();
  await expect(page.locator("#learner-email-result")).toHaveText(
    `${learner.displayName}（${learner.email}）的用户 ID：${learner.id}`,
  );
  await page.getByLabel("查找学习者的用户 ID").fill("nobody@e2e.example.com");
  await page.getByRole("button", { name: "查找", exact: true }).click();
  await expect(page.locator("#learner-email-result")).toHaveText("没有用 nobody@e2e.example.com 注册的账户。");

  // The token's own, higher rate limit (ten times the anonymous 6,000).
  const listed = await request.get("/api/v1/exercises", { headers: bearer(token) });
  expect(listed.status()).toBe(200);
  expect(listed.headers()["ratelimit-policy"]).toBe('"answers";q=60000;w=60');

  // Answers recorded for the learner: one with the missing mask, then the right one.
  const { seed, wrong } = seedShowingMissingMask();
  const url = "/api/v1/exercises/causal-attention-weights/grade";
  const first = await request.post(url, json({ seed, answer: wrong, learner: learner.id }, bearer(token)));
  expect(first.status()).toBe(200);
  const firstVerdict = await first.json();
  expect(firstVerdict).toMatchObject({
    status: "incorrect",
    misconception: { id: "causal-mask-missing" },
    attempt: { id: expect.any(String), learner: learner.id },
  });
  const second = await request.post(
    url,
    json({ seed, answer: rightAnswer(causal, seed), learner: learner.id }, bearer(token)),
  );
  expect(await second.json()).toMatchObject({ status: "correct", attempt: { learner: learner.id } });
  // An unreadable answer uses no attempt and is not recorded.
  const unreadable = await request.post(url, json({ seed, answer: "[[1, 0", learner: learner.id }, bearer(token)));
  expect(await unreadable.json()).not.toHaveProperty("attempt");
  // A batch records each answer that names a learner, in order; an unknown learner is named in its place.
  const temperature = exercise("softmax-temperature");
  const forgotT = typedValue(temperature, 3, "softmax(z)");
  const expectedMistake = grade(temperature, 3, forgotT, { locale: "zh" }).misconception;
  expect(expectedMistake).toBeDefined();
  const batch = await request.post(
    "/api/v1/grade",
    json(
      {
        answers: [
          { exerciseId: "softmax-temperature", seed: 3, answer: forgotT, learner: learner.id },
          { exerciseId: "softmax-temperature", seed: 3, answer: rightAnswer(temperature, 3), learner: "no-such-user" },
          { exerciseId: "softmax-temperature", seed: 3, answer: rightAnswer(temperature, 3) },
        ],
      },
      bearer(token),
    ),
  );
  const { verdicts } = await batch.json();
  expect(verdicts[0]).toMatchObject({ misconception: { id: expectedMistake?.id }, attempt: { learner: learner.id } });
  expect(verdicts[1]).toEqual({
    error: {
      code: "learner-not-found",
      message: 'answers[1].learner: no learner has the id "no-such-user"',
      field: "answers[1].learner",
    },
  });
  expect(verdicts[2]).toMatchObject({ status: "correct" });
  expect(verdicts[2]).not.toHaveProperty("attempt");

  // The statistics show them, with the misconception's message.
  await page.reload();
  await expect(causalCard.locator(".stat-numbers")).toHaveText(/作答\s*2\s*学习者\s*1\s*正确率\s*50%/);
  await expect(causalCard.locator(".stat-wrong")).toContainText(wrong);
  await expect(causalCard.locator(".stat-misconceptions")).toContainText("你没有使用因果掩码");
  await expect(causalCard.locator(".stat-misconceptions")).toContainText("causal-mask-missing");
  const temperatureCard = page.locator('.stat-card[data-exercise-id="softmax-temperature"]');
  await expect(temperatureCard.locator(".stat-numbers")).toHaveText(/作答\s*1\s*学习者\s*1\s*正确率\s*0%/);
  await expect(temperatureCard.locator(".stat-misconceptions")).toContainText(expectedMistake?.message ?? "?");
  await expect(page.locator(".token-item", { hasText: name })).not.toContainText("从未使用");

  // Revoke it (a second, explicit click), and it is refused from then on: at once, though the
  // server took it a moment ago (it keeps a token found live for a second without asking the
  // database again, and the revocation must end that on the server that revoked it).
  expect((await request.get("/api/v1/exercises", { headers: bearer(token) })).status()).toBe(200);
  const live = page.locator(".token-item", { hasText: name });
  await live.getByText("撤销…").click();
  await live.getByRole("button", { name: `确认撤销“${name}”` }).click();
  await expect(live).toContainText("已撤销");
  await expect(live.getByText("撤销…")).toHaveCount(0);
  const refused = await request.get("/api/v1/exercises", { headers: bearer(token) });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
  expect((await refused.json()).error).toMatchObject({
    code: "invalid-token",
    message: expect.stringContaining("revoked"),
  });
  const notRecorded = await request.post(url, json({ seed, answer: wrong, learner: learner.id }, bearer(token)));
  expect(notRecorded.status()).toBe(401);
  await page.reload();
  await expect(causalCard.locator(".stat-numbers")).toHaveText(/作答\s*2\s*学习者/);
  await context.close();
});

test("the API says what is wrong with a token, a learner without one, and an unknown learner", async ({ request }) => {
  const instructor = await newPerson("instructor");
  const { token } = await createApiToken(serverDatabase(), { createdById: instructor.id, name: "errors" });
  const url = "/api/v1/exercises/causal-attention-weights/grade";
  const unknownLearner = await request.post(
    url,
    json({ seed: 1, answer: "[[1]]", learner: "nobody-here" }, bearer(token)),
  );
  expect(unknownLearner.status()).toBe(404);
  expect((await unknownLearner.json()).error).toEqual({
    code: "learner-not-found",
    message: 'learner: no learner has the id "nobody-here"',
    field: "learner",
  });
  const badLearner = await request.post(url, json({ seed: 1, answer: "[[1]]", learner: "not an id!" }, bearer(token)));
  expect(badLearner.status()).toBe(400);
  expect((await badLearner.json()).error).toMatchObject({ code: "invalid-body", field: "learner" });
  const anonymous = await request.post(url, json({ seed: 1, answer: "[[1]]", learner: instructor.id }));
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toMatchObject({ code: "token-required" });
});

test("a token's requests have a bucket of their own, apart from its address's", async ({ request }) => {
  // The server whose anonymous limit is TINY_RATE_LIMIT: more requests than that all pass with
  // a token, counted in the token's bucket of TINY_TOKEN_RATE_LIMIT (the address's, which
  // api-rate-limit.spec.ts spends, is untouched).
  const instructor = await newPerson("instructor", { server: "rate-limited" });
  const { token } = await createApiToken(serverDatabase("rate-limited"), {
    createdById: instructor.id,
    name: "bucket",
  });
  const limit = TINY_TOKEN_RATE_LIMIT;
  for (let i = 1; i <= TINY_RATE_LIMIT + 2; i++) {
    const response = await request.get(`http://127.0.0.1:${RATE_LIMITED_PORT}/api/v1/exercises`, {
      headers: bearer(token),
    });
    expect(response.status()).toBe(200);
    expect(response.headers()["ratelimit-policy"]).toBe(`"answers";q=${limit};w=60`);
    // i units spent; the bucket refills as it goes (a unit each 1.2 s), so at least limit − i are left.
    const left = Number(/^"answers";r=(\d+);t=\d+$/.exec(response.headers().ratelimit ?? "")?.[1]);
    expect(left).toBeGreaterThanOrEqual(limit - i);
    expect(left).toBeLessThan(limit);
  }
});

test("/instructor/ has no serious accessibility violations, in light or dark colours", async ({ browser }) => {
  test.slow();
  const instructor = await newPerson("instructor");
  await createApiToken(serverDatabase(), { createdById: instructor.id, name: "axe 扫描用" });
  const context = await browser.newContext({ baseURL: base });
  await signInBrowser(context, instructor, base);
  const page = await context.newPage();
  await page.goto("/instructor/");
  // With a new token on show, too.
  await page.getByLabel("新令牌的名称").fill("另一个令牌");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByLabel("新令牌", { exact: true })).toHaveValue(/^lbk_/);
  await page.locator(".token-revoke summary").first().click();
  expect(await seriousViolations(page)).toEqual([]);
  // And in dark colours: the system turning dark, which the page follows while it is open.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
