import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TestInfo } from "@playwright/test";

// Ports can be moved (E2E_PORT=4100) so two checkouts can run their browser tests at once.
const base = Number(process.env.E2E_PORT ?? 3100);
/** The production server (`node dist/server.mjs`, what `npm start` runs) on the production build. */
export const PRODUCTION_PORT = base;
/** `next dev` on a copy of content/ that tests may edit. */
export const DEV_PORT = base + 1;
/** The production server on the same build with a tiny grading API rate limit, so its test alone is throttled. */
export const RATE_LIMITED_PORT = base + 2;
/** The rate-limited server's limit: answers per window (60 s, so nothing refills during the test). */
export const TINY_RATE_LIMIT = 5;
/** The rate-limited server's limit for each API token: answers per window (60 s). */
export const TINY_TOKEN_RATE_LIMIT = 10;
/** The rate-limited server's new guests per address (an hour's window). */
export const TINY_GUEST_RATE_LIMIT = 2;
/** The rate-limited server's sign-in and sign-up attempts per email (an hour's window). */
export const TINY_ACCOUNT_RATE_LIMIT = 3;
/** A page of the rate-limited server. */
export const rateLimitedUrl = (pathname: string) => `http://127.0.0.1:${RATE_LIMITED_PORT}${pathname}`;
export const devContentDir = path.resolve(import.meta.dirname, "../.tmp/content");
export const devUrl = (pathname: string) => `http://127.0.0.1:${DEV_PORT}${pathname}`;
/** What `next dev` prints (each request, each compile), shown when a dev-server test fails. */
export const devServerLog = path.resolve(import.meta.dirname, "../.tmp/dev-server.log");
/** A production server the durability test stops and starts again itself. */
export const RESTART_PORT = base + 5;
/** The production server on PostgreSQL (only when TEST_DATABASE_URL names a server): the "postgres" project. */
export const POSTGRES_PORT = base + 6;
/** Web instances started together on one fresh PostgreSQL database by instances.spec.ts. */
export const INSTANCE_PORTS = [base + 7, base + 8] as const;

/**
 * When a dev-server test fails, attaches `next dev`'s log and prints its end, so the CI log
 * says what the server was doing (compiling, answering slowly, failing).
 */
export async function reportDevServerLog(testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach("next-dev.log", { path: devServerLog, contentType: "text/plain" });
  const log = await readFile(devServerLog, "utf8").catch(() => "");
  const tail = log.trimEnd().split("\n").slice(-30).join("\n");
  process.stderr.write(`\nThe end of ${path.relative(process.cwd(), devServerLog)} (next dev):\n${tail}\n`);
}
