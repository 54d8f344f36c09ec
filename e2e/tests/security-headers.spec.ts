import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { reach, valueOn } from "./course.ts";
import { closeServerDatabases, newPerson, signInBrowser } from "./people.ts";
import { PRODUCTION_PORT } from "./servers.ts";

// The security headers of the production server (lib/http/security-headers.ts, set by
// server/main.ts) on every kind of response, a site used the way learners and instructors use it
// without the policy refusing anything, and another origin's page unable to frame the site.
// Several pages, a sign-up and a sign-in (argon2id) on two shared cores: the slow-test budget.
test.slow();
test.afterAll(closeServerDatabases);

const base = `http://127.0.0.1:${PRODUCTION_PORT}`;

/** A Content-Security-Policy as its directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

/** Checks the headers every response of the site carries; `what` names the response in failures. */
function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'self'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("connect-src"), what).toEqual(["'self'"]);
  // No other host, and no eval: every source is this site, a keyword or data:.
  for (const source of [...csp.values()].flat()) {
    expect(source, what).toMatch(/^('[a-z-]+'|data:)$/);
    expect(source, what).not.toBe("'unsafe-eval'");
  }
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toMatch(/(^|, )camera=\(\)/);
  expect(headers["permissions-policy"], what).toMatch(/(^|, )microphone=\(\)/);
  // Plain http, and the client's own X-Forwarded-Proto is not trusted (no TRUST_PROXY): no HSTS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, 404s, redirects, API answers, the lean answer handler and static assets carry the security headers", async ({
  request,
}) => {
  const home = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(home.status()).toBe(200);
  expectSecurityHeaders(home.headers(), "the home page");

  const missing = await request.get("/no-such-lesson/");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), "a 404 page");

  const redirect = await request.get("/softmax", { maxRedirects: 0 });
  expect(redirect.status()).toBe(308);
  expectSecurityHeaders(redirect.headers(), "a redirect");

  const session = await request.get("/api/session");
  expect(session.status()).toBe(200);
  expectSecurityHeaders(session.headers(), "GET /api/session");

  const apiMissing = await request.get("/api/v1/exercises/no-such-exercise?seed=1");
  expect(apiMissing.status()).toBe(404);
  expectSecurityHeaders(apiMissing.headers(), "an API 404");

  // The lean handler (server/lean-api.ts) answers these without Next.js: an answer without
  // cookies, and the grading API without a token.
  const answer = await request.post("/api/answer", {
    headers: { Origin: base },
    data: { exerciseId: "softmax-probability", answer: "0.5", seed: 1, locale: "zh" },
  });
  expect(answer.headers()["content-type"]).toMatch(/json/);
  expectSecurityHeaders(answer.headers(), "POST /api/answer");
  const grade = await request.post("/api/v1/grade", { data: { answers: [] } });
  expect(grade.status()).toBe(401);
  expectSecurityHeaders(grade.headers(), "POST /api/v1/grade");

  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expectSecurityHeaders(icon.headers(), "/icon.svg");
  // An SVG opened by itself is a document that could run scripts: its policy is sandboxed.
  expect(directives(icon.headers()["content-security-policy"] ?? "").has("sandbox")).toBe(true);
  expect(directives(home.headers()["content-security-policy"] ?? "").has("sandbox")).toBe(false);
  const assets = [...(await home.text()).matchAll(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g)].map((m) => m[0]);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of new Set([assets.find((a) => a.endsWith(".js")), assets.find((a) => a.endsWith(".css"))])) {
    if (!asset) continue;
    const response = await request.get(asset);
    expect(response.status(), asset).toBe(200);
    expectSecurityHeaders(response.headers(), asset);
  }
});

/**
 * Records what the page's policies refuse, in every page the context opens: each
 * `securitypolicyviolation` event (reported by an init script as it happens, so navigations
 * lose none), and each console message about the CSP or the Permissions-Policy.
 */
