import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../test/databases.ts";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What `prisma/models.prisma` says the SQLite schema should be, as SQL. */
function schemaFromModels(): string {
  return execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "prisma", "build", "index.js"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      path.join(root, "prisma", "sqlite", "schema.prisma"),
      "--script",
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "file:/nonexistent/unused.db" },
      stdio: "pipe",
    },
  );
}

/**
 * A schema as SQLite sees it: each table's columns (by name: ALTER TABLE adds a column at the
 * end, where CREATE TABLE may have it elsewhere), foreign keys and indexes.
 */
const shape = (db: Sqlite.Database) => {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return tables.map(({ name }) => ({
    name,
    columns: (db.pragma(`table_info("${name}")`) as { name: string; cid?: number }[])
      .map(({ cid, ...column }) => column)
      .sort(byName),
    foreignKeys: (db.pragma(`foreign_key_list("${name}")`) as { id?: number; seq?: number; from: string }[])
      .map(({ id, seq, ...key }) => key)
      .sort((a, b) => a.from.localeCompare(b.from)),
    indexes: (db.pragma(`index_list("${name}")`) as { name: string; seq?: number }[])
      .map(({ seq, ...index }) => ({
        ...index,
        columns: (db.pragma(`index_info("${index.name}")`) as { name: string }[]).map((c) => c.name),
      }))
      .sort(byName),
  }));
};

describe("migrations", () => {
  it("build exactly the schema models.prisma describes (a model change needs `pnpm migration:new`)", () => {
    const expected = new Sqlite(":memory:");
    expected.exec(schemaFromModels());
    const migrated = new Sqlite(inject("sqliteTemplate"), { readonly: true });
    expect(shape(migrated)).toEqual(shape(expected));
  });

  it("open SQLite in WAL mode with synchronous=FULL, a busy timeout and foreign keys on", async () => {
    const db = await freshDatabase("sqlite");
    const pragma = async (name: string) =>
      Object.values((await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0] ?? {})[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(Number(await pragma("synchronous"))).toBe(2); // FULL
    expect(Number(await pragma("foreign_keys"))).toBe(1);
    expect(Number(await pragma("busy_timeout"))).toBeGreaterThanOrEqual(5000);
  });
});
