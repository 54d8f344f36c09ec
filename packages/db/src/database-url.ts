import path from "node:path";

/**
 * The database the server, the Prisma scripts and `pnpm db:create-instructor` all use:
 * `DATABASE_URL` when set, else SQLite at `<DATA_DIR>/llm-basics.db` (DATA_DIR defaults to
 * `data`). A relative SQLite path, in either, is relative to the repository, wherever the
 * process runs (Next runs in apps/web, the CLI in packages/db). scripts/prisma.mjs follows the
 * same rule.
 *
 * `resolveDatabaseUrl({}, "/srv/llm")` → "file:/srv/llm/data/llm-basics.db"
 */
export function resolveDatabaseUrl(
  given: { databaseUrl?: string | undefined; dataDir?: string | undefined },
  repoDir: string,
): string {
  const url = given.databaseUrl || `file:${path.join(path.resolve(repoDir, given.dataDir || "data"), "llm-basics.db")}`;
  return url.startsWith("file:") ? `file:${path.resolve(repoDir, url.slice("file:".length))}` : url;
}
