import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { type Database, openDatabase, type Provider } from "../src/index.ts";
import { adminQuery, withDatabase } from "./pg-admin.ts";

/** The providers this run tests: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const providers: Provider[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

let count = 0;

/** A fresh, migrated database of `provider` for one test file; closed (and dropped) after it. */
export async function freshDatabase(provider: Provider): Promise<Database & { url: string }> {
  const name = `${inject("runId")}_${process.pid}_${++count}`;
  let url: string;
  if (provider === "sqlite") {
    const file = path.join(inject("tmpDir"), `${name}.db`);
    copyFileSync(inject("sqliteTemplate"), file);
    url = `file:${file}`;
  } else {
    const admin = process.env.TEST_DATABASE_URL ?? "";
    await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
    url = withDatabase(admin, name);
  }
  const db = openDatabase(url);
  afterAll(async () => {
    await db.close();
    if (provider === "postgres")
      await adminQuery(process.env.TEST_DATABASE_URL ?? "", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return Object.assign(db, { url });
}
