import { expect, test as setup } from "@playwright/test";
import { devUrl, reportDevServerLog } from "./servers.ts";

// `next dev` compiles a route the first time it is asked for. A lesson's first view asks for
// five at once (the page, then /api/session, /api/progress/summary, /api/progress/visit and the
// live-reload stream; an answer adds /api/answer), and on a fresh clone their compile
// took 8 s on an idle machine and more than 20 s once under CI, while the dev-server tests'
// assertions waited. Ask for each here, once, before those tests start: they then measure the
// dev server, not its first compile.
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from a destructuring pattern; this hook needs none.
setup.afterEach(async ({}, testInfo) => reportDevServerLog(testInfo));

setup("next dev has compiled the routes a lesson uses", async ({ page, request, browser }) => {
  // This is the dev server's start-up, like the `webServer` wait before it, with its budget.
  setup.setTimeout(120_000);
  // No page is rendered while another route compiles: Turbopack rewrites the manifests a render
  // reads as each route's compile ends, and a lesson rendered meanwhile failed with Next's own
  // "SyntaxError: Unexpected end of JSON input" (a 500, in CI). So the lesson route compiles
  // alone first; then the routes it calls compile side by side (asked one after another they
  // took 65 s cold on an idle machine and 112 s once in CI); then the browser's side.
  await setup.step("GET /matrix_basics/ (the lesson route, alone)", async () => {
    expect((await request.get(devUrl("/matrix_basics/"), { timeout: 0 })).status()).toBe(200);
  });
  const routes = [
    ...["/api/session", "/api/progress/summary"].map((pathname) =>
      setup.step(`GET ${pathname}`, async () => {
        expect((await request.get(devUrl(pathname), { timeout: 0 })).status()).toBe(200);
      }),
    ),
    setup.step("POST /api/progress/visit", async () => {
      // An empty body is refused, once the route is compiled.
      expect((await request.post(devUrl("/api/progress/visit"), { data: {}, timeout: 0 })).status()).toBe(400);
    }),
    setup.step("POST /api/answer", async () => {
      // An answer to no exercise is refused (in the body, as the page reads it), once the route is compiled.
      const response = await request.post(devUrl("/api/answer"), {
        data: {},
        headers: { origin: devUrl("") },
        timeout: 0,
      });
      expect(await response.json()).toMatchObject({ ok: false, error: "bad-input" });
    }),
    setup.step("GET /api/dev/content-events/ (its first event)", async () => {
      const controller = new AbortController();
      const response = await fetch(devUrl("/api/dev/content-events/"), { signal: controller.signal });
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      await response.body?.getReader().read();
      controller.abort();
    }),
  ];
  await Promise.all(routes);
  // And the browser's side: the page's client code and the stream it opens, and an answer (one
  // the grader cannot read: it uses no attempt and stores nothing).
  const liveReload = () =>
    setup.step("open /matrix_basics/ until live reload is connected", async () => {
      await page.goto(devUrl("/matrix_basics/"), { timeout: 0 });
      await expect(page.locator("html")).toHaveAttribute("data-content-reload", "connected", { timeout: 0 });
    });
  const answer = () =>
    setup.step("answer an exercise on /softmax/", async () => {
      const other = await browser.newPage();
      await other.goto(devUrl("/softmax/"), { timeout: 0 });
      const block = other.locator('[data-exercise-id="softmax-probability"]');
      await block.scrollIntoViewIfNeeded();
      const field = block.getByRole("textbox", { name: "答案" });
      await field.fill("0.5 +");
      await field.press("Enter");
      await expect(block.locator(".exercise-feedback")).toContainText("无法读取答案", { timeout: 0 });
      await other.close();
    });
  await Promise.all([liveReload(), answer()]);
});
