import { randomBytes } from "node:crypto";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
  test,
} from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { reach, seedOf } from "./course.ts";
import { rateLimitedUrl } from "./servers.ts";

// Accounts in the production build: signing up and in from the header's links, a guest's work
// carried into the account, sessions replaced on sign-in, the same answer for an unknown email
// and a wrong password, the rate limit, and the forms without JavaScript. Every sign-in and
// sign-up hashes a password with argon2id on the two cores `npm test` shares: the slow-test budget.
test.slow();

const LESSON = "/attention/";
const EXERCISE = "attention-scaling-reason";
const PASSWORD = "softmax turns scores into odds";
const SESSION_COOKIE = "lb_session";

/** An email no other test (or earlier run against the same database) uses. */
function freshEmail(purpose: string): string {
  return `${purpose}-${randomBytes(6).toString("hex")}@example.com`;
}

const accountMenu = (page: Page): Locator => page.getByRole("navigation", { name: "账户" });
/** The form's own alert (Next's route announcer is an alert too). */
const formProblem = (page: Page): Locator => page.locator(".account-form").getByRole("alert");
const exercise = (page: Page): Locator => page.locator(`[data-exercise-id="${EXERCISE}"]`);

async function sessionToken(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}

/** Who GET /api/session says a session token belongs to, asked with that cookie alone. */
async function userOfToken(request: APIRequestContext, token: string): Promise<unknown> {
  const response = await request.get("/api/session", { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
  expect(response.headers()["cache-control"]).toMatch(/no-store/);
  return ((await response.json()) as { user: unknown }).user;
}

async function fillSignUp(page: Page, email: string, password: string, displayName?: string): Promise<void> {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  if (displayName !== undefined) await page.getByLabel("显示名称").fill(displayName);
  await page.getByRole("button", { name: "注册" }).click();
}

async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Makes an account in a browser of its own, leaving the test's browser a visitor. */
async function makeAccount(browser: Browser, email: string, origin = ""): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/signup/`);
  await fillSignUp(page, email, PASSWORD);
  await expect(page).not.toHaveURL(/\/signup\//);
  await context.close();
}

/** Answers the scaling exercise wrong once, then right: one wrong attempt, solved. */
async function answerWrongThenRight(page: Page): Promise<void> {
  const block = exercise(page);
  await block.getByRole("radio", { name: /让每一行的注意力权重加起来等于 1/ }).check();
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-attempts")).toHaveAttribute("data-attempts", "1");
  await block.getByRole("radio", { name: /避免 softmax 饱和/ }).check();
  await block.getByRole("button", { name: "提交答案" }).click();
  await expect(block.locator(".exercise-solution")).toBeVisible();
}

test("a guest who signs up keeps their exercise, and finds it again after signing out and in", async ({ page }) => {
  const email = freshEmail("guest");
  await page.goto(LESSON);
  const seed = await seedOf(exercise(page));
  await answerWrongThenRight(page);

  // A guest is offered the same links as a visitor; signing up comes back to the lesson.
  const menu = accountMenu(page);
  await expect(menu.getByRole("link", { name: "登录" })).toBeVisible();
  await menu.getByRole("link", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/signup\/\?next=%2Fattention%2F$/);
  await expect(page.getByText("你在这个浏览器里做过的练习会一起带进账户")).toBeVisible();
  await fillSignUp(page, email, PASSWORD, "小明");
  await expect(page).toHaveURL(LESSON);
  await expect(menu).toContainText("小明");
  await expect(menu.getByRole("link", { name: "登录" })).toHaveCount(0);
  await reach(exercise(page));
  await expect(exercise(page)).toHaveAttribute("data-seed", seed ?? "");
  await expect(exercise(page).locator(".exercise-attempts")).toHaveAttribute("data-attempts", "1");
  await expect(exercise(page).locator(".exercise-solution")).toBeVisible();

  // Signed out, this browser is a new visitor: the work is in the account, not the browser.
  await menu.getByRole("button", { name: "退出" }).click();
  await expect(menu.getByRole("link", { name: "登录" })).toBeVisible();
  await expect(menu).not.toContainText("小明");
  await page.reload();
  await reach(exercise(page));
  await expect(exercise(page).locator(".exercise-attempts")).toHaveAttribute("data-attempts", "0");
  await expect(exercise(page).locator(".exercise-solution")).toHaveCount(0);

  await menu.getByRole("link", { name: "登录" }).click();
  await fillSignIn(page, email, PASSWORD);
  await expect(page).toHaveURL(LESSON);
  await expect(menu).toContainText("小明");
  await reach(exercise(page));
  await expect(exercise(page)).toHaveAttribute("data-seed", seed ?? "");
  await expect(exercise(page).locator(".exercise-attempts")).toHaveAttribute("data-attempts", "1");
  await expect(exercise(page).locator(".exercise-solution")).toBeVisible();
});

test("a wrong password and an unknown email get the same answer", async ({ page, browser }) => {
  const email = freshEmail("known");
  await makeAccount(browser, email);
  const problem = formProblem(page);
  await page.goto("/signin/");
  await fillSignIn(page, email, "not the right password");
  await expect(problem).toHaveText("邮箱或密码不对。");
  const wrongPassword = await page.locator(".account-form").innerHTML();
  // What was typed stays, except the password.
  await expect(page.getByLabel("邮箱")).toHaveValue(email);
  await expect(page.getByLabel("密码")).toHaveValue("");

  // A fresh page, so the answer waited for is the new one.
  await page.goto("/signin/");
  await fillSignIn(page, freshEmail("unknown"), "not the right password");
  await expect(problem).toHaveText("邮箱或密码不对。");
  // The whole form reads the same but for the email typed.
  const unknownEmail = await page.locator(".account-form").innerHTML();
  const withoutEmail = (html: string) => html.replace(/value="[^"]*@example\.com"/g, "");
  expect(withoutEmail(unknownEmail)).toBe(withoutEmail(wrongPassword));
  expect(await sessionToken(page.context())).toBeUndefined();
});

test("sign-up says which field is wrong and why: a weak, common or guessable password, a malformed or taken email", async ({
  page,
  browser,
}) => {
  await page.goto("/signup/");
  await fillSignUp(page, "ann@", "1234567");
  await expect(page.getByText("邮箱格式不对，应该像 name@example.com 这样。")).toBeVisible();
  await expect(page.getByText("密码太短：至少需要 8 个字符。")).toBeVisible();
  await expect(page.getByLabel("邮箱")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("邮箱")).toBeFocused();
  // The problem is part of the field's description, for screen readers.
  await expect(page.getByLabel("密码")).toHaveAccessibleDescription(/密码太短/);

  await fillSignUp(page, freshEmail("weak"), "password123");
  await expect(page.getByText("这个密码太常见，很容易被猜到。")).toBeVisible();
  await expect(page.getByLabel("密码")).toBeFocused();
  await expect(page.getByLabel("邮箱")).not.toHaveAttribute("aria-invalid", "true");
  expect(await sessionToken(page.context())).toBeUndefined();

  // Not on any list, but guessed first: nothing visible, a run of keys, the account's own name.
  await fillSignUp(page, freshEmail("blank"), " ".repeat(8));
  await expect(page.getByLabel("密码")).toHaveAccessibleDescription(/密码不能只有空格或看不见的字符/);
  await fillSignUp(page, freshEmail("run"), "qwertyuiop");
  await expect(page.getByLabel("密码")).toHaveAccessibleDescription(/按顺序排下来的字母、数字或键盘上挨着的键/);
  const own = freshEmail("own");
  await fillSignUp(page, own, `${own.split("@")[0]}2024`);
  await expect(page.getByText("密码不能是你的邮箱、邮箱 @ 前面的部分、显示名称或网站的名字")).toBeVisible();
  await expect(page.getByLabel("密码")).toBeFocused();
  expect(await sessionToken(page.context())).toBeUndefined();

  const taken = freshEmail("taken");
  await makeAccount(browser, taken);
  await fillSignUp(page, taken.toUpperCase(), PASSWORD);
  await expect(page.getByText("这个邮箱已经注册过了，请直接登录。")).toBeVisible();
  await expect(page).toHaveURL(/\/signup\/$/);
});

test("signing in replaces the browser's session: the old cookie no longer works", async ({
  page,
  browser,
  request,
}) => {
  const email = freshEmail("rotation");
  await makeAccount(browser, email);
  // Answering makes this browser a guest with a session of its own.
  await page.goto(LESSON);
  await reach(exercise(page));
  await exercise(page)
    .getByRole("radio", { name: /让每一行的注意力权重加起来等于 1/ })
    .check();
  await exercise(page).getByRole("button", { name: "提交答案" }).click();
  await expect(exercise(page).locator(".exercise-attempts")).toHaveAttribute("data-attempts", "1");
  const guestToken = await sessionToken(page.context());
  expect(guestToken).toBeDefined();
  expect(await userOfToken(request, guestToken ?? "")).toMatchObject({ isGuest: true });

  // Without a page to return to, sign-in lands on the (prerendered) home page.
  await page.goto("/signin/");
  await fillSignIn(page, email, PASSWORD);
  await expect(page).toHaveURL("/");
  const accountToken = await sessionToken(page.context());
  expect(accountToken).toBeDefined();
  expect(accountToken).not.toBe(guestToken);
  expect(await userOfToken(request, guestToken ?? "")).toBeNull();
  expect(await userOfToken(request, accountToken ?? "")).toEqual({
    displayName: email.split("@")[0],
    role: "learner",
    isGuest: false,
  });
  // The cookie is the kind a session needs; not Secure, as the server is reached over plain http
  // (COOKIE_SECURE=auto: a browser keeps no Secure cookie from a classroom's http://laptop:3000).
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  // Signing out ends the session on the server, not only in this browser.
  await accountMenu(page).getByRole("button", { name: "退出" }).click();
  await expect(accountMenu(page).getByRole("link", { name: "登录" })).toBeVisible();
  expect(await sessionToken(page.context())).toBeUndefined();
  expect(await userOfToken(request, accountToken ?? "")).toBeNull();
});

test("repeated sign-ins to one email are stopped with the wait, before any password is checked", async ({
  page,
  browser,
}) => {
  test.skip(
    test.info().project.name === "postgres",
    "uses the rate-limited server (SQLite); the limits live in memory",
  );
  // On the server whose limit is 3 attempts per email an hour; signing up was the first.
  const email = freshEmail("rate-limit");
  await makeAccount(browser, email, rateLimitedUrl(""));
  const problem = formProblem(page);
  for (const attempt of [1, 2]) {
    await page.goto(rateLimitedUrl("/signin/"));
    await fillSignIn(page, email, `wrong password ${attempt}`);
    await expect(problem).toHaveText("邮箱或密码不对。");
  }
  // Refused even with the right password: the limit is asked first.
  await page.goto(rateLimitedUrl("/signin/"));
  await fillSignIn(page, email, PASSWORD);
  await expect(problem).toHaveText(/^尝试次数太多了。为了保护账户，请在 \d+ 分钟后再试。$/);
  await expect(problem).toBeFocused();
  expect(await sessionToken(page.context())).toBeUndefined();
  // Another email from the same address is not held up.
  const other = freshEmail("rate-limit-other");
  await page.goto(rateLimitedUrl("/signin/"));
  await fillSignIn(page, other, PASSWORD);
  await expect(problem).toHaveText("邮箱或密码不对。");
});

test("signing up, out and in works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = freshEmail("no-script");
  await page.goto("/signup/?next=/softmax/");
  // The header's links are there without JavaScript too.
  await expect(accountMenu(page).getByRole("link", { name: "登录" })).toBeVisible();
  await fillSignUp(page, email, "short");
  await expect(page.getByText("密码太短：至少需要 8 个字符。")).toBeVisible();
  await expect(page.getByLabel("邮箱")).toHaveValue(email);
  await fillSignUp(page, email, PASSWORD);
  await expect(page).toHaveURL("/softmax/");
  expect(await sessionToken(context)).toBeDefined();

  // The sign-in page says who is signed in, and signs out with a plain form.
  await page.goto("/signin/");
  await expect(page.getByText(`你已经以“${email.split("@")[0]}”的身份登录。`)).toBeVisible();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  expect(await sessionToken(context)).toBeUndefined();

  await fillSignIn(page, email, "not the right password");
  await expect(formProblem(page)).toHaveText("邮箱或密码不对。");
  await fillSignIn(page, email, PASSWORD);
  await expect(page).toHaveURL("/");
  expect(await sessionToken(context)).toBeDefined();
  await context.close();
});

test("the sign-in and sign-up pages have no serious accessibility violations, before and after a problem", async ({
  page,
}) => {
  await page.goto("/signin/");
  expect(await seriousViolations(page)).toEqual([]);
  await fillSignIn(page, "ann@", "");
  await expect(page.getByText("请填写密码。")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/signup/");
  await fillSignUp(page, "", "password1", "x".repeat(60));
  await expect(page.getByText("显示名称最多 50 个字符")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the account pages never send a learner to another site", async ({ page, browser }) => {
  const email = freshEmail("redirect");
  await makeAccount(browser, email);
  await page.goto(`/signin/?next=${encodeURIComponent("//evil.example/")}`);
  await fillSignIn(page, email, PASSWORD);
  await expect(page).toHaveURL("/");
});
