import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { reach, seedOf } from "./course.ts";
import { RESTART_PORT } from "./servers.ts";

// Nothing a learner does is lost: two tabs answering at the same moment, or the server stopping
// and starting again between two visits (as `npm start` after a reboot would).
test.slow();

const block = (page: Page, id: string): Locator => page.locator(`[data-exercise-id="${id}"]`);
const attempts = async (b: Locator, n: number) => {
  await reach(b);
  await expect(b.locator(".exercise-attempts")).toHaveAttribute("data-attempts", String(n));
};

async function answerWrong(page: Page, id: string): Promise<void> {
  const b = block(page, id);
  await b.getByRole("textbox", { name: "答案" }).fill("0.0001");
  await b.getByRole("button", { name: "提交答案" }).click();
  await expect(b.locator(".exercise-feedback")).toContainText("不正确");
}

test("two tabs of a new visitor answering at the same moment both count, on one learner", async ({ browser }) => {
  const context = await browser.newContext();
  const [a, b] = [await context.newPage(), await context.newPage()];
  // The first tab's exercises give the browser its learner id; the second tab opens after.
  await a.goto("/softmax/");
  const seed = await seedOf(block(a, "softmax-probability"));
  await b.goto("/softmax/");
  expect(await seedOf(block(b, "softmax-probability"))).toBe(seed);

  // Neither tab has a session yet: both answers arrive together and must land on one guest.
  await Promise.all([answerWrong(a, "softmax-probability"), answerWrong(b, "softmax-probability")]);
  await Promise.all([answerWrong(a, "softmax-probability"), answerWrong(b, "softmax-probability")]);
  for (const page of [a, b]) {
    await page.reload();
    await attempts(block(page, "softmax-probability"), 4);
    expect(await seedOf(block(page, "softmax-probability"))).toBe(seed);
  }
  await context.close();
});

const webDir = path.resolve(import.meta.dirname, "../../apps/web");
const databaseFile = path.resolve(import.meta.dirname, "../../.tmp/e2e-databases/restart.db");

function startServer(): ChildProcess {
  return spawn(
    "sh",
    [
      "-c",
      `node ../../packages/db/scripts/prisma.mjs migrate deploy > /dev/null 2>&1 && exec node dist/server.mjs --port ${RESTART_PORT} --hostname 127.0.0.1`,
    ],
    { cwd: webDir, stdio: "ignore", env: { ...process.env, DATABASE_URL: `file:${databaseFile}` } },
  );
}

async function ready(): Promise<void> {
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${RESTART_PORT}/`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000 },
    )
    .toBe(200);
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGKILL"); // no graceful shutdown: what was acknowledged must already be on disk
  await exited;
}

test("progress survives the server being killed and started again", async ({ page }) => {
  test.skip(
    test.info().project.name === "postgres",
    "starts its own server on SQLite (a PostgreSQL server keeps data by itself)",
  );
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  let server = startServer();
  try {
    await ready();
    const lesson = `http://127.0.0.1:${RESTART_PORT}/softmax/`;
    await page.goto(lesson);
    const seed = await seedOf(block(page, "softmax-probability"));
    await answerWrong(page, "softmax-probability");
    await attempts(block(page, "softmax-probability"), 1);

    await stop(server);
    server = startServer();
    await ready();
    await page.goto(lesson);
    await attempts(block(page, "softmax-probability"), 1);
    expect(await seedOf(block(page, "softmax-probability"))).toBe(seed);
  } finally {
    await stop(server);
  }
});
