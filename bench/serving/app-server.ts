// The app's production server as `npm start` runs it: `prisma migrate deploy` on the database,
// then `node dist/server.mjs` in apps/web. Here the database is a fresh SQLite file in a temp
// DATA_DIR, and the server listens on a free port of 127.0.0.1. Nothing is built: a bench that
// finds no build says how to make one.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, onCore, stop, temporaryDirectory, track, waitForHttp } from "./processes.ts";

/** The repository's root directory (with a trailing slash). */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const webDir = path.join(repositoryRoot, "apps/web");
const serverBundle = path.join(webDir, "dist/server.mjs");

/** Exits with a hint when apps/web has no production build (this bench never builds). */
export function requireProductionBuild(): void {
  if (existsSync(serverBundle) && existsSync(path.join(webDir, ".next/BUILD_ID"))) return;
  console.error(
    `No production build of apps/web (${path.relative(repositoryRoot, serverBundle)} is missing).\n` +
      "This bench measures the build that is there and never builds one: run `npm start` once (it builds, then serves;\n" +
      "stop it with Ctrl-C) or `node scripts/pnpm.mjs build`, then run the bench again.",
  );
  process.exit(2);
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** The server process's id (for waitUntilIdle). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

/**
 * Migrates a fresh SQLite database in a temp DATA_DIR and starts `node dist/server.mjs` on a free
 * port of 127.0.0.1 (on the servers' core), with the environment `npm start` would have apart
 * from DATA_DIR; resolves when the home page answers.
 */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<RunningApp> {
  const dataDir = temporaryDirectory("llmb-bench-data-");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, ...options.env };
  // The bench's own database, whatever the shell points at.
  delete env.DATABASE_URL;
  delete env.PORT;
  const migrate = spawnSync(
    process.execPath,
    [path.join(repositoryRoot, "packages/db/scripts/prisma.mjs"), "migrate", "deploy"],
    {
      cwd: webDir,
      env: { ...env, CHECKPOINT_DISABLE: "1" },
      encoding: "utf8",
    },
  );
  if (migrate.status !== 0) {
    throw new Error(`prisma migrate deploy failed (exit ${migrate.status}):\n${migrate.stdout}${migrate.stderr}`);
  }
  const port = await freePort();
  const child = track(
    spawn(...onCore(1, process.execPath, [serverBundle, "--port", String(port), "--hostname", "127.0.0.1"]), {
      cwd: webDir,
      env,
      // The server's errors reach the bench's stderr; its "ready" line does not.
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) =>
      reject(new Error(`the app's server exited (${signal ?? code}) before it answered`)),
    ),
  );
  exited.catch(() => {});
  const origin = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHttp(`${origin}/`), exited]);
  return { origin, port, pid: child.pid, stop: () => stop(child) };
}
