import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { type Direct, postgresDirect, sqliteDirect, sqliteHandle, transactionEnded } from "./direct.ts";

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

/** The most connections one process opens to PostgreSQL (Prisma's and the direct path's together). */
export const POSTGRES_POOL_SIZE = 10;

/**
 * A driver adapter factory for `url`, used by both the app's client and the Prisma CLI
 * (`forMigrations`: the schema engine reads PostgreSQL's catalog, see catalogTypesAsText).
 */
export function adapterFactory(url: string, { forMigrations = false } = {}): SqlMigrationAwareDriverAdapterFactory {
  return connections(url, { forMigrations }).adapter;
}

/**
 * Prisma's adapter for `url` and the direct path on the same connections (direct.ts): on SQLite
 * Prisma's one connection, on PostgreSQL one pool. `connect` opens them (Prisma's `$connect`).
 */
export function connections(
  url: string,
  { forMigrations = false } = {},
): {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  direct: (connect: () => Promise<void>) => Direct;
  close: () => Promise<void>;
} {
  if (providerOf(url) === "postgres") {
    if (forMigrations) {
      const pg = new PrismaPg({ connectionString: url });
      const adapter: SqlMigrationAwareDriverAdapterFactory = {
        provider: pg.provider,
        adapterName: pg.adapterName,
        connect: async () => catalogTypesAsText(await pg.connect()),
        connectToShadowDb: async () => catalogTypesAsText(await pg.connectToShadowDb()),
      };
      return { adapter, direct: () => unavailable(), close: async () => {} };
    }
    const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
    // An idle connection the server dropped is the pool's to replace, not a crash of the process.
    pool.on("error", () => {});
    let ended = false;
    return {
      adapter: new PrismaPg(pool),
      direct: () => postgresDirect(pool),
      close: async () => {
        if (ended) return;
        ended = true;
        await pool.end();
      },
    };
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const inner = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const handle = sqliteHandle();
  const withPragmas = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  };
  // The app's connection: the direct path uses it too, and hears when each of Prisma's
  // transactions on it ends.
  const shared = async (adapter: SqlDriverAdapter) => {
    const { client } = adapter as SqlDriverAdapter & { client: BetterSqlite3.Database };
    handle.client = client;
    // Prisma's adapter begins its transactions with a plain (deferred) BEGIN: one that reads and
    // then writes while another process (`pnpm db:create-instructor`, a test's own connection)
    // has written since its read fails at once with SQLITE_BUSY, which no busy timeout waits out
    // (290 new guests failed in 2.5 s beside a writing process). BEGIN IMMEDIATE takes the write
    // lock first, waiting for it as single statements do; the direct path's writes begin so too.
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof prepare;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => {
      const transaction = await startTransaction(...args);
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = async () => {
        await commit();
        transactionEnded(handle);
      };
      transaction.rollback = async () => {
        await rollback();
        transactionEnded(handle);
      };
      return transaction;
    };
    return adapter;
  };
  return {
    adapter: {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => shared(await withPragmas(await inner.connect())),
      connectToShadowDb: async () => withPragmas(await inner.connectToShadowDb()),
    },
    direct: (connect) => sqliteDirect(handle, connect),
    close: async () => {},
  };
}

function unavailable(): never {
  throw new Error("the migration adapter has no direct path");
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
