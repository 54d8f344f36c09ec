import { connections, type Provider, providerOf } from "./adapter.ts";
import type { Direct } from "./direct.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";

/** Raw-SQL helpers (`Prisma.join`, `Prisma.sql`): the runtime's, the same for both clients. */
export { Prisma } from "./generated/sqlite/client.ts";

// The two generated clients have the same models (one models.prisma); the SQLite one's types
// stand for both. Nothing outside this package sees either client: the app calls repositories.
export type Prisma = SqliteClient;
export type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];

/** Whether a Prisma error is a unique-constraint violation (P2002): someone else made that row first. */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2002";

/** An open database: its provider and client, for this package's repositories. */
export interface Database {
  readonly provider: Provider;
  /** @internal Repositories only. */
  readonly prisma: Prisma;
  /** @internal The attempt hot path's statements, on Prisma's own connections (direct.ts). */
  readonly direct: Direct;
  close(): Promise<void>;
}

/**
 * Opens the database `url` names: `file:/abs/path.db` (SQLite through better-sqlite3, WAL,
 * synchronous=FULL) or `postgresql://…` (through `pg`). Connects on first use.
 *
 * `openDatabase("file:/srv/llm-basics/data/llm-basics.db")`
 */
export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  const opened = connections(url);
  const { adapter } = opened;
  const prisma = (provider === "postgres" ? new PostgresClient({ adapter }) : new SqliteClient({ adapter })) as Prisma;
  const direct = opened.direct(() => prisma.$connect());
  return {
    provider,
    prisma,
    direct,
    close: async () => {
      await prisma.$disconnect();
      await opened.close();
    },
  };
}

/**
 * Options of the interactive transactions a learner waits on (a new guest, signing up, signing
 * in). Under a class's load every connection may be busy a while (the group commit's batches
 * among them): Prisma's default wait of 2 s for a connection failed sign-ups in the load test on
 * PostgreSQL ("Unable to start a transaction in the given time").
 */
export const LEARNER_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;
