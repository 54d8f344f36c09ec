// Web instances that start together against one PostgreSQL database take turns at
// `prisma migrate deploy`, each waiting for the one before it however long its migration takes.
//
// Prisma takes an advisory lock of its own, but gives up on it after 10 s ("Timed out trying to
// acquire a postgres advisory lock"), and on PostgreSQL its CLI lingers about 10 s after its work
// (a timer of that lock wait is left running), so the second of two instances started at once
// always failed. Around the CLI this holds a session-level lock of our own, waits for it up to
// MIGRATION_LOCK_WAIT saying why, and then skips the CLI when the migrations are already applied:
// the instance that waited starts at once, and so does every restart of an up-to-date database.
import { readdirSync } from "node:fs";
import pg from "pg";

/** Our advisory lock's key ("llmb" in ASCII); Prisma's own, 72707369, is taken inside it. */
export const MIGRATION_LOCK_KEY = 0x6c6c6d62;
/** How long an instance waits for another one's migration before giving up (PostgreSQL interval). */
export const MIGRATION_LOCK_WAIT = "15min";
/** What a waiting instance prints. */
export const WAITING_MESSAGE = "waiting for another instance to finish migrating the database…";

/** `host:port/database` of a PostgreSQL URL: enough to say which database, never its password. */
const where = (url) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
};

/**
 * Runs `deploy` (the Prisma CLI's `migrate deploy`, resolving to its exit code) holding the
 * migration lock on the database `url` names, unless every migration folder under
 * `migrationsDir` is already applied there. Resolves to the exit code to leave with.
 */
export async function deployHoldingLock(url, migrationsDir, deploy, log = console.log) {
  const client = new pg.Client({ connectionString: url, application_name: "llm-basics migrate deploy" });
  try {
    await client.connect();
  } catch (error) {
    console.error(`Cannot reach the database at ${where(url)} to migrate it: ${error.message}`);
    return 1;
  }
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0].locked) {
      log(WAITING_MESSAGE);
      await client.query(`SET lock_timeout = '${MIGRATION_LOCK_WAIT}'`);
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      } catch (error) {
        if (error.code !== "55P03") throw error; // lock_not_available: the wait ran out
        console.error(
          `Gave up after ${MIGRATION_LOCK_WAIT}: another instance is still migrating ${where(url)}. ` +
            `If none is, find the session holding advisory lock ${MIGRATION_LOCK_KEY} in pg_locks ` +
            "(its pid in pg_stat_activity, application_name 'llm-basics migrate deploy') and end it.",
        );
        return 1;
      }
      await client.query("RESET lock_timeout");
    }
    const applied = await appliedMigrations(client, new URL(url).searchParams.get("schema") ?? "public");
    const local = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    if (applied && local.every((name) => applied.has(name))) {
      log(`The database is up to date: all ${local.length} migrations are applied.`);
      return 0;
    }
    return await deploy();
  } finally {
    // Ending the session releases the lock, also when the CLI failed.
    await client.end().catch(() => {});
  }
}

/**
 * The migrations Prisma finished and did not roll back, or undefined when Prisma's table is
 * missing or holds a migration that failed or is under way (then the CLI has the say).
 */
async function appliedMigrations(client, schema) {
  const table = `${client.escapeIdentifier(schema)}._prisma_migrations`;
  const { rows: found } = await client.query("SELECT to_regclass($1) IS NOT NULL AS present", [table]);
  if (!found[0].present) return undefined;
  const { rows } = await client.query(
    `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM ${table}`,
  );
  if (rows.some((row) => !row.finished && !row.rolled_back)) return undefined;
  return new Set(rows.filter((row) => row.finished && !row.rolled_back).map((row) => row.migration_name));
}
