import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/migrate.ts";
import { adminQuery, withDatabase } from "./pg-admin.ts";

// One migrated template per provider, made with the real `prisma migrate deploy`; each test file
// then gets its own copy (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL).
export default async function setup(project: TestProject) {
  const runId = `llmb_test_${process.pid}_${Date.now() % 1_000_000}`;
  project.provide("runId", runId);
  const dir = mkdtempSync(path.join(tmpdir(), "llmb-db-test-"));
  const sqliteTemplate = path.join(dir, "template.db");
  await migrateDatabase(`file:${sqliteTemplate}`);
  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("tmpDir", dir);

  const pgUrl = process.env.TEST_DATABASE_URL;
  let pgTemplate = "";
  if (pgUrl) {
    pgTemplate = `${runId}_template`;
    await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
    await adminQuery(pgUrl, `CREATE DATABASE ${pgTemplate}`);
    await migrateDatabase(withDatabase(pgUrl, pgTemplate));
  }
  project.provide("pgTemplate", pgTemplate);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl && pgTemplate) {
      const { rows } = await adminQuery(pgUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${runId}_%'`);
      for (const row of rows) await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    tmpDir: string;
    pgTemplate: string;
    runId: string;
  }
}
