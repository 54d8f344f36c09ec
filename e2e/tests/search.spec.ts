import type { Site } from "@llm-basics/content";
import { expect, type Page, type Route, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";
import { course } from "./course.ts";

// Search as a learner uses it: opened from the header or the keyboard, a query in Chinese or
// English, a result that goes to the heading it names; and nothing of it loaded before.

// The course as the content package reads it (rendering its 2,500 formulas takes seconds):
// read before the tests, not within the first one's time.
let site: Site;
test.beforeAll(async () => {
  site = await course();
});

/** The heading of a lesson, as the content package reads it: its anchor and its text. */
function heading(url: string, text: RegExp): { id: string; text: string } {
  const page = site.pageAt(url);
  const entry = page?.toc.find((h) => text.test(h.text));
  if (!entry) throw new Error(`no heading ${text} on ${url}`);
  return entry;
}

/** Waits for the header's search to answer its shortcuts (it says so once its code has run). */
async function searchReady(page: Page): Promise<void> {
  await expect(page.locator(".search-button")).toHaveAttribute("aria-keyshortcuts", /Control\+K/);
}

/** Records every request the page makes for search's index. */
function indexRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/search-index/")) urls.push(request.url());
  });
  return urls;
}

test("a Chinese query finds the lesson and heading, and Enter goes there", async ({ page }) => {
  const target = heading("/attention/", /^因果掩码$/);
  const requests = indexRequests(page);
  await page.goto("/softmax/");
  await searchReady(page);
  await page.waitForLoadState("networkidle");
  expect(requests, "the index loads only when search opens").toEqual([]);

  // A slow connection from now on: code takes a second to arrive, the index waits until it is
  // let through.
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  let releaseIndex = (): void => {};
  const indexHeld = new Promise<void>((resolve) => {
    releaseIndex = resolve;
  });
  await page.route("**/search-index/**", async (route) => {
    await indexHeld;
    await route.continue();
  });
  // Typed at once, as an input method writes (Playwright inserts CJK text without key presses,
  // so it needs a field to go into): the dialog opens with its field focused within the key's
  // own task.
  await page.keyboard.press("/");
  await page.keyboard.type("因果掩码");
  const dialog = page.getByRole("dialog", { name: "搜索课程" });
  await expect(dialog.getByRole("searchbox")).toHaveValue("因果掩码");
  await expect(dialog.getByRole("status")).toHaveText("正在载入索引…");
  releaseIndex();
  const first = dialog.getByRole("listitem").first();
  await expect(first).toContainText("缩放点积注意力");
  await expect(first).toContainText(target.text);
  // The match is marked in the snippet.
  await expect(first.locator("mark").first()).toHaveText(/因果|掩码/);
  expect(requests).toHaveLength(1);

  await page.keyboard.press("Enter");
  await page.waitForURL((url) => decodeURIComponent(url.pathname + url.hash) === `/attention/#${target.id}`);
  await expect(page.getByRole("heading", { name: target.text, exact: true })).toBeInViewport();
});

test("an English query with Ctrl-K typed straight away, a word still being typed, and the arrow keys", async ({
  page,
}) => {
  const target = heading("/en/attention/", /^The causal mask$/i);
  await page.goto("/en/");
  await searchReady(page);
  // Typed at once, while the index is still on its way: no key is lost.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("causal ma");
  const dialog = page.getByRole("dialog", { name: "Search the course" });
  await expect(dialog.getByRole("searchbox")).toHaveValue("causal ma");
  await expect(dialog.getByRole("status")).toHaveText(/\d+ results?/);
  const first = dialog.getByRole("link").first();
  await expect(first).toContainText(target.text);
  await page.keyboard.press("ArrowDown");
  await expect(first).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(dialog.getByRole("searchbox")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/en/attention/#${target.id}`);
  await expect(page.getByRole("heading", { name: target.text, exact: true })).toBeInViewport();
});

test("search closes with Escape, gives focus back, and '/' typed in a field stays in the field", async ({ page }) => {
  await page.goto("/");
  await searchReady(page);
  const button = page.getByRole("button", { name: "搜索" });
  await button.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("searchbox")).toBeFocused();
  await page.keyboard.type("没有这种东西 qwertyuiop");
  await expect(dialog.getByRole("status")).toHaveText("没有找到相关内容。换个词试试？");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  await page.goto("/signin/");
  await searchReady(page);
  const email = page.getByRole("textbox").first();
  await email.click();
  await page.keyboard.type("a/b");
  await expect(email).toHaveValue("a/b");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("on a 360 px phone search fills the screen and a tap on a result goes there", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const target = heading("/softmax/", /^温度/);
  await page.goto("/");
  await searchReady(page);
  await page.getByRole("button", { name: "搜索" }).tap();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 740 });
  await page.keyboard.type("温度");
  const result = dialog.getByRole("link", { name: new RegExp(target.text) }).first();
  await result.tap();
  await page.waitForURL((url) => decodeURIComponent(url.pathname + url.hash) === `/softmax/#${target.id}`);
  await expect(page.getByRole("heading", { name: target.text })).toBeInViewport();
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`the open search dialog passes axe in ${scheme} colours`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/softmax/");
    await searchReady(page);
    await page.keyboard.press("/");
    await page.keyboard.type("注意力权重");
    await expect(page.getByRole("dialog").locator("mark").first()).toBeVisible();
    expect(await seriousViolations(page, "dialog")).toEqual([]);
  });
}

test("offline, search says its index did not load and the page still takes typing; back online it searches", async ({
  page,
}) => {
  await page.goto("/signin/");
  await searchReady(page);
  // Offline now: what search loads on opening (MiniSearch's chunk and the index) never arrives.
  const offline = (route: Route) => route.abort("internetdisconnected");
  await page.route("**/_next/static/chunks/**", offline);
  await page.route("**/search-index/**", offline);
  await page.getByRole("button", { name: "搜索" }).click();
  const dialog = page.getByRole("dialog", { name: "搜索课程" });
  await expect(dialog.getByRole("status")).toHaveText("搜索索引没有载入，请检查网络后重新打开搜索。");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const email = page.getByRole("textbox").first();
  await email.click();
  await page.keyboard.type("learner@example.org");
  await expect(email).toHaveValue("learner@example.org");

  await page.unrouteAll();
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(dialog.getByRole("searchbox")).toBeFocused();
  await page.keyboard.type("梯度");
  await expect(dialog.getByRole("link").first()).toContainText("梯度");
});
