import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "scripts", "prisma.mjs");

/**
 * Runs `migrate deploy` on the database `url` names as `npm start` runs it (scripts/prisma.mjs:
 * several instances starting at once wait their turn): its exit code and everything it printed.
 */
export function runMigrateDeploy(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Brings the database `url` names up to the latest migration (`prisma migrate deploy`, which
 * takes a lock, so several instances starting at once are safe). Rejects with Prisma's output.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const { code, output } = await runMigrateDeploy(url);
  if (code !== 0) throw new Error(`prisma migrate deploy failed (${code}):\n${output}`);
}