async function recordRefusals(context: BrowserContext): Promise<string[]> {
  const refusals: string[] = [];
  await context.exposeBinding("recordPolicyViolation", ({ page }, text: string) => {
    refusals.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    const record = (window as unknown as { recordPolicyViolation: (text: string) => void }).recordPolicyViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      record(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on("console", (message) => {
    if (/Content.Security.Policy|Permissions.Policy/i.test(message.text()))
      refusals.push(`${message.page()?.url()}: console: ${message.text()}`);
  });
  return refusals;
}

/** An exercise, scrolled to (its numbers are fetched as it nears the screen). */
function exercise(page: Page, id: string): Promise<Locator> {
  return reach(page.locator(`[data-exercise-id="${id}"]`));
}
const accountMenu = (page: Page): Locator => page.getByRole("navigation", { name: "账户" });

test("learning, signing up and in, the progress page and the instructor view run with nothing refused by the policy", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: base });
  const refusals = await recordRefusals(context);
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("LLM Basics for Beginners");
  await page.goto("/no-such-lesson/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("404 · 找不到这个页面");

  // A lesson's exercises: a typed answer with its live formula preview, a wrong answer and the
  // hint it brings, a new variant; a grid of cells in another lesson.
  await page.goto("/softmax/");
  const probability = await exercise(page, "softmax-probability");
  const field = probability.getByRole("textbox", { name: "答案" });
  await field.fill("1/(1+e^-1)");
  await expect(probability.locator(".answer-preview .katex")).toBeVisible();
  const seed = Number(await probability.getAttribute("data-seed"));
  await field.fill(((await valueOn("softmax-probability", seed, "exp(a)")) as number).toFixed(4));
  await probability.getByRole("button", { name: "提交答案" }).click();
  await expect(probability.locator(".exercise-verdict")).toHaveClass(/verdict-incorrect/);
  await expect(probability.getByRole("heading", { name: "提示" })).toBeVisible();
  await probability.getByRole("button", { name: "换一题" }).click();
  await expect(await exercise(page, "softmax-probability")).not.toHaveAttribute("data-seed", String(seed));
  await page.goto("/attention/");
  const weights = await exercise(page, "attention-weights");
  const cells = weights.locator("input[data-cell]");
  await expect(cells.first()).toBeVisible();
  for (const cell of await cells.all()) await cell.fill("0.5");
  await weights.getByRole("button", { name: "提交答案" }).click();
  await expect(weights.locator(".exercise-verdict")).toHaveClass(/verdict-incorrect/);
  await page.goto("/en/attention/");
  await expect(await exercise(page, "attention-weights")).toBeVisible();

  // Sign up, sign out, sign in (server actions and their redirects), then the progress page.
  const email = `csp-${randomBytes(6).toString("hex")}@example.com`;
  const password = "policies refuse nothing here";
  await page.goto("/signup/?next=/progress/");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByLabel("显示名称").fill("小安");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(`${base}/progress/`);
  await expect(page.locator(".progress-lesson").first()).toBeVisible();
  await accountMenu(page).getByRole("button", { name: "退出" }).click();
  await expect(accountMenu(page).getByRole("link", { name: "登录" })).toBeVisible();
  await accountMenu(page).getByRole("link", { name: "登录" }).click();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(`${base}/progress/`);
  await expect(accountMenu(page)).toContainText("小安");

  // The instructor view: its report, and making an API token (a server action, then a copy button).
  const instructor = await newPerson("instructor");
  await context.clearCookies();
  await signInBrowser(context, instructor, base);
  await page.goto("/instructor/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("教师面板");
  await page.getByLabel("新令牌的名称").fill("csp");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByRole("region", { name: "令牌“csp”已创建" })).toBeVisible();

  expect(refusals).toEqual([]);
  // And the recorder does hear a refusal: an image from another host.
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "http://elsewhere.invalid/pixel.png";
    document.body.append(image);
  });
  await expect.poll(() => refusals.join("\n")).toMatch(/img-src refused http:\/\/elsewhere\.invalid\/pixel\.png/);
  await context.close();
});

/** A page of another origin (this test's own server, on another port) that frames `target`. */
async function framingPage(target: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === "/own/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>own</title><p>a frame of the framing site itself</p>");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><title>framing</title><iframe name="own" src="/own/"></iframe><iframe name="site" src="${target}"></iframe>`,
    );
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
  return { server, url: `http://127.0.0.1:${port}/` };
}

test("a page of another origin cannot frame the site, not even the signed-in instructor view", async ({ browser }) => {
  const instructor = await newPerson("instructor");
  const context = await browser.newContext();
  await signInBrowser(context, instructor, base);
  const { server, url } = await framingPage(`${base}/instructor/`);
  try {
    const page = await context.newPage();
    const refused = page.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
    await page.goto(url);
    // The framing site's own frame loads: frames work on that page.
    await expect(page.frameLocator('iframe[name="own"]').locator("p")).toHaveText("a frame of the framing site itself");
    // The site's frame is refused by its policy, and shows none of the instructor view.
    await refused;
    await expect(page.frameLocator('iframe[name="site"]').getByText("教师面板")).toHaveCount(0);

    // It is the headers that refuse it: with them taken off its response, the same frame shows
    // the signed-in instructor view (what a page on another port once did).
    await context.route(`${base}/instructor/`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    });
    await page.reload();
    await expect(page.frameLocator('iframe[name="site"]').getByRole("heading", { level: 1 })).toHaveText("教师面板");
  } finally {
    await context.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
