import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { adminQuery, withDatabase } from "../test/pg-admin.ts";
import { runMigrateDeploy } from "./migrate.ts";

// `migrate deploy` as `npm start` and every web instance run it: scripts/prisma.mjs.
const WAITING = "waiting for another instance to finish migrating the database…";

/** Output an operator would take for something to act on, though nothing is wrong. */
const expectNoFalseAlarm = (output: string) => {
  expect(output).not.toMatch(/warn/i);
  expect(output).not.toContain("will NOT be used");
  expect(output).not.toContain("skipping environment variable loading");
};

describe("migrate deploy", () => {
  it("makes a fresh SQLite database and says only what it applied", async () => {
    const file = path.join(inject("tmpDir"), `${inject("runId")}_fresh.db`);
    const run = await runMigrateDeploy(`file:${file}`);
    expect(run.code).toBe(0);
    expect(run.output).toContain("All migrations have been successfully applied.");
    expectNoFalseAlarm(run.output);
  });

  describe.skipIf(!process.env.TEST_DATABASE_URL)("on PostgreSQL", () => {
    const admin = process.env.TEST_DATABASE_URL ?? "";
    const fresh = async (suffix: string) => {
      const name = `${inject("runId")}_migrate_${suffix}`;
      await adminQuery(admin, `CREATE DATABASE ${name}`);
      return withDatabase(admin, name);
    };

    it("two instances starting together on a fresh database: one migrates, the other waits and starts", async () => {
      const url = await fresh("together");
      const runs = await Promise.all([runMigrateDeploy(url), runMigrateDeploy(url)]);
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      const waited = runs.filter((run) => run.output.includes(WAITING));
      expect(waited).toHaveLength(1);
      expect(waited[0]?.output).toContain("The database is up to date: all 2 migrations are applied.");
      expect(runs.filter((run) => run.output.includes("All migrations have been successfully applied."))).toHaveLength(
        1,
      );
      for (const run of runs) expectNoFalseAlarm(run.output);
      const { rows } = await adminQuery(url, "SELECT count(*)::text AS n FROM _prisma_migrations");
      expect(rows[0]?.n).toBe("2");
    });

    it("leaves a failed migration to Prisma, which refuses to go on", async () => {
      const url = await fresh("failed");
      expect((await runMigrateDeploy(url)).code).toBe(0);
      await adminQuery(
        url,
        "UPDATE _prisma_migrations SET finished_at = NULL, logs = 'failed' WHERE migration_name = '0002_visitor_hash'",
      );
      const run = await runMigrateDeploy(url);
      expect(run.code).not.toBe(0);
      expect(run.output).toContain("P3009");
    });
  });
});
