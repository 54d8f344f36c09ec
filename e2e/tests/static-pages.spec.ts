import { expect, test } from "@playwright/test";
import { course, seedOf } from "./course.ts";

// A lesson is one document for everyone: prerendered, sent without a cookie and with a policy a
// shared cache (nginx's proxy_cache, a CDN) may follow; each learner's numbers come afterwards
// from GET /api/my-exercises, which is where a first-time visitor gets their id. And the lesson's
// content travels once: not again inside the RSC payload beside it.

const LESSON = "/attention/";
const VISITOR = "lb_learner=AAAAAAAAAAAAAAAAAAAAAA";
const OTHER_VISITOR = "lb_learner=BBBBBBBBBBBBBBBBBBBBBB";

test("a lesson is the same document for every visitor, sent without a cookie and cacheable", async ({ baseURL }) => {
  for (const url of ["/", LESSON, "/en/attention/"]) {
    const views = await Promise.all(
      [undefined, VISITOR, OTHER_VISITOR].map((cookie) =>
        fetch(`${baseURL}${url}`, { headers: cookie ? { Cookie: cookie } : {} }),
      ),
    );
    const bodies = await Promise.all(views.map((r) => r.text()));
    for (const response of views) {
      expect(response.status, url).toBe(200);
      expect(response.headers.get("set-cookie"), url).toBeNull();
      expect(response.headers.get("cache-control"), url).toMatch(/^public, .*s-maxage=\d+/);
    }
    expect(bodies[1], `${url}: one visitor's copy is another's`).toBe(bodies[0]);
    expect(bodies[2], `${url}: one visitor's copy is another's`).toBe(bodies[0]);

    // Compressed once, revalidated cheaply: an unchanged page is a 304 without a body.
    const gzipped = await fetch(`${baseURL}${url}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(await gzipped.text()).toBe(bodies[0]);
    const etag = gzipped.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetch(`${baseURL}${url}`, {
      headers: { "Accept-Encoding": "gzip", "If-None-Match": etag as string },
    });
    expect(again.status).toBe(304);
  }
});

test("a first-time visitor gets their id when their first exercise asks for its numbers", async ({ baseURL }) => {
  const mine = (ids: string, cookie?: string) =>
    fetch(`${baseURL}/api/my-exercises?ids=${ids}&locale=zh`, { headers: cookie ? { Cookie: cookie } : {} });
  // httpOnly, SameSite=Lax, a year; Secure only over https, and this is plain http (a client's
  // own X-Forwarded-Proto counts for nothing without TRUST_PROXY).
  const first = await fetch(`${baseURL}/api/my-exercises?ids=attention-weights,softmax-probability&locale=zh`, {
    headers: { "X-Forwarded-Proto": "https" },
  });
  expect(first.status).toBe(200);
  const setCookie = first.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^lb_learner=[A-Za-z0-9_-]{22};/);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=lax/i);
  expect(setCookie).toMatch(/Max-Age=31536000/);
  expect(setCookie).not.toMatch(/;\s*Secure\s*(;|$)/i);
  // Someone's own numbers: never kept by a shared cache.
  expect(first.headers.get("cache-control")).toBe("private, no-store");
  const body = (await first.json()) as { exercises: Record<string, { ok: boolean; seed: number }> };
  expect(Object.keys(body.exercises).sort()).toEqual(["attention-weights", "softmax-probability"]);

  // The same visitor again: the same numbers, no new id.
  const cookie = setCookie.split(";")[0] as string;
  const second = await mine("attention-weights,softmax-probability", cookie);
  expect(second.headers.get("set-cookie")).toBeNull();
  const again = (await second.json()) as typeof body;
  expect(again.exercises["attention-weights"]?.seed).toBe(body.exercises["attention-weights"]?.seed);

  // An exercise a deploy removed is named as such; ids that are not exercise ids are refused.
  const gone = await mine("no-such-exercise", cookie);
  expect(await gone.json()).toEqual({ exercises: { "no-such-exercise": { ok: false, error: "unknown-exercise" } } });
  for (const ids of ["", "a%20b", "x".repeat(70), Array.from({ length: 65 }, (_, i) => `e${i}`).join(",")]) {
    const refused = await mine(ids, cookie);
    expect(refused.status, ids).toBe(400);
    const error = ((await refused.json()) as { error: { code: string; field: string; message: string } }).error;
    expect(error).toMatchObject({ code: "invalid-ids", field: "ids" });
    expect(error.message).toContain("ids");
  }
  // The id that is not one is named, in the language asked for.
  const named = (await (await mine("a%20b", cookie)).json()) as { error: { message: string } };
  expect(named.error.message).toContain('（"a b" 不是练习编号）');
});

test("a lesson's content travels once: the document is at most 1.3 times its lesson body", async ({ baseURL }) => {
  const site = await course();
  const pages = site.lessons.flatMap((p) => [p, ...site.translationsOf(p).values()]);
  const documents = await Promise.all(pages.map(async (page) => (await fetch(`${baseURL}${page.url}`)).text()));
  const sizes: string[] = [];
  for (const [i, page] of pages.entries()) {
    const html = documents[i] as string;
    const start = html.indexOf("<article");
    const end = html.indexOf("</article>") + "</article>".length;
    expect(start, page.url).toBeGreaterThan(0);
    const document = Buffer.byteLength(html);
    const body = Buffer.byteLength(html.slice(start, end));
    sizes.push(`${page.url} ${(document / body).toFixed(2)}× (${document} bytes)`);
    expect(document / body, `${page.url}: ${document} bytes for a body of ${body}`).toBeLessThanOrEqual(1.3);
  }
  expect(sizes.length).toBeGreaterThanOrEqual(20);
});

test("without JavaScript a lesson reads whole and says why its exercises have no form", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  await expect(page.locator("article h2").first()).toBeVisible();
  const exercise = page.locator('[data-exercise-id="attention-weights"]');
  await expect(exercise.locator(".exercise-title")).toBeVisible();
  await expect(exercise).toContainText("作答需要启用 JavaScript");
  // The header's links sign in and come back to this lesson, at the address the browser shows
  // (the page was prerendered for the rewritten route, /zh/attention/, which is not found).
  const account = page.getByRole("navigation", { name: "账户" });
  for (const name of ["登录", "注册"]) {
    const href = await account.getByRole("link", { name }).getAttribute("href");
    expect(new URL(href ?? "", page.url()).searchParams.get("next")).toBe(LESSON);
  }
  await context.close();
});

test("a lesson opened by a client-side navigation still shows its content", async ({ page }) => {
  // Lessons link to each other with plain links; the progress page's links are the router's.
  await page.goto("/progress/");
  const link = page.locator('main a[href="/matrix_basics/"]').first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL("/matrix_basics/");
  await expect(page.locator("article h2").first()).toBeVisible();
  await seedOf(page.locator("article [data-exercise-id]").first());
});

test("an exercise's numbers are fetched as the reader nears it, not when the lesson opens", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const asked: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/my-exercises") asked.push(...(url.searchParams.get("ids") ?? "").split(","));
  });
  await page.goto("/multi_head_attention/");
  await page.waitForLoadState("networkidle");
  const last = page.locator("article [data-exercise-id]").last();
  const id = (await last.getAttribute("data-exercise-id")) as string;
  // Far down the lesson: not asked for, no form built.
  expect(asked).not.toContain(id);
  await expect(last.locator(".exercise-form")).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator(".exercise-form")).toBeAttached();
  expect(asked).toContain(id);
});

test("a lesson opened at a heading below its exercises stays at that heading as they arrive", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${LESSON}#${encodeURIComponent("小结")}`);
  // The exercises just above the heading (within a screen and a half) arrive with their forms.
  const exercises = page.locator("[data-exercise-id]");
  expect(await exercises.count()).toBeGreaterThan(3);
  await expect(exercises.last().locator(".exercise-form")).toBeAttached();
  await page.waitForLoadState("networkidle");
  await expect
    .poll(() => page.evaluate(() => Math.round(document.getElementById("小结")?.getBoundingClientRect().top ?? -1)))
    .toBeLessThan(40);
});

test("a lesson fetches KaTeX's fonts cut to the course's characters; a character outside them brings the whole font", async ({
  page,
}) => {
  const fonts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "font") fonts.push(new URL(response.url()).pathname);
  });
  const response = await page.goto("/multi_head_attention/");
  await page.evaluate(() => document.fonts.ready);
  const cut = /\/KaTeX_[\w-]+\.course\.[\w-]+\.woff2$/;
  expect(fonts.length).toBeGreaterThanOrEqual(3);
  expect(fonts.filter((font) => !cut.test(font))).toEqual([]);
  // The first screen's two fonts are asked for with the page (a Link header), so its formulas are
  // laid out once, in them, instead of moving when they arrive; each is fetched once, as preloaded.
  const preloaded = [...(response?.headers().link ?? "").matchAll(/<([^>]+)>; rel=preload; as=font/g)].map((m) => m[1]);
  expect(preloaded).toEqual([
    expect.stringMatching(/KaTeX_Main-Regular\.course\./),
    expect.stringMatching(/KaTeX_Math-Italic\.course\./),
  ]);
  for (const font of preloaded) expect(fonts.filter((f) => f === font)).toHaveLength(1);
  // The formulas are drawn in KaTeX's fonts, not a fallback: the lesson's ℝ (an R in KaTeX_AMS) too.
  const loaded = await page.evaluate(() =>
    [...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family),
  );
  expect(loaded).toEqual(expect.arrayContaining(["KaTeX_Main", "KaTeX_Math", "KaTeX_AMS"]));
  // ♠ is in KaTeX_Main but in no lesson: asking for it fetches the whole font.
  await page.evaluate(() => document.fonts.load("16px KaTeX_Main", "♠"));
  expect(fonts.filter((font) => /\/KaTeX_Main-Regular\.[\w-]+\.woff2$/.test(font) && !cut.test(font))).toHaveLength(1);
});
