import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Which database a URL names: `postgresql://…` (or `postgres://…`) is PostgreSQL, anything else SQLite. */
export type Provider = "sqlite" | "postgres";

/** `providerOf("postgresql://h/db")` → "postgres"; `providerOf("file:./x.db")` → "sqlite". */
export const providerOf = (url: string): Provider => (/^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite");

/**
 * Every SQLite connection: write-ahead log (readers never wait for the writer), wait up to 5 s
 * for a lock instead of failing, fsync on every commit (an acknowledged attempt survives a power
 * cut), and enforce foreign keys (deleting a user removes its sessions and attempts).
 */
export const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** A SQLite `file:` URL's path, absolute; `:memory:` stays itself. */
export const sqlitePath = (url: string): string => {
  const file = url.replace(/^file:/, "");
  return file === ":memory:" ? file : path.resolve(file);
};

/**
 * A driver adapter factory for `url`, used by both the app's client and the Prisma CLI
 * (`forMigrations`: the schema engine reads PostgreSQL's catalog, see catalogTypesAsText).
 */
export function adapterFactory(url: string, { forMigrations = false } = {}): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgres") {
    const pg = new PrismaPg({ connectionString: url });
    if (!forMigrations) return pg;
    return {
      provider: pg.provider,
      adapterName: pg.adapterName,
      connect: async () => catalogTypesAsText(await pg.connect()),
      connectToShadowDb: async () => catalogTypesAsText(await pg.connectToShadowDb()),
    };
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const inner = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const withPragmas = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withPragmas(await inner.connect()),
    connectToShadowDb: async () => withPragmas(await inner.connectToShadowDb()),
  };
}

// PostgreSQL's catalog columns of type `name` (oid 19) and `"char"` (oid 18) are plain text, but
// @prisma/adapter-pg 6.19 refuses them ("Column type 'name' could not be deserialized"), which
// breaks `migrate deploy` on a fresh database. Reported to the engine as text (oid 25), they read
// correctly; only the CLI's adapter gets this.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;
type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;

function catalogTypesAsText<T extends object>(queryable: T): T {
  const target = queryable as T & { performIO?: PerformIO; startTransaction?: (...a: unknown[]) => Promise<object> };
  const performIO = target.performIO?.bind(target);
  if (performIO)
    target.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result.fields ?? []) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      return result;
    };
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction)
    target.startTransaction = async (...args) => catalogTypesAsText(await startTransaction(...args));
  return queryable;
}
