import { expect, test } from "@playwright/test";

test.describe("the home page", () => {
  test("shows the seed's title and every formula rendered by KaTeX, with no request to another host", async ({
    page,
  }) => {
    const foreignRequests: string[] = [];
    page.on("request", (request) => {
      const host = new URL(request.url()).hostname;
      if (host !== "127.0.0.1" && host !== "localhost") foreignRequests.push(request.url());
    });
    await page.goto("/");
    await expect(page).toHaveTitle("首页 · LLM Basics");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("LLM Basics for Beginners");
    await expect(page.getByRole("heading", { name: "Transformer 核心公式" })).toBeVisible();

    // The seed holds 33 formulas: 13 display (7 blocks, 6 inside list items) and 20 inline.
    await expect(page.locator(".katex")).toHaveCount(33);
    await expect(page.locator(".katex-display")).toHaveCount(13);
    await expect(page.locator(".katex-error")).toHaveCount(0);
    await expect(page.locator(".math-source")).toHaveCount(0);
    // MathML stays for screen readers; KaTeX's stylesheet (served by the app) hides it visually.
    await expect(page.locator(".katex-mathml").first()).toBeAttached();
    const mathmlClip = await page
      .locator(".katex-mathml")
      .first()
      .evaluate((el) => getComputedStyle(el).position);
    expect(mathmlClip).toBe("absolute");

    await page.waitForLoadState("networkidle");
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes("KaTeX") && f.status === "loaded").length;
    });
    expect(fontsLoaded).toBeGreaterThan(0);
    expect(foreignRequests).toEqual([]);
  });

  test("renders the one-line formulas inside the numbered list as display math", async ({ page }) => {
    await page.goto("/");
    const addition = page.locator("li").filter({ hasText: "矩阵加法" });
    await expect(addition.locator(".katex-display")).toHaveCount(1);
    await expect(addition.locator("annotation")).toHaveText("A + B = [a_{ij} + b_{ij}]");
  });

  test("has a description, a table of contents and course navigation", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.+/);
    const toc = page.getByRole("navigation", { name: "本页目录" });
    await expect(toc.getByRole("link", { name: "Softmax 函数" })).toBeVisible();
    const course = page.getByRole("navigation", { name: "课程目录" });
    await expect(course.getByRole("link", { name: "首页" })).toHaveAttribute("aria-current", "page");
  });
});

test.describe("a lesson", () => {
  test("the 矩阵基础知识 link on the home page reaches the matrix lesson and its table of contents", async ({
    page,
  }) => {
    await page.goto("/");
    await page.locator("article").getByRole("link", { name: "矩阵基础知识", exact: true }).click();
    await expect(page).toHaveURL(/\/matrix_basics\/$/);
    await expect(page).toHaveTitle("矩阵基础知识 · LLM Basics");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("矩阵基础知识");
    const toc = page.getByRole("navigation", { name: "本页目录" });
    await expect(toc.getByRole("link")).not.toHaveCount(0);
    await toc.getByRole("link", { name: "逆矩阵" }).click();
    await expect(page).toHaveURL(/#%E9%80%86%E7%9F%A9%E9%98%B5$|#逆矩阵$/);
    await expect(page.getByRole("heading", { name: "逆矩阵" })).toBeInViewport();
    await expect(page.locator(".katex-error")).toHaveCount(0);
    await expect(page.locator(".katex").first()).toBeVisible();
  });

  test("links back to the home page as the previous page", async ({ page }) => {
    await page.goto("/matrix_basics/");
    const pager = page.getByRole("navigation", { name: "上一页和下一页" });
    await pager.getByRole("link", { name: /上一页/ }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("LLM Basics for Beginners");
  });

  test("fits a phone screen: no sideways scrolling, the course menu folds away", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    for (const url of ["/", "/matrix_basics/"]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    const menu = page.locator("details.course-nav-compact");
    await expect(menu).toBeVisible();
    await menu.locator("summary").click();
    await expect(menu.getByRole("link", { name: "首页" })).toBeVisible();
  });
});

test("an unknown URL gives the 404 page", async ({ page }) => {
  const response = await page.goto("/no_such_lesson/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("找不到这个页面");
  await page.getByRole("link", { name: "回到首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});
