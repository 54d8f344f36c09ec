import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

import {
  DEV_PORT,
  devContentDir as devContent,
  devServerLog,
  POSTGRES_PORT,
  PRODUCTION_PORT,
  RATE_LIMITED_PORT,
  TINY_ACCOUNT_RATE_LIMIT,
  TINY_GUEST_RATE_LIMIT,
  TINY_RATE_LIMIT,
  TINY_TOKEN_RATE_LIMIT,
} from "./tests/servers.ts";

// The production build (made by `turbo run build` before this task), the same build with tiny
// grading API and account rate limits (so only the tests of the limits are throttled), and a dev
// server on a copy of the content, so a test can edit lessons while the dev server runs.
const webDir = path.resolve(import.meta.dirname, "../apps/web");

// Each server gets a fresh SQLite database of its own, migrated before it starts, as `npm start` does.
const databaseDir = path.resolve(import.meta.dirname, "../.tmp/e2e-databases");
const withDatabase = (name: string, command: string) => {
  const file = path.join(databaseDir, `${name}.db`);
  return {
    command: `mkdir -p ${databaseDir} && rm -f ${file} ${file}-wal ${file}-shm && node ../../packages/db/scripts/prisma.mjs migrate deploy > /dev/null && ${command}`,
    env: { DATABASE_URL: `file:${file}` },
  };
};

// With TEST_DATABASE_URL (a PostgreSQL server, as .ci/run starts), the specs about what is stored
// also run against a server on PostgreSQL: the "postgres" project, on a database made afresh.
const postgresUrl = (() => {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/llmb_e2e_${POSTGRES_PORT}`;
  return url.toString();
})();
/** Specs whose every test is about stored state and uses only the project's own server. */
const POSTGRES_SPECS = /(accounts|progress|durability|exercise)\.spec\.ts$/;

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // list: each test as it ends; project-times: what each project took, and its tightest test.
  reporter: [["list"], ["./reporters/project-times.ts"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PRODUCTION_PORT}`,
    trace: "retain-on-failure",
    // Debian's Chromium, never a downloaded browser; the flags keep it off the network.
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // First, so the dev server compiles while the production tests run; its tests come last.
    { name: "dev-server-warmup", use: { ...devices["Desktop Chrome"] }, testMatch: /dev-server\.setup\.ts$/ },
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /dev-server/ },
    {
      name: "dev-server",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /dev-server\.spec\.ts$/,
      dependencies: ["dev-server-warmup"],
    },
    ...(postgresUrl
      ? [
          {
            name: "postgres",
            use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${POSTGRES_PORT}` },
            testMatch: POSTGRES_SPECS,
            // After the dev server's tests: `next dev` compiles on demand, and with these tests
            // beside it on two cores its live-reload test once ran out of time (a step taking 34 s).
            dependencies: ["dev-server"],
          },
        ]
      : []),
  ],
  webServer: [
    {
      ...withDatabase("production", `node dist/server.mjs --port ${PRODUCTION_PORT} --hostname 127.0.0.1`),
      cwd: webDir,
      url: `http://127.0.0.1:${PRODUCTION_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: withDatabase("rate-limited", `node dist/server.mjs --port ${RATE_LIMITED_PORT} --hostname 127.0.0.1`)
        .command,
      cwd: webDir,
      // Not rate limited itself, and the first request (before the server has fully started) is
      // the one whose client address is not yet known.
      url: `http://127.0.0.1:${RATE_LIMITED_PORT}/api/v1/openapi.json`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...withDatabase("rate-limited", "").env,
        GRADING_API_RATE_LIMIT: String(TINY_RATE_LIMIT),
        GRADING_API_TOKEN_RATE_LIMIT: String(TINY_TOKEN_RATE_LIMIT),
        GRADING_API_RATE_WINDOW: "60",
        // Two new guests per address an hour: the third visitor to answer is refused.
        GUEST_RATE_LIMIT: String(TINY_GUEST_RATE_LIMIT),
        GUEST_RATE_WINDOW: "3600",
        // Three sign-in or sign-up attempts per email an hour: nothing refills during the test.
        ACCOUNT_RATE_LIMIT_PER_EMAIL: String(TINY_ACCOUNT_RATE_LIMIT),
        ACCOUNT_RATE_WINDOW: "3600",
      },
    },
    {
      command: withDatabase(
        "dev",
        `rm -rf ${devContent} && mkdir -p ${devContent} && cp -R ../../content/. ${devContent}/ && CONTENT_DIR=${devContent} node_modules/.bin/next dev --port ${DEV_PORT} --hostname 127.0.0.1 > ${devServerLog}`,
      ).command,
      cwd: webDir,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...withDatabase("dev", "").env, NEXT_TELEMETRY_DISABLED: "1" },
    },
    ...(postgresUrl
      ? [
          {
            command: `node ../../e2e/scripts/fresh-postgres-database.mjs && node ../../packages/db/scripts/prisma.mjs migrate deploy > /dev/null && node dist/server.mjs --port ${POSTGRES_PORT} --hostname 127.0.0.1`,
            cwd: webDir,
            url: `http://127.0.0.1:${POSTGRES_PORT}/`,
            reuseExistingServer: false,
            // `prisma migrate deploy` on PostgreSQL lingers ~10 s after its work.
            timeout: 120_000,
            env: { DATABASE_URL: postgresUrl },
          },
        ]
      : []),
  ],
});
