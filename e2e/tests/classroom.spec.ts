import { randomBytes } from "node:crypto";
import { type Browser, chromium, expect, type Locator, type Page, test } from "@playwright/test";
import { reach, seedOf, valueOn } from "./course.ts";
import { PRODUCTION_PORT } from "./servers.ts";

// A teacher's laptop serving the course on a school LAN, without TLS: learners open
// http://<the laptop's name>:3000. Chromium treats localhost and 127.x as secure contexts and
// keeps `Secure` cookies from them even over plain http, which would hide a server that marks
// its cookies `Secure` regardless. So this browser reaches the production server by a name of
// its own, classroom.test (mapped to 127.0.0.1 in Chromium's resolver), like any LAN name.
// Signing up and in hashes passwords with argon2id on two shared cores: the slow-test budget.
test.slow();

const HOST = "classroom.test";
const ORIGIN = `http://${HOST}:${PRODUCTION_PORT}`;
const LESSON = "/softmax/";
const EXERCISE = "softmax-probability";
const PASSWORD = "a classroom without TLS";

let browser: Browser;

test.beforeAll(async ({ launchOptions, headless }) => {
  // The project's own Chromium and flags (playwright.config.ts), and the name mapped.
  browser = await chromium.launch({
    ...launchOptions,
    headless,
    args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});

test.afterAll(async () => {
  await browser?.close();
});

const exercise = (page: Page): Locator => page.locator(`[data-exercise-id="${EXERCISE}"]`);
const accountMenu = (page: Page): Locator => page.getByRole("navigation", { name: "账户" });
const softmaxCard = (page: Page): Locator =>
  page.locator(".progress-lesson").filter({ has: page.getByRole("heading", { name: "Softmax 函数", exact: true }) });

async function expectSoftmaxProgress(page: Page): Promise<void> {
  await page.goto("/progress/");
  const card = softmaxCard(page);
  await expect(card.locator(".progress-status")).toHaveText("进行中");
  await expect(card.locator(".progress-solved")).toHaveText(/^1\//);
  await expect(card.locator(".progress-attempts")).toHaveText("1 次");
}

test("on plain http by a LAN name, a learner keeps their numbers, their answers and their account", async () => {
  const context = await browser.newContext({ baseURL: ORIGIN });
  const page = await context.newPage();
  await page.goto(LESSON);
  // The premise: to this browser the page is not a secure context, as a LAN address is not.
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

  // The same numbers after a reload: the browser kept its visitor id.
  const seed = await seedOf(exercise(page));
  await page.reload();
  await reach(exercise(page));
  await expect(exercise(page)).toHaveAttribute("data-seed", seed ?? "");

  // An answer is graded and kept: the verdict, and after a reload the solution and the same numbers.
  const right = (await valueOn(EXERCISE, Number(seed), "exp(a) / (exp(a) + exp(b) + exp(c))")) as number;
  await exercise(page).getByRole("textbox", { name: "答案" }).fill(right.toFixed(4));
  await exercise(page).getByRole("button", { name: "提交答案" }).click();
  await expect(exercise(page).locator(".exercise-verdict")).toHaveClass(/verdict-correct/);
  await page.reload();
  await reach(exercise(page));
  await expect(exercise(page)).toHaveAttribute("data-seed", seed ?? "");
  await expect(exercise(page).locator(".exercise-solution")).toBeVisible();
  await expectSoftmaxProgress(page);

  // Signing up keeps the guest's work in the account, and the header knows who is signed in.
  const email = `classroom-${randomBytes(6).toString("hex")}@example.com`;
  await page.goto(`/signup/?next=${LESSON}`);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByLabel("显示名称").fill("小红");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(`${ORIGIN}${LESSON}`);
  await expect(accountMenu(page)).toContainText("小红");
  await expectSoftmaxProgress(page);

  // Signed out and in again, the account's progress is back.
  await accountMenu(page).getByRole("button", { name: "退出" }).click();
  await expect(accountMenu(page).getByRole("link", { name: "登录" })).toBeVisible();
  await page.goto(`/signin/?next=/progress/`);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(`${ORIGIN}/progress/`);
  await expect(accountMenu(page)).toContainText("小红");
  await expect(softmaxCard(page).locator(".progress-solved")).toHaveText(/^1\//);
  await context.close();
});
